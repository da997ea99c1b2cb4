// JSON-RPC 2.0 as MCP uses it: classifying an incoming message and building
// responses. No batches (removed from MCP in 2025-06-18): an array is invalid.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace awsmcp::mcp {

using nlohmann::json;

namespace rpc {
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kResourceNotFound = -32002;  // MCP legacy era: resources/read of an unknown URI
                                                  // (the modern era uses kInvalidParams)
// Reserved by MCP 2026-07-28; on HTTP each is answered with 400 Bad Request.
inline constexpr int kHeaderMismatch = -32020;               // HTTP headers disagree with the body
inline constexpr int kMissingClientCapability = -32021;      // the request needs a capability not declared
inline constexpr int kUnsupportedProtocolVersion = -32022;   // data: {supported, requested}
}  // namespace rpc

struct Message {
  enum class Kind { kRequest, kNotification, kResponse, kInvalid };
  Kind kind = Kind::kInvalid;
  json id;              // string or integer for requests; null otherwise
  std::string method;   // requests and notifications
  json params;          // object (or null when absent)
  int error_code = 0;   // for kInvalid: the error to answer with
  std::string error;    // for kInvalid: why
};

// Parses and classifies one framed message. Never throws.
Message ParseMessage(const std::string& text);

std::string MakeResult(const json& id, json result);
std::string MakeError(const json& id, int code, const std::string& message, json data = nullptr);
std::string MakeNotification(const std::string& method, json params);

}  // namespace awsmcp::mcp
