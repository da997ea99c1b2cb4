// The modern era's (2026-07-28) request metadata headers on Streamable HTTP:
// MCP-Protocol-Version, Mcp-Method and Mcp-Name mirror fields of the JSON-RPC
// body so that intermediaries can route without parsing it. A server that
// reads the body must check that the two agree, or a proxy routing on a
// header and the server acting on the body could be told different things.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace awsmcp::transport {

struct HttpRequest;

// Decodes a header value that may use the sentinel "=?base64?...?=" form;
// nullopt when the sentinel's content is not valid, padded base64.
std::optional<std::string> DecodeHeaderValue(const std::string& value);

// A tool parameter mirrored into the header Mcp-Param-{header}: its schema
// carries "x-mcp-header": "{header}".
struct MirroredParam {
  std::vector<std::string> path;  // the chain of `properties` keys from the schema root
  std::string header;             // "Region" for Mcp-Param-Region
};
// The mirrored parameters of a tool's inputSchema, reachable through
// `properties` alone, as the spec allows.
std::vector<MirroredParam> FindMirroredParams(const nlohmann::json& input_schema);
// Tool name -> its mirrored parameters.
using MirroredParams = std::map<std::string, std::vector<MirroredParam>>;

// Why the headers disagree with `body` (one JSON-RPC request), or nullopt when
// they agree: Mcp-Method must equal the method; Mcp-Name the params.name of
// tools/call and prompts/get or the params.uri of resources/read;
// MCP-Protocol-Version the version in params._meta, when that is given; and,
// for a tools/call, each Mcp-Param-{header} of `tools` the argument it
// mirrors (required when the argument is given).
// Values are compared exactly (they are case-sensitive) after dropping the
// spaces and tabs around them. When the HTTP library has percent-decoded the
// headers, Mcp-Name is compared with the body's value decoded the same way,
// so two names that differ only in percent-encoding are taken as equal.
std::optional<std::string> HeaderMismatch(const HttpRequest& request, const nlohmann::json& body,
                                          const MirroredParams& tools = {});

}  // namespace awsmcp::transport
