#include "aws/rest_protocol.h"

#include <pugixml.hpp>

#include <cctype>
#include <map>
#include <set>

#include "aws/crypto.h"
#include "aws/json_protocol.h"
#include "aws/shape_traits.h"
#include "aws/xml_codec.h"
#include "base/base64.h"
#include "base/json_depth.h"
#include "base/percent_encoding.h"
#include "models/timestamp.h"

namespace awsmcp::aws {

using nlohmann::json;
using models::ServiceModel;

namespace {

const json kNoRef = json::object();

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// One member of the input or output structure with its resolved traits.
struct Member {
  std::string name;      // the API's member name
  const json* ref;       // the member reference
  const json* shape;     // the targeted shape (never null)
  std::string location;  // "uri", "querystring", "header", "headers", "statusCode", or "" (body)
  std::string wire;      // locationName, else the member name
  std::string type;
};

std::vector<Member> MembersOf(const ServiceModel& model, const std::string& shape_name) {
  std::vector<Member> out;
  const json* shape = model.FindShape(shape_name);
  if (shape == nullptr || !shape->contains("members")) return out;
  for (const auto& [name, ref] : (*shape)["members"].items()) {
    const json* target = model.FindShape(ref.value("shape", ""));
    if (target == nullptr) continue;
    out.push_back(Member{name, &ref, target, MemberTraitString(ref, target, "location"),
                         ref.value("locationName", name), target->value("type", "")});
  }
  return out;
}

// ------------------------------------------------------------- request side


// A header list item in quotes when it holds a comma or quote, as the SDKs send it.
std::string HeaderListItem(const std::string& v) {
  if (v.find_first_of(",\"") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A header value: timestamps in whole seconds, HTTP-date by default; a
// jsonvalue string as base64 of its JSON; lists comma-joined.
std::string HeaderValue(const ServiceModel& model, const json& shape, const json& ref, const json& value) {
  const std::string type = shape.value("type", "");
  if (type == "timestamp") {
    auto t = models::ParseTimestampJson(value);
    if (!t) return value.is_string() ? value.get<std::string>() : value.dump();
    const models::Timestamp whole{t->seconds, 0};
    const std::string format = MemberTraitString(ref, &shape, "timestampFormat");
    if (format == "iso8601") return models::FormatIso8601(whole);
    if (format == "unixTimestamp") return std::to_string(whole.seconds);
    return models::FormatHttpDate(whole);
  }
  if (type == "list") {
    const json& member = shape.contains("member") ? shape["member"] : kNoRef;
    const json* item_shape = model.FindShape(member.value("shape", ""));
    std::string out;
    for (const auto& v : value) {
      if (v.is_null() || item_shape == nullptr) continue;
      std::string item = item_shape->value("type", "") == "string" ? HeaderListItem(v.get<std::string>())
                                                                   : HeaderValue(model, *item_shape, member, v);
      out += (out.empty() ? "" : ",") + item;
    }
    return out;
  }
  if (type == "string" && MemberTraitFlag(ref, &shape, "jsonvalue")) return Base64Encode(value.dump());
  return RestScalarText(shape, ref, value);
}

struct Bound {
  std::map<std::string, std::string> labels;  // URI label -> value (unencoded)
  std::vector<std::pair<std::string, std::string>> query;
  Headers headers;
  json body = json::object();  // members without a location
};

void BindQuery(const ServiceModel& model, const Member& m, const json& value, Bound& b) {
  if (m.type == "map") {
    const json& vref = (*m.shape).contains("value") ? (*m.shape)["value"] : kNoRef;
    const json* vshape = model.FindShape(vref.value("shape", ""));
    for (const auto& [k, v] : value.items()) {
      if (v.is_array()) {
        for (const auto& item : v) b.query.emplace_back(k, item.is_string() ? item.get<std::string>() : item.dump());
      } else if (vshape != nullptr) {
        b.query.emplace_back(k, RestScalarText(*vshape, vref, v));
      }
    }
    return;
  }
  if (m.type == "list") {
    const json& member = (*m.shape).contains("member") ? (*m.shape)["member"] : kNoRef;
    const json* item_shape = model.FindShape(member.value("shape", ""));
    for (const auto& v : value) {
      if (item_shape != nullptr && !v.is_null()) b.query.emplace_back(m.wire, RestScalarText(*item_shape, member, v));
    }
    return;
  }
  b.query.emplace_back(m.wire, RestScalarText(*m.shape, *m.ref, value));
}

// A querystring map adds its keys, but not over a named query member.
void BindQueryMaps(const ServiceModel& model, const std::vector<const Member*>& maps, const json& params, Bound& b) {
  std::set<std::string> named;
  for (const auto& [k, v] : b.query) named.insert(k);
  Bound extra;
  for (const Member* m : maps) BindQuery(model, *m, params[m->name], extra);
  for (auto& kv : extra.query) {
    if (!named.contains(kv.first)) b.query.push_back(std::move(kv));
  }
}

Bound BindInput(const ServiceModel& model, const std::string& input_shape, const json& params) {
  Bound b;
  const std::vector<Member> members = MembersOf(model, input_shape);
  std::vector<const Member*> query_maps;
  for (const Member& m : members) {
    auto it = params.find(m.name);
    if (it == params.end() || it->is_null()) continue;
    const json& v = *it;
    if (m.location == "querystring" && m.type == "map") {
      query_maps.push_back(&m);
    } else if (m.location == "uri") {
      b.labels[m.wire] = RestScalarText(*m.shape, *m.ref, v);
    } else if (m.location == "querystring") {
      BindQuery(model, m, v, b);
    } else if (m.location == "header") {
      if (m.type == "list" && v.empty()) continue;
      b.headers.emplace_back(m.wire, HeaderValue(model, *m.shape, *m.ref, v));
    } else if (m.location == "headers") {
      for (const auto& [k, hv] : v.items()) b.headers.emplace_back(m.wire + k, hv.is_string() ? hv.get<std::string>() : hv.dump());
    } else {
      b.body[m.name] = v;
    }
  }
  BindQueryMaps(model, query_maps, params, b);
  return b;
}

// The request URI's path with its labels filled in, percent-encoded.
Result<std::string> RenderPath(std::string_view tmpl, const std::map<std::string, std::string>& labels) {
  std::string out;
  size_t pos = 0;
  while (pos < tmpl.size()) {
    size_t open = tmpl.find('{', pos);
    if (open == std::string_view::npos) break;
    size_t close = tmpl.find('}', open);
    if (close == std::string_view::npos) return Fail(Status::Internal("bad requestUri template"));
    out.append(tmpl.substr(pos, open - pos));
    std::string name(tmpl.substr(open + 1, close - open - 1));
    const bool greedy = !name.empty() && name.back() == '+';
    if (greedy) name.pop_back();
    auto it = labels.find(name);
    if (it == labels.end()) return Fail(Status::InvalidArgument("missing the member bound to the URI label " + name));
    if (it->second.empty()) return Fail(Status::InvalidArgument("the URI label " + name + " must not be empty"));
    out += UriEncode(it->second, /*keep_slash=*/greedy);
    pos = close + 1;
  }
  out.append(tmpl.substr(pos));
  return out;
}

std::string RequestUri(const models::Operation& op, const RequestOptions& options) {
  std::string uri = op.request_uri.empty() ? "/" : op.request_uri;
  if (options.bucket_in_host) {
    if (auto at = uri.find("/{Bucket}"); at != std::string::npos) uri.erase(at, 9);
    if (uri.empty() || uri[0] != '/') uri.insert(0, "/");
  }
  return uri;
}

bool HasHeader(const Headers& headers, std::string_view name) {
  for (const auto& h : headers) {
    if (Lower(h.first) == name) return true;
  }
  return false;
}

// The body and whether it is a raw (blob or string) payload.
Result<std::pair<std::string, bool>> EncodeBody(bool xml, const ServiceModel& model, const models::Operation& op,
                                                const json& params, const Bound& b) {
  const json* input = model.FindShape(op.input_shape);
  const std::string payload = input != nullptr ? input->value("payload", "") : "";
  auto encode = [&](const std::string& shape, const json& value, const std::string& root,
                    const json& ref) -> Result<std::string> {
    if (xml) return EncodeXmlBody(model, shape, value, root, ref);
    auto j = ShapeJsonInput(model, shape, value, 0, &ref);
    if (!j) return Fail(j.error());
    return j->dump();
  };
  if (!payload.empty()) {
    const json& ref = (*input)["members"].contains(payload) ? (*input)["members"][payload] : kNoRef;
    const json* shape = model.FindShape(ref.value("shape", ""));
    const std::string type = shape != nullptr ? shape->value("type", "") : "";
    auto it = params.find(payload);
    const bool present = it != params.end() && !it->is_null();
    if (type == "blob" || type == "string") {
      return std::pair<std::string, bool>{present ? (it->is_string() ? it->get<std::string>() : it->dump()) : "", true};
    }
    if (!present) return std::pair<std::string, bool>{xml ? "" : "{}", false};
    auto body = encode(ref.value("shape", ""), *it, ref.value("locationName", payload), ref);
    if (!body) return Fail(body.error());
    return std::pair<std::string, bool>{*body, false};
  }
  if (!b.body.empty()) {
    json root_ref = json::object();
    if (!op.input_xml_namespace.is_null()) root_ref["xmlNamespace"] = op.input_xml_namespace;
    auto body = encode(op.input_shape, b.body, op.input_xml_name.empty() ? op.input_shape : op.input_xml_name, root_ref);
    if (!body) return Fail(body.error());
    return std::pair<std::string, bool>{*body, false};
  }
  // rest-json sends "{}" when the input has body members, even none given.
  bool has_body_members = false;
  for (const Member& m : MembersOf(model, op.input_shape)) has_body_members |= m.location.empty();
  return std::pair<std::string, bool>{!xml && has_body_members ? "{}" : "", false};
}

// ------------------------------------------------------------- answer side

const std::string* FindHeader(const HttpResponse& r, std::string_view name) {
  const std::string want = Lower(name);
  for (const auto& [n, v] : r.headers) {
    if (Lower(n) == want) return &v;
  }
  return nullptr;
}

std::string Trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t");
  if (a == std::string_view::npos) return "";
  size_t b = s.find_last_not_of(" \t");
  return std::string(s.substr(a, b - a + 1));
}

json HeaderScalar(const json& shape, const json& ref, const std::string& text) {
  const std::string type = shape.value("type", "");
  if (type == "string" && MemberTraitFlag(ref, &shape, "jsonvalue")) {
    auto decoded = Base64Decode(text);
    json doc = decoded ? ParseJsonBounded(*decoded) : json(json::value_t::discarded);
    return doc.is_discarded() ? json(text) : doc;
  }
  if (type == "boolean") return Lower(text) == "true";
  if (type == "integer" || type == "long") {
    char* end = nullptr;
    long long v = std::strtoll(text.c_str(), &end, 10);
    return end != text.c_str() ? json(v) : json(text);
  }
  if (type == "float" || type == "double") {
    if (text == "NaN" || text == "Infinity" || text == "-Infinity") return text;
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    return end != text.c_str() ? json(v) : json(text);
  }
  if (type == "timestamp") {
    auto t = models::ParseTimestampString(text);
    return t ? json(models::FormatIso8601(*t)) : json(text);
  }
  return text;
}

json HeaderMember(const ServiceModel& model, const Member& m, const std::string& text) {
  if (m.type != "list") return HeaderScalar(*m.shape, *m.ref, text);
  const json& member = (*m.shape).contains("member") ? (*m.shape)["member"] : kNoRef;
  const json* item = model.FindShape(member.value("shape", ""));
  json out = json::array();
  size_t start = 0;
  while (item != nullptr && start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string part = Trim(std::string_view(text).substr(start, comma == std::string::npos ? std::string::npos
                                                                                              : comma - start));
    out.push_back(HeaderScalar(*item, member, part));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

Result<json> DecodeBody(bool xml, const ServiceModel& model, const std::string& shape, const std::string& body) {
  if (xml) return DecodeXmlBody(model, shape, body);
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
  json doc = ParseJsonBounded(body);
  if (doc.is_discarded()) return Fail(Status::InvalidArgument("AWS answered with a body that is not JSON"));
  json out = ShapeJsonOutput(model, shape, doc);
  return out.is_discarded() ? json::object() : out;
}

// S3's GetBucketLocation answers with the member itself as the root element
// (<LocationConstraint>eu-west-1</LocationConstraint>), not inside a wrapper.
void RootIsTheMember(const ServiceModel& model, const std::string& shape, const std::string& body, json& out) {
  const auto members = MembersOf(model, shape);
  if (!out.empty() || members.size() != 1 || !members[0].location.empty()) return;
  pugi::xml_document doc;
  if (!doc.load_buffer(body.data(), body.size())) return;
  pugi::xml_node root = doc.document_element();
  std::string_view name = root.name();
  if (auto colon = name.find(':'); colon != std::string_view::npos) name = name.substr(colon + 1);
  if (name != members[0].wire || root.first_child().type() == pugi::node_element) return;
  out[members[0].name] = root.text().get();
}

}  // namespace

bool IsUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c >= 0xE0 && c <= 0xEF) n = 2;
    else if (c >= 0xF0 && c <= 0xF4) n = 3;
    else if (c >= 0x80) return false;
    if (i + n >= s.size() && n > 0) return false;
    for (size_t k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    const auto c1 = n > 0 ? static_cast<unsigned char>(s[i + 1]) : 0;
    // Overlong forms and UTF-16 surrogates are not UTF-8 (Python's decode refuses them too).
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 >= 0x90)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

Result<HttpRequest> RestProtocol::BuildRequest(const ServiceModel& model, const models::Operation& op,
                                               const json& params, const std::string& endpoint,
                                               const RequestOptions& options) const {
  Bound bound = BindInput(model, op.input_shape, params);
  const std::string uri = RequestUri(op, options);
  const size_t q = uri.find('?');
  auto path = RenderPath(std::string_view(uri).substr(0, q), bound.labels);
  if (!path) return Fail(path.error());
  std::string query = q == std::string::npos ? "" : uri.substr(q + 1);
  for (const auto& [k, v] : bound.query) query += (query.empty() ? "" : "&") + UriEncode(k) + "=" + UriEncode(v);

  auto base = EndpointWithHostPrefix(endpoint, op, params);
  if (!base) return Fail(base.error());
  auto body = EncodeBody(xml_, model, op, params, bound);
  if (!body) return Fail(body.error());

  HttpRequest req;
  req.method = op.http_method.empty() ? "POST" : op.http_method;
  req.url = *base + *path + (query.empty() ? "" : "?" + query);
  req.headers = std::move(bound.headers);
  req.body = std::move(body->first);
  if (!xml_ && !body->second && !req.body.empty() && !HasHeader(req.headers, "content-type")) {
    req.headers.emplace_back("Content-Type", "application/json");
  }
  if (op.checksum_required && !HasHeader(req.headers, "content-md5")) {
    req.headers.emplace_back("Content-MD5", Base64Encode(Md5(req.body)));
  }
  return req;
}

Result<json> RestProtocol::ParseOutput(const ServiceModel& model, const models::Operation& op,
                                       const HttpResponse& response) const {
  if (op.output_shape.empty()) return json::object();
  const json* output = model.FindShape(op.output_shape);
  const std::string payload = output != nullptr ? output->value("payload", "") : "";
  json out = json::object();
  for (const Member& m : MembersOf(model, op.output_shape)) {
    if (m.location == "header") {
      if (const std::string* v = FindHeader(response, m.wire)) out[m.name] = HeaderMember(model, m, *v);
    } else if (m.location == "headers") {
      const std::string prefix = Lower(m.wire);
      json map = json::object();
      for (const auto& [n, v] : response.headers) {
        if (Lower(n).rfind(prefix, 0) == 0) map[n.substr(prefix.size())] = v;
      }
      out[m.name] = std::move(map);
    } else if (m.location == "statusCode") {
      out[m.name] = response.status;
    } else if (m.name == payload) {
      if (m.type == "blob" || m.type == "string") {
        out[m.name] = m.type == "string" || IsUtf8(response.body) ? response.body : Base64Encode(response.body);
        continue;
      }
      if (response.body.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      auto v = DecodeBody(xml_, model, m.ref->value("shape", ""), response.body);
      if (!v) return Fail(v.error());
      out[m.name] = std::move(*v);
    }
  }
  if (payload.empty()) {
    auto body = DecodeBody(xml_, model, op.output_shape, response.body);
    if (!body) return Fail(body.error());
    if (xml_) RootIsTheMember(model, op.output_shape, response.body, *body);
    for (const Member& m : MembersOf(model, op.output_shape)) {
      const bool in_body = m.location != "header" && m.location != "headers" && m.location != "statusCode";
      if (in_body && body->contains(m.name)) out[m.name] = std::move((*body)[m.name]);
    }
  }
  return out;
}

namespace {

AwsError RestJsonError(const HttpResponse& response) {
  AwsError err = JsonProtocol().ParseError(response);
  // botocore's order: the x-amzn-errortype header, then the body's code/Code, then __type.
  if (response.Header("x-amzn-errortype").empty()) {
    json body = ParseJsonBounded(response.body);
    if (body.is_object()) {
      for (const char* key : {"code", "Code"}) {
        auto it = body.find(key);
        if (it != body.end() && it->is_string()) {
          err.code = SanitizeErrorCode(it->get<std::string>());
          break;
        }
      }
    }
  }
  if (err.request_id.empty()) err.request_id = response.Header("x-amz-request-id");
  return err;
}

AwsError RestXmlError(const HttpResponse& response) {
  AwsError err;
  err.http_status = response.status;
  pugi::xml_document doc;
  if (!response.body.empty() && doc.load_buffer(response.body.data(), response.body.size())) {
    pugi::xml_node root = doc.document_element();
    pugi::xml_node error = std::string_view(root.name()) == "Error" ? root : root.child("Error");
    err.code = std::string(error.child("Code").text().get()).substr(0, 256);
    err.message = std::string(error.child("Message").text().get()).substr(0, 2048);
    err.request_id = root.child("RequestId").text().get();
  }
  if (err.request_id.empty()) err.request_id = response.Header("x-amzn-requestid");
  if (err.request_id.empty()) err.request_id = response.Header("x-amz-request-id");
  if (err.code.empty()) err.code = "HttpError" + std::to_string(response.status);
  return err;
}

}  // namespace

AwsError RestProtocol::ParseError(const HttpResponse& response) const {
  return xml_ ? RestXmlError(response) : RestJsonError(response);
}

}  // namespace awsmcp::aws
