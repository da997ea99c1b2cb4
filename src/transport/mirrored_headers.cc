#include "transport/mirrored_headers.h"

#include "aws/crypto.h"
#include "aws/uri.h"
#include "transport/streamable_http.h"

namespace awsmcp::transport {
namespace {

using nlohmann::json;

std::string TrimOws(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

// The body field Mcp-Name mirrors for `method`, or nullptr.
const char* NameField(const std::string& method) {
  if (method == "tools/call" || method == "prompts/get") return "name";
  if (method == "resources/read") return "uri";
  return nullptr;
}

}  // namespace

std::optional<std::string> DecodeHeaderValue(const std::string& value) {
  constexpr std::string_view kOpen = "=?base64?", kClose = "?=";
  if (value.size() < kOpen.size() + kClose.size() || !value.starts_with(kOpen) || !value.ends_with(kClose)) {
    return value;
  }
  return aws::Base64Decode(std::string_view(value).substr(kOpen.size(), value.size() - kOpen.size() - kClose.size()));
}

std::optional<std::string> HeaderMismatch(const HttpRequest& request, const json& body) {
  const std::string method = body.value("method", "");
  if (!request.headers.contains("mcp-method")) return "the Mcp-Method header is required";
  if (TrimOws(request.Header("mcp-method")) != method) return "the Mcp-Method header does not match the body's method";
  const json params = body.contains("params") && body["params"].is_object() ? body["params"] : json::object();
  if (const char* field = NameField(method); field && params.contains(field) && params[field].is_string()) {
    if (!request.headers.contains("mcp-name")) return std::string("the Mcp-Name header is required for ") + method;
    const std::string raw = TrimOws(request.Header("mcp-name"));
    auto name = DecodeHeaderValue(raw);
    if (!name) return "the Mcp-Name header is not valid base64";
    std::string expected = params[field].get<std::string>();
    // A base64 value has no '%' for the library to decode: compare it as sent.
    if (request.header_values_percent_decoded && raw == *name) expected = aws::UriDecode(expected);
    if (*name != expected) {
      return std::string("the Mcp-Name header does not match the body's params.") + field;
    }
  }
  const json meta = params.value("_meta", json::object());
  if (meta.is_object() && meta.contains("io.modelcontextprotocol/protocolVersion") &&
      meta["io.modelcontextprotocol/protocolVersion"] != TrimOws(request.Header("mcp-protocol-version"))) {
    return "the MCP-Protocol-Version header does not match the body's _meta protocol version";
  }
  return std::nullopt;
}

}  // namespace awsmcp::transport
