#include "aws/query_protocol.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cmath>

#include "base/json_depth.h"
#include "base/base64.h"
#include "base/percent_encoding.h"
#include "aws/crypto.h"
#include "aws/shape_traits.h"
#include "aws/uri.h"
#include "models/timestamp.h"

namespace awsmcp::aws {

using nlohmann::json;
using models::ServiceModel;

namespace {

constexpr int kMaxDepth = 64;
using Fields = std::vector<std::pair<std::string, std::string>>;

std::string Scalar(const json& shape, const json& ref, const json& value) {
  const std::string type = shape.value("type", "");
  if (type == "boolean") return value.get<bool>() ? "true" : "false";
  if (type == "timestamp") {
    auto t = models::ParseTimestampJson(value);
    if (!t) return std::string();
    const std::string format = MemberTraitString(ref, &shape, "timestampFormat");
    if (format == "unixTimestamp") return std::to_string(t->seconds);
    if (format == "rfc822") return models::FormatHttpDate(*t);
    return models::FormatIso8601(*t);
  }
  if (type == "blob") return Base64Encode(value.get_ref<const std::string&>());
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_float()) {
    double d = value.get<double>();
    if (std::floor(d) == d && std::fabs(d) < 1e16) return std::to_string(static_cast<long long>(d)) + ".0";
    return value.dump();
  }
  return value.dump();
}

// The wire name of a structure member: query uses locationName; ec2 prefers
// queryName, else locationName with its first letter upper-cased.
std::string MemberName(const std::string& name, const json& ref, bool ec2) {
  if (!ec2) return ref.value("locationName", name);
  if (ref.contains("queryName")) return ref["queryName"].get<std::string>();
  std::string n = ref.value("locationName", name);
  if (!n.empty()) n[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(n[0])));
  return n;
}

