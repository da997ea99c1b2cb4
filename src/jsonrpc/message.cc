#include "jsonrpc/message.h"

#include "base/json_depth.h"

namespace awsmcp::jsonrpc {
namespace {

bool IsValidId(const json& id) { return id.is_string() || id.is_number_integer(); }

// The top-level members of a message too deep to parse whole: children below
// depth 1 are dropped as they are read, so the id survives and nothing deep
// is ever built.
json ParseTopLevelOnly(std::string_view text) {
  return json::parse(text, [](int depth, json::parse_event_t, json&) { return depth <= 1; }, false);
}

std::string Dump(const json& doc) { return doc.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

json ParseBounded(std::string_view text) { return ParseJsonBounded(text, kMaxDepth); }

Message ParseMessage(std::string_view text) {
  Message m;
  const bool too_deep = NestedDeeperThan(text, kMaxDepth);
  json doc = too_deep ? ParseTopLevelOnly(text) : json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    m.error_code = kParseError;
    m.error = "Parse error: not valid JSON";
    return m;
  }
  m.error_code = kInvalidRequest;
  if (!doc.is_object()) {
    m.error = doc.is_array() ? "Invalid Request: batches are not supported" : "Invalid Request: not an object";
    return m;
  }
  auto id = doc.find("id");
  const bool has_id = id != doc.end();
  if (has_id && IsValidId(*id)) m.id = *id;
  if (too_deep) {
    m.error = "Invalid Request: nested deeper than " + std::to_string(kMaxDepth) + " levels";
    return m;
  }
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
  if (has_id && !IsValidId(*id)) {
    m.error = "Invalid Request: id must be a string or an integer";
    return m;
  }
  auto params = doc.find("params");
  if (params != doc.end() && !params->is_object() && !params->is_null()) {
    m.error = "Invalid Request: params must be an object";
    return m;
  }
  m.method = method->get<std::string>();
  m.params = params != doc.end() && params->is_object() ? std::move(*params) : json::object();
  m.kind = has_id ? Message::Kind::kRequest : Message::Kind::kNotification;
  m.error_code = 0;
  return m;
}

// Members are moved in, not listed in an initializer: that would copy a
// result of megabytes once more.
json Envelope(const json& id) {
  json doc = json::object();
  doc["jsonrpc"] = "2.0";
  doc["id"] = id;
  return doc;
}

std::string MakeResult(const json& id, json result) {
  json doc = Envelope(id);
  doc["result"] = std::move(result);
  return Dump(doc);
}

std::string MakeError(const json& id, int code, const std::string& message, json data) {
  json err = {{"code", code}, {"message", message}};
  if (!data.is_null()) err["data"] = std::move(data);
  json doc = Envelope(id);
  doc["error"] = std::move(err);
  return Dump(doc);
}

std::string MakeError(const json& id, const RpcError& error) {
  return MakeError(id, error.code, error.message, error.data);
}

std::string MakeNotification(const std::string& method, json params) {
  json doc = json::object();
  doc["jsonrpc"] = "2.0";
  doc["method"] = method;
  doc["params"] = std::move(params);
  return Dump(doc);
}

RpcError UnsupportedVersion(const std::string& requested, const std::vector<std::string>& supported) {
  return {kUnsupportedProtocolVersion, "Unsupported protocol version",
          {{"supported", supported}, {"requested", requested.substr(0, 100)}}};
}

}  // namespace awsmcp::jsonrpc
