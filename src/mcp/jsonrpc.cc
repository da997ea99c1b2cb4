#include "mcp/jsonrpc.h"

namespace awsmcp::mcp {

Message ParseMessage(const std::string& text) {
  Message m;
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    m.error_code = rpc::kParseError;
    m.error = "Parse error: not valid JSON";
    return m;
  }
  m.error_code = rpc::kInvalidRequest;
  if (!doc.is_object()) {
    m.error = doc.is_array() ? "Invalid Request: batches are not supported" : "Invalid Request: not an object";
    return m;
  }
  auto id = doc.find("id");
  bool has_id = id != doc.end();
  if (has_id && (id->is_string() || id->is_number_integer())) m.id = *id;
  auto version = doc.find("jsonrpc");
  if (version == doc.end() || *version != "2.0") {
    m.error = "Invalid Request: jsonrpc must be \"2.0\"";
    return m;
  }
  auto method = doc.find("method");
  if (method == doc.end()) {
    if (has_id && (doc.contains("result") || doc.contains("error"))) {
      m.kind = Message::Kind::kResponse;
      return m;
    }
    m.error = "Invalid Request: no method";
    return m;
  }
  if (!method->is_string()) {
    m.error = "Invalid Request: method must be a string";
    return m;
  }
  if (has_id && !(id->is_string() || id->is_number_integer())) {
    m.id = nullptr;
    m.error = "Invalid Request: id must be a string or an integer";
    return m;
  }
  auto params = doc.find("params");
  if (params != doc.end() && !params->is_object() && !params->is_null()) {
    m.error = "Invalid Request: params must be an object";
    return m;
  }
  m.method = method->get<std::string>();
  m.params = params != doc.end() && params->is_object() ? *params : json::object();
  m.kind = has_id ? Message::Kind::kRequest : Message::Kind::kNotification;
  m.error_code = 0;
  return m;
}

std::string MakeResult(const json& id, json result) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}.dump(-1, ' ', false,
                                                                                  json::error_handler_t::replace);
}

std::string MakeError(const json& id, int code, const std::string& message, json data) {
  json err = {{"code", code}, {"message", message}};
  if (!data.is_null()) err["data"] = std::move(data);
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(err)}}.dump(-1, ' ', false,
                                                                            json::error_handler_t::replace);
}

std::string MakeNotification(const std::string& method, json params) {
  return json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

}  // namespace awsmcp::mcp
