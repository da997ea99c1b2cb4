#include "aws/xml_codec.h"

#include <pugixml.hpp>

#include <cmath>
#include <cstdlib>

#include "aws/shape_traits.h"
#include "base/base64.h"
#include "models/timestamp.h"

namespace awsmcp::aws {

using nlohmann::json;
using models::ServiceModel;

namespace {

constexpr int kMaxDepth = 64;
const json kNoRef = json::object();

// Members bound to the URI, query string or headers are not written in the body.
bool BoundOutsideBody(const json& ref) {
  const std::string loc = ref.is_object() ? ref.value("location", "") : "";
  return !loc.empty();
}

// An answer's headers and status are not read from the body; as botocore, a
// member the model binds to the URI is (an answer has no URI of its own).
bool AnswerOutsideBody(const json& ref) {
  const std::string loc = ref.is_object() ? ref.value("location", "") : "";
  return loc == "header" || loc == "headers" || loc == "statusCode";
}

std::string Escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string NamespaceAttr(const json& ref, const json* shape) {
  const json* ns = MemberTrait(ref, shape, "xmlNamespace");
  if (ns == nullptr) return "";
  if (ns->is_string()) return " xmlns=\"" + Escape(ns->get<std::string>(), true) + "\"";
  if (!ns->is_object() || !ns->contains("uri")) return "";
  std::string prefix = ns->value("prefix", "");
  return " xmlns" + (prefix.empty() ? "" : ":" + prefix) + "=\"" + Escape(ns->value("uri", ""), true) + "\"";
}

class Writer {
 public:
  explicit Writer(const ServiceModel& model) : model_(model) {}

  Status Element(const std::string& shape_name, const json& ref, const json& value, const std::string& name,
                 int depth) {
    if (depth > kMaxDepth) return Status::InvalidArgument("params nested too deeply");
    const json* shape = model_.FindShape(shape_name);
    if (shape == nullptr) return Status::Internal("model has no shape " + shape_name);
    const std::string type = shape->value("type", "");
    if (type == "structure") return Structure(*shape, ref, value, name, depth);
    if (type == "list") return List(*shape, ref, value, name, depth);
    if (type == "map") return Map(*shape, ref, value, name, depth);
    out_ += "<" + name + NamespaceAttr(ref, shape) + ">" + Escape(RestScalarText(*shape, ref, value), false) + "</" + name + ">";
    return Status::Ok();
  }

  std::string Take() { return std::move(out_); }

 private:
  Status Structure(const json& shape, const json& ref, const json& value, const std::string& name, int depth) {
    std::string attrs = NamespaceAttr(ref, &shape);
    std::string saved = std::move(out_);
    out_.clear();
    const json& members = shape.contains("members") ? shape["members"] : kNoRef;
    for (const auto& [member, mref] : members.items()) {
      auto it = value.find(member);
      if (it == value.end() || it->is_null() || BoundOutsideBody(mref)) continue;
      const json* mshape = model_.FindShape(mref.value("shape", ""));
      const std::string wire = mref.value("locationName", member);
      if (MemberTraitFlag(mref, mshape, "xmlAttribute")) {
        attrs += " " + wire + "=\"" + Escape(it->is_string() ? it->get<std::string>() : it->dump(), true) + "\"";
        continue;
      }
      Status s = Element(mref.value("shape", ""), mref, *it, wire, depth + 1);
      if (!s.ok()) return s;
    }
    std::string inner = std::move(out_);
    out_ = std::move(saved) + "<" + name + attrs + ">" + inner + "</" + name + ">";
    return Status::Ok();
  }

  Status List(const json& shape, const json& ref, const json& value, const std::string& name, int depth) {
    const json& member = shape.contains("member") ? shape["member"] : kNoRef;
    const bool flat = MemberTraitFlag(ref, &shape, "flattened");
    const std::string item = flat ? name : member.value("locationName", "member");
    if (!flat) out_ += "<" + name + NamespaceAttr(ref, &shape) + ">";
    for (const auto& v : value) {
      Status s = Element(member.value("shape", ""), member, v, item, depth + 1);
      if (!s.ok()) return s;
    }
    if (!flat) out_ += "</" + name + ">";
    return Status::Ok();
  }