Status Serialize(const ServiceModel& model, const std::string& shape_name, const json& ref, const json& value,
                 const std::string& prefix, int depth, bool ec2, Fields* out) {
  if (depth > kMaxDepth) return Status::InvalidArgument("params nested too deeply");
  const json* shape = model.FindShape(shape_name);
  if (shape == nullptr) return Status::Internal("model has no shape " + shape_name);
  const std::string type = shape->value("type", "");
  auto join = [&](const std::string& name) { return prefix.empty() ? name : prefix + "." + name; };
  if (type == "structure") {
    for (const auto& [name, ref] : (*shape)["members"].items()) {
      auto it = value.find(name);
      if (it == value.end() || it->is_null()) continue;
      Status s =
          Serialize(model, ref.value("shape", ""), ref, *it, join(MemberName(name, ref, ec2)), depth + 1, ec2, out);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }
  if (type == "list" && ec2) {  // always flattened, and an empty list is not sent
    for (size_t i = 0; i < value.size(); ++i) {
      Status s = Serialize(model, (*shape)["member"].value("shape", ""), (*shape)["member"], value[i],
                           prefix + "." + std::to_string(i + 1), depth + 1, ec2, out);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }
  if (type == "list") {
    const json& member = (*shape)["member"];
    if (value.empty()) {
      out->emplace_back(prefix, "");
      return Status::Ok();
    }
    std::string base;
    if (MemberTraitFlag(ref, shape, "flattened")) {
      base = prefix;
      if (member.contains("locationName")) {
        auto dot = prefix.rfind('.');
        base = (dot == std::string::npos ? "" : prefix.substr(0, dot + 1)) + member["locationName"].get<std::string>();
      }
    } else {
      base = prefix + "." + member.value("locationName", "member");
    }
    for (size_t i = 0; i < value.size(); ++i) {
      Status s = Serialize(model, member.value("shape", ""), member, value[i], base + "." + std::to_string(i + 1),
                           depth + 1, ec2, out);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }
  if (type == "map") {
    const bool flat = MemberTraitFlag(ref, shape, "flattened");
    const std::string key_name = (*shape)["key"].value("locationName", "key");
    const std::string val_name = (*shape)["value"].value("locationName", "value");
    size_t i = 1;
    for (const auto& [k, v] : value.items()) {
      std::string base = flat ? prefix + "." + std::to_string(i) : prefix + ".entry." + std::to_string(i);
      out->emplace_back(base + "." + key_name, k);
      Status s = Serialize(model, (*shape)["value"].value("shape", ""), (*shape)["value"], v, base + "." + val_name,
                           depth + 1, ec2, out);
      if (!s.ok()) return s;
      ++i;
    }
    return Status::Ok();
  }
  out->emplace_back(prefix, Scalar(*shape, ref, value));
  return Status::Ok();
}

// XML element -> JSON by shape.
json ParseXml(const ServiceModel& model, const std::string& shape_name, const pugi::xml_node& node, int depth);

std::vector<pugi::xml_node> Children(const pugi::xml_node& node, const std::string& name) {
  std::vector<pugi::xml_node> out;
  for (auto c : node.children()) {
    if (c.type() == pugi::node_element && name == c.name()) out.push_back(c);
  }
  return out;
}

json ParseList(const ServiceModel& model, const json& shape, const std::vector<pugi::xml_node>& items, int depth) {
  json out = json::array();
  for (const auto& item : items) out.push_back(ParseXml(model, shape["member"].value("shape", ""), item, depth + 1));
  return out;
}

json ParseMap(const ServiceModel& model, const json& shape, const std::vector<pugi::xml_node>& entries, int depth) {
  json out = json::object();
  const std::string key_name = shape["key"].value("locationName", "key");
  const std::string val_name = shape["value"].value("locationName", "value");
  for (const auto& e : entries) {
    std::string k = e.child(key_name.c_str()).text().get();
    out[k] = ParseXml(model, shape["value"].value("shape", ""), e.child(val_name.c_str()), depth + 1);
  }
  return out;
}

json ParseXml(const ServiceModel& model, const std::string& shape_name, const pugi::xml_node& node, int depth) {
  const json* shape = model.FindShape(shape_name);
  if (shape == nullptr || depth > kMaxDepth) return json();
  const std::string type = shape->value("type", "");
  if (type == "structure") {
    json out = json::object();
    for (const auto& [name, ref] : (*shape)["members"].items()) {
      const json* member = model.FindShape(ref.value("shape", ""));
      if (member == nullptr) continue;
      std::string xml_name = ref.value("locationName", member->value("locationName", name));
      const std::string mtype = member->value("type", "");
      if ((mtype == "list" || mtype == "map") && MemberTraitFlag(ref, member, "flattened")) {
        if (mtype == "list" && !ref.contains("locationName") && (*member)["member"].contains("locationName")) {
          xml_name = (*member)["member"]["locationName"].get<std::string>();
        }
        auto items = Children(node, xml_name);
        if (items.empty()) continue;
        out[name] = mtype == "list" ? ParseList(model, *member, items, depth) : ParseMap(model, *member, items, depth);
        continue;
      }
      pugi::xml_node child = node.child(xml_name.c_str());
      if (!child) continue;
      out[name] = ParseXml(model, ref.value("shape", ""), child, depth + 1);
    }
    return out;
  }
  if (type == "list") {
    return ParseList(model, *shape, Children(node, (*shape)["member"].value("locationName", "member")), depth);
  }
  if (type == "map") return ParseMap(model, *shape, Children(node, "entry"), depth);
  std::string text = node.text().get();
  if (shape_name == "policyDocumentType") {
    // IAM sends policy documents URL-encoded; the SDKs (botocore's
    // json_decode_policies) hand them to users as JSON, and so do we.
    json doc = ParseJsonBounded(UriDecode(text));
    if (doc.is_object()) return doc;
  }
  if (type == "boolean") return text == "true";
  if (type == "integer" || type == "long") {
    char* end = nullptr;
    long long v = std::strtoll(text.c_str(), &end, 10);
    return end != text.c_str() ? json(v) : json(text);
  }
  if (type == "float" || type == "double") {
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    return end != text.c_str() && std::isfinite(v) ? json(v) : json(text);
  }
  if (type == "timestamp") {
    auto t = models::ParseTimestampString(text);
    return t ? json(models::FormatIso8601(*t)) : json(text);
  }
  return text;
}

}  // namespace

Result<Fields> QueryFields(const ServiceModel& model, const models::Operation& op, const json& params, bool ec2) {
  Fields fields;
  if (!op.input_shape.empty()) {
    Status s = Serialize(model, op.input_shape, json::object(), params, "", 0, ec2, &fields);
    if (!s.ok()) return Fail(s);
  }
  std::stable_sort(fields.begin(), fields.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return fields;
}

Result<HttpRequest> QueryProtocol::BuildRequest(const ServiceModel& model, const models::Operation& op,
                                                const json& params, const std::string& endpoint,
                                               const RequestOptions&) const {
  auto fields = QueryFields(model, op, params, ec2_);
  if (!fields) return Fail(fields.error());
  HttpRequest req;
  req.method = "POST";
  auto base = EndpointWithHostPrefix(endpoint, op, params);
  if (!base) return Fail(base.error());
  req.url = *base + "/";
  req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  req.body = "Action=" + UriEncode(op.name) + "&Version=" + UriEncode(model.metadata().api_version);
  for (const auto& [k, v] : *fields) req.body += "&" + UriEncode(k) + "=" + UriEncode(v);
  return req;
}

Result<json> QueryProtocol::ParseOutput(const ServiceModel& model, const models::Operation& op,
                                        const HttpResponse& response) const {
  if (op.output_shape.empty()) return json::object();
  pugi::xml_document doc;
  if (!doc.load_buffer(response.body.data(), response.body.size(),
                       pugi::parse_default | pugi::parse_ws_pcdata_single)) {
    return Fail(Status::InvalidArgument("AWS answered with a body that is not XML"));
  }
  pugi::xml_node root = doc.document_element();
  pugi::xml_node result = op.result_wrapper.empty() ? root : root.child(op.result_wrapper.c_str());
  if (!result) return json::object();
  return ParseXml(model, op.output_shape, result, 0);
}

AwsError QueryProtocol::ParseError(const HttpResponse& response) const {
  AwsError err;
  err.http_status = response.status;
  pugi::xml_document doc;
  if (doc.load_buffer(response.body.data(), response.body.size())) {
    pugi::xml_node root = doc.document_element();
    pugi::xml_node error = root.child("Error");
    if (!error) error = root.child("Errors").child("Error");
    if (!error && std::string(root.name()) == "Error") error = root;
    err.code = std::string(error.child("Code").text().get()).substr(0, 256);
    err.message = std::string(error.child("Message").text().get()).substr(0, 2048);
    err.request_id = root.child("RequestId").text().get();
    if (err.request_id.empty()) err.request_id = root.child("RequestID").text().get();
  }
  if (err.request_id.empty()) err.request_id = response.Header("x-amzn-requestid");
  if (err.code.empty()) err.code = "HttpError" + std::to_string(response.status);
  return err;
}

}  // namespace awsmcp::aws
