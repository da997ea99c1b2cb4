#include "aws/json_protocol.h"

#include "base/json_depth.h"
#include "base/base64.h"
#include "aws/crypto.h"
#include "models/timestamp.h"

namespace awsmcp::aws {
namespace {

using nlohmann::json;
using models::ServiceModel;

constexpr int kMaxDepth = 64;

std::string WireName(const std::string& member, const json& member_ref) {
  auto it = member_ref.find("locationName");
  return it != member_ref.end() && it->is_string() ? it->get<std::string>() : member;
}

}  // namespace

Result<json> ShapeJsonInput(const ServiceModel& model, const std::string& shape_name, const json& value, int depth,
                            const json* ref) {
  if (depth > kMaxDepth) return Fail(Status::InvalidArgument("params nested too deeply"));
  const json* shape = model.FindShape(shape_name);
  if (shape == nullptr) return Fail(Status::Internal("model has no shape " + shape_name));
  if (shape->value("document", false)) return value;  // free-form JSON, sent as given
  const std::string type = shape->value("type", "");
  if (type == "structure") {
    json out = json::object();
    const json& members = (*shape)["members"];
    for (const auto& [name, v] : value.items()) {
      auto m = members.find(name);
      if (m == members.end()) continue;  // validated earlier; nothing unknown gets here
      auto s = ShapeJsonInput(model, m->value("shape", ""), v, depth + 1, &*m);
      if (!s) return s;
      out[WireName(name, *m)] = std::move(*s);
    }
    return out;
  }
  if (type == "list") {
    json out = json::array();
    for (const auto& v : value) {
      auto s = ShapeJsonInput(model, (*shape)["member"].value("shape", ""), v, depth + 1);
      if (!s) return s;
      out.push_back(std::move(*s));
    }
    return out;
  }
  if (type == "map") {
    json out = json::object();
    for (const auto& [k, v] : value.items()) {
      auto s = ShapeJsonInput(model, (*shape)["value"].value("shape", ""), v, depth + 1);
      if (!s) return s;
      out[k] = std::move(*s);
    }
    return out;
  }
  if (type == "timestamp") {
    auto t = models::ParseTimestampJson(value);
    if (!t) return Fail(t.error());
    std::string format = shape->value("timestampFormat", "");
    if (ref != nullptr && ref->contains("timestampFormat")) format = ref->value("timestampFormat", "");
    if (format == "iso8601") return json(models::FormatIso8601(*t));
    if (format == "rfc822") return json(models::FormatHttpDate(*t));
    return json(t->seconds);  // whole seconds, as botocore and the AWS CLI send them
  }
  if (type == "blob") return json(Base64Encode(value.get_ref<const std::string&>()));
  return value;
}

std::string SanitizeErrorCode(std::string_view raw) {
  auto colon = raw.find(':');
  if (colon != std::string_view::npos) raw = raw.substr(0, colon);
  auto hash = raw.rfind('#');
  if (hash != std::string_view::npos) raw = raw.substr(hash + 1);
  return std::string(raw.substr(0, 256));
}

namespace {

// True when an answer's scalar may stand where its shape declares a scalar.
// AWS answers are untrusted, but botocore passes a scalar of another JSON type
// through (ECS's Container.memory is a string shape that moto answers with a
// number), so only an array or object where a scalar belongs is dropped.
bool FitsScalar(const std::string&, const json& value) { return !value.is_structured(); }

const json kDropped = json(json::value_t::discarded);

}  // namespace

json ShapeJsonOutput(const ServiceModel& model, const std::string& shape_name, const json& value, int depth) {
  const json* shape = model.FindShape(shape_name);
  if (shape == nullptr || depth > kMaxDepth) return kDropped;
  if (value.is_null() || shape->value("document", false)) return value;
  const std::string type = shape->value("type", "");
  if (type == "structure") {
    if (!value.is_object()) return kDropped;
    json out = json::object();
    for (const auto& [name, ref] : (*shape)["members"].items()) {
      auto it = value.find(WireName(name, ref));
      if (it == value.end() || it->is_null()) continue;  // botocore omits nulls
      json shaped = ShapeJsonOutput(model, ref.value("shape", ""), *it, depth + 1);
      if (!shaped.is_discarded()) out[name] = std::move(shaped);
    }
    return out;
  }
  if (type == "list") {
    if (!value.is_array()) return kDropped;
    json out = json::array();
    const std::string member = (*shape)["member"].value("shape", "");
    for (const auto& v : value) {
      json shaped = ShapeJsonOutput(model, member, v, depth + 1);
      if (!shaped.is_discarded()) out.push_back(std::move(shaped));
    }
    return out;
  }
  if (type == "map") {
    if (!value.is_object()) return kDropped;
    json out = json::object();
    const std::string val = (*shape)["value"].value("shape", "");
    for (const auto& [k, v] : value.items()) {
      json shaped = ShapeJsonOutput(model, val, v, depth + 1);
      if (!shaped.is_discarded()) out[k] = std::move(shaped);
    }
    return out;
  }
  if (!FitsScalar(type, value)) return kDropped;
  if (type == "timestamp") {
    auto t = models::ParseTimestampJson(value);
    return t ? json(models::FormatIso8601(*t)) : value;
  }
  return value;
}

Result<HttpRequest> JsonProtocol::BuildRequest(const ServiceModel& model, const models::Operation& op,
                                               const json& params, const std::string& endpoint,
                                               const RequestOptions&) const {
  HttpRequest req;
  req.method = "POST";
  auto base = EndpointWithHostPrefix(endpoint, op, params);
  if (!base) return Fail(base.error());
  req.url = *base + "/";
  const auto& meta = model.metadata();
  std::string version = meta.json_version.empty() ? "1.0" : meta.json_version;
  req.headers.emplace_back("Content-Type", "application/x-amz-json-" + version);
  req.headers.emplace_back("X-Amz-Target", meta.target_prefix + "." + op.name);
  if (meta.query_compatible) req.headers.emplace_back("x-amzn-query-mode", "true");
  json body = json::object();
  if (!op.input_shape.empty()) {
    auto s = ShapeJsonInput(model, op.input_shape, params, 0);
    if (!s) return Fail(s.error());
    body = std::move(*s);
  }
  req.body = body.dump();
  return req;
}

Result<json> JsonProtocol::ParseOutput(const ServiceModel& model, const models::Operation& op,
                                       const HttpResponse& response) const {
  if (op.output_shape.empty()) return json::object();
  if (response.body.empty()) return json::object();
  json body = ParseJsonBounded(response.body);
  if (body.is_discarded()) return Fail(Status::InvalidArgument("AWS answered with a body that is not JSON"));
  json output = ShapeJsonOutput(model, op.output_shape, body);
  return output.is_discarded() ? json::object() : output;
}

AwsError JsonProtocol::ParseError(const HttpResponse& response) const {
  AwsError err;
  err.http_status = response.status;
  err.request_id = response.Header("x-amzn-requestid");
  json body = ParseJsonBounded(response.body);
  std::string code = response.Header("x-amzn-errortype");
  if (body.is_object()) {
    for (const char* key : {"__type", "code", "Code"}) {
      if (code.empty() && body.contains(key) && body[key].is_string()) code = body[key].get<std::string>();
    }
    for (const char* key : {"message", "Message", "errorMessage"}) {
      if (err.message.empty() && body.contains(key) && body[key].is_string()) {
        err.message = body[key].get<std::string>().substr(0, 2048);
      }
    }
  }
  if (!body.is_object() && !response.body.empty() && response.body[0] != '<') {
    err.message = response.body.substr(0, 2048);  // a proxy's plain-text answer
  }
  // awsQueryCompatible services (CloudWatch over JSON) send the query-era code too.
  std::string query_code = response.Header("x-amzn-query-error");
  if (auto semi = query_code.find(';'); semi != std::string::npos && semi > 0) code = query_code.substr(0, semi);
  err.code = SanitizeErrorCode(code);
  if (err.code.empty()) err.code = "HttpError" + std::to_string(response.status);
  return err;
}

}  // namespace awsmcp::aws