  Status Map(const json& shape, const json& ref, const json& value, const std::string& name, int depth) {
    const json& key = shape.contains("key") ? shape["key"] : kNoRef;
    const json& val = shape.contains("value") ? shape["value"] : kNoRef;
    const bool flat = MemberTraitFlag(ref, &shape, "flattened");
    const std::string entry = flat ? name : "entry";
    if (!flat) out_ += "<" + name + NamespaceAttr(ref, &shape) + ">";
    for (const auto& [k, v] : value.items()) {
      out_ += "<" + entry + ">";
      Status s = Element(key.value("shape", ""), key, json(k), key.value("locationName", "key"), depth + 1);
      if (s.ok()) s = Element(val.value("shape", ""), val, v, val.value("locationName", "value"), depth + 1);
      if (!s.ok()) return s;
      out_ += "</" + entry + ">";
    }
    if (!flat) out_ += "</" + name + ">";
    return Status::Ok();
  }

  const ServiceModel& model_;
  std::string out_;
};

// Element name without its namespace prefix, as botocore matches tags.
std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view n = node.name();
  auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

std::vector<pugi::xml_node> ChildElements(const pugi::xml_node& node) {
  std::vector<pugi::xml_node> out;
  for (auto c : node.children()) {
    if (c.type() == pugi::node_element) out.push_back(c);
  }
  return out;
}

std::string Text(const pugi::xml_node& node) {
  std::string out;
  for (auto c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    if (c.type() == pugi::node_element) break;  // ElementTree's .text: what precedes the first child
  }
  return out;
}

json ScalarFromText(const json& shape, const std::string& text) {
  const std::string type = shape.value("type", "");
  if (type == "boolean") return text == "true";
  if (type == "integer" || type == "long") {
    char* end = nullptr;
    long long v = std::strtoll(text.c_str(), &end, 10);
    return end != text.c_str() ? json(v) : json(text);
  }
  if (type == "float" || type == "double") {
    if (text == "NaN" || text == "Infinity" || text == "-Infinity") return text;
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    return end != text.c_str() && std::isfinite(v) ? json(v) : json(text);
  }
  if (type == "timestamp") {
    auto t = models::ParseTimestampString(text);
    return t ? json(models::FormatIso8601(*t)) : json(text);
  }
  return text;  // strings, and blobs kept in their base64 form
}

class Reader {
 public:
  explicit Reader(const ServiceModel& model) : model_(model) {}

  // `nodes` are the elements standing for one value: one, or every item of a flattened list or map.
  json Value(const std::string& shape_name, const json& ref, const std::vector<pugi::xml_node>& nodes, int depth) {
    const json* shape = model_.FindShape(shape_name);
    if (shape == nullptr || depth > kMaxDepth || nodes.empty()) return json();
    const std::string type = shape->value("type", "");
    const bool flat = MemberTraitFlag(ref, shape, "flattened");
    if (type == "list") {
      const json& member = shape->contains("member") ? (*shape)["member"] : kNoRef;
      json out = json::array();
      for (const auto& item : flat ? nodes : ChildElements(nodes.front())) {
        out.push_back(Value(member.value("shape", ""), member, {item}, depth + 1));
      }
      return out;
    }
    if (type == "map") return Map(*shape, flat ? nodes : ChildElements(nodes.front()), depth);
    if (type == "structure") return Structure(*shape, nodes.front(), depth);
    return ScalarFromText(*shape, Text(nodes.back()));
  }

 private:
  json Map(const json& shape, const std::vector<pugi::xml_node>& entries, int depth) {
    const json& key = shape.contains("key") ? shape["key"] : kNoRef;
    const json& val = shape.contains("value") ? shape["value"] : kNoRef;
    const std::string key_name = key.value("locationName", "key");
    const std::string val_name = val.value("locationName", "value");
    json out = json::object();
    for (const auto& entry : entries) {
      std::string k;
      json v;
      for (const auto& part : ChildElements(entry)) {
        if (LocalName(part) == key_name) k = Text(part);
        if (LocalName(part) == val_name) v = Value(val.value("shape", ""), val, {part}, depth + 1);
      }
      out[k] = std::move(v);
    }
    return out;
  }

