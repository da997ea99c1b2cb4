#include "transport/mirrored_headers.h"

#include <cstdlib>

#include "base/base64.h"
#include "base/percent_encoding.h"
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
  const std::string_view inner = std::string_view(value).substr(kOpen.size(), value.size() - kOpen.size() - kClose.size());
  if (inner.size() % 4 != 0) return std::nullopt;  // unpadded: not what a client sends
  return Base64Decode(inner);
}

namespace {

void Collect(const json& schema, std::vector<std::string>& path, std::vector<MirroredParam>& out) {
  if (!schema.is_object() || !schema.contains("properties") || !schema["properties"].is_object()) return;
  for (const auto& [name, property] : schema["properties"].items()) {
    path.push_back(name);
    if (property.is_object() && property.contains("x-mcp-header") && property["x-mcp-header"].is_string()) {
      out.push_back({path, property["x-mcp-header"].get<std::string>()});
    }
    Collect(property, path, out);
    path.pop_back();
  }
}

// The argument at `path`, or null.
json ValueAt(const json& arguments, const std::vector<std::string>& path) {
  const json* at = &arguments;
  for (const auto& key : path) {
    if (!at->is_object() || !at->contains(key)) return nullptr;
    at = &(*at)[key];
  }
  return *at;
}

// The spec's string form of a mirrored value; nullopt for a type it does not mirror.
std::optional<std::string> HeaderForm(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return std::nullopt;
}

bool IsHeaderSafe(const std::string& value) {
  for (unsigned char c : value) {
    if (c != '\t' && (c < 0x20 || c > 0x7e)) return false;
  }
  return true;
}

std::optional<std::string> ParamMismatch(const HttpRequest& request, const json& arguments,
                                         const std::vector<MirroredParam>& params) {
  for (const auto& p : params) {
    const json value = ValueAt(arguments, p.path);
    if (value.is_null()) continue;  // not given: no header expected
    std::string lower = "mcp-param-" + p.header;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string header = "the Mcp-Param-" + p.header + " header";
    if (!request.headers.contains(lower)) return header + " is required when the argument is given";
    const std::string raw = TrimOws(request.Header(lower));
    if (!IsHeaderSafe(raw)) return header + " has characters a header value cannot carry";
    auto sent = DecodeHeaderValue(raw);
    if (!sent) return header + " is not valid base64";
    if (value.is_number_integer()) {  // compared as numbers: "42.0" is 42
      char* end = nullptr;
      const double number = std::strtod(sent->c_str(), &end);
      if (sent->empty() || *end != '\0' || number != value.get<double>()) return header + " does not match the argument";
      continue;
    }
    auto expected = HeaderForm(value);
    if (!expected) continue;  // a type no client mirrors
    if (request.header_values_percent_decoded && raw == *sent && value.is_string()) *expected = UriDecode(*expected);
    if (*sent != *expected) return header + " does not match the argument";
  }
  return std::nullopt;
}

}  // namespace

std::vector<MirroredParam> FindMirroredParams(const json& input_schema) {
  std::vector<MirroredParam> out;
  std::vector<std::string> path;
  Collect(input_schema, path, out);
  return out;
}

std::optional<std::string> HeaderMismatch(const HttpRequest& request, const json& body, const MirroredParams& tools) {
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
    if (request.header_values_percent_decoded && raw == *name) expected = UriDecode(expected);
    if (*name != expected) {
      return std::string("the Mcp-Name header does not match the body's params.") + field;
    }
  }
  if (method == "tools/call" && params.contains("name") && params["name"].is_string()) {
    auto tool = tools.find(params["name"].get<std::string>());
    if (tool != tools.end()) {
      const json arguments = params.value("arguments", json::object());
      if (auto why = ParamMismatch(request, arguments, tool->second)) return why;
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
