// The JSON-RPC error codes this server answers with, by name: the standard
// ones, and those MCP reserves. No layer writes a code as a literal.
#pragma once

namespace awsmcp::jsonrpc {

inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
// MCP legacy era: resources/read of an unknown URI (the modern era uses kInvalidParams).
inline constexpr int kResourceNotFound = -32002;
// Reserved by MCP 2026-07-28; on HTTP each is answered with 400 Bad Request.
inline constexpr int kHeaderMismatch = -32020;              // HTTP headers disagree with the body
inline constexpr int kMissingClientCapability = -32021;     // the request needs a capability not declared
inline constexpr int kUnsupportedProtocolVersion = -32022;  // data: {supported, requested}

}  // namespace awsmcp::jsonrpc