  json Structure(const json& shape, const pugi::xml_node& node, int depth) {
    json out = json::object();
    if (!shape.contains("members")) return out;
    for (const auto& [member, ref] : shape["members"].items()) {
      if (AnswerOutsideBody(ref)) continue;
      const json* mshape = model_.FindShape(ref.value("shape", ""));
      if (mshape == nullptr) continue;
      if (MemberTraitFlag(ref, mshape, "xmlAttribute")) {
        const std::string wire = ref.value("locationName", member);
        if (auto attr = node.attribute(wire.c_str())) out[member] = attr.value();
        continue;
      }
      std::vector<pugi::xml_node> found;
      const std::string wire = XmlName(member, ref, *mshape);
      for (const auto& c : ChildElements(node)) {
        if (LocalName(c) == wire) found.push_back(c);
      }
      if (found.empty()) continue;
      json v = Value(ref.value("shape", ""), ref, found, depth + 1);
      if (!v.is_null()) out[member] = std::move(v);
    }
    return out;
  }

  // The element name of a member: a flattened list's items take the list member's name.
  static std::string XmlName(const std::string& member, const json& ref, const json& shape) {
    if (shape.value("type", "") == "list" && MemberTraitFlag(ref, &shape, "flattened") && shape.contains("member") &&
        shape["member"].contains("locationName")) {
      return shape["member"]["locationName"].get<std::string>();
    }
    return ref.value("locationName", member);
  }

  const ServiceModel& model_;
};

}  // namespace

std::string Iso8601Micros(const json& timestamp) {
  auto t = models::ParseTimestampJson(timestamp);
  if (!t) return timestamp.is_string() ? timestamp.get<std::string>() : timestamp.dump();
  std::string s = models::FormatIso8601(models::Timestamp{t->seconds, 0});
  if (t->micros == 0) return s;
  char frac[16];
  std::snprintf(frac, sizeof frac, ".%06d", t->micros);
  return s.substr(0, s.size() - 1) + frac + "Z";
}

Result<std::string> EncodeXmlBody(const ServiceModel& model, const std::string& shape_name, const json& value,
                                  const std::string& root_name, const json& root_ref) {
  Writer writer(model);
  Status s = writer.Element(shape_name, root_ref, value, root_name, 0);
  if (!s.ok()) return Fail(s);
  return writer.Take();
}

Result<json> DecodeXmlBody(const ServiceModel& model, const std::string& shape_name, std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return json::object();
  pugi::xml_document doc;
  if (!doc.load_buffer(body.data(), body.size(), pugi::parse_default | pugi::parse_ws_pcdata_single)) {
    return Fail(Status::InvalidArgument("AWS answered with a body that is not XML"));
  }
  Reader reader(model);
  json out = reader.Value(shape_name, kNoRef, {doc.document_element()}, 0);
  return out.is_null() ? json::object() : out;
}

std::string RestScalarText(const json& shape, const json& ref, const json& value) {
  const std::string type = shape.value("type", "");
  if (type == "boolean") return value.is_boolean() && value.get<bool>() ? "true" : "false";
  if (type == "blob") return Base64Encode(value.is_string() ? value.get<std::string>() : value.dump());
  if (type == "timestamp") {
    const std::string format = MemberTraitString(ref, &shape, "timestampFormat");
    auto t = models::ParseTimestampJson(value);
    if (!t) return value.is_string() ? value.get<std::string>() : value.dump();
    if (format == "rfc822") return models::FormatHttpDate(*t);
    if (format == "unixTimestamp") return std::to_string(t->seconds);
    return Iso8601Micros(value);
  }
  if (type == "float" || type == "double") return WireNumber(value, true);
  return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace awsmcp::aws
