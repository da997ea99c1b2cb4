// The modern era's (2026-07-28) request metadata headers on Streamable HTTP:
// MCP-Protocol-Version, Mcp-Method and Mcp-Name mirror fields of the JSON-RPC
// body so that intermediaries can route without parsing it. A server that
// reads the body must check that the two agree, or a proxy routing on a
// header and the server acting on the body could be told different things.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace awsmcp::transport {

struct HttpRequest;

// Decodes a header value that may use the sentinel "=?base64?...?=" form;
// nullopt when the sentinel's content is not valid base64.
std::optional<std::string> DecodeHeaderValue(const std::string& value);

// Why the headers disagree with `body` (one JSON-RPC request), or nullopt when
// they agree: Mcp-Method must equal the method; Mcp-Name the params.name of
// tools/call and prompts/get or the params.uri of resources/read; and
// MCP-Protocol-Version the version in params._meta, when that is given.
// Values are compared exactly (they are case-sensitive) after dropping the
// spaces and tabs around them. When the HTTP library has percent-decoded the
// headers, Mcp-Name is compared with the body's value decoded the same way,
// so two names that differ only in percent-encoding are taken as equal.
std::optional<std::string> HeaderMismatch(const HttpRequest& request, const nlohmann::json& body);

}  // namespace awsmcp::transport
