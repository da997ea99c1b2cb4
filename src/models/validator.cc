#include "models/validator.h"

#include <cmath>
#include <limits>

#include "models/timestamp.h"

namespace awsmcp::models {
namespace {

using nlohmann::json;

const char* JsonTypeName(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "integer";
    case json::value_t::number_float: return "number";
    case json::value_t::string: return "string";
    case json::value_t::array: return "array";
    case json::value_t::object: return "object";
    default: return "value";
  }
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string Child(const std::string& path, const std::string& member) {
  return path.empty() ? member : path + "." + member;
}

// CloudWatch Logs' times are longs (epoch milliseconds), not timestamps: a
// model that writes an ISO-8601 date there needs the unit, not just "integer".
bool IsEpochMillis(const std::string& shape_name) {
  return shape_name == "Timestamp" || shape_name == "EpochMillis";
}
constexpr char kEpochMillis[] =
    "integer: milliseconds since 1970-01-01T00:00:00Z (epoch milliseconds, e.g. 1764633600000 for "
    "2025-12-02T00:00:00Z)";

class Validator {
 public:
  Validator(const ServiceModel& model, const ValidationOptions& options) : model_(model), options_(options) {}

  void Check(const std::string& shape_name, const json& value, const std::string& path, size_t depth) {
    if (issues_.size() >= options_.max_issues) return;
    if (depth > options_.max_depth) return Add(path, "nested too deeply");
    const json* shape = model_.FindShape(shape_name);
    if (shape == nullptr) return Add(path, "model has no shape " + shape_name);
    if (shape->value("document", false)) return;  // any JSON value
    const std::string type = shape->value("type", "");
    if (type == "structure") return CheckStructure(*shape, value, path, depth);
    if (type == "list") {
      if (!value.is_array()) return TypeError(path, "array", value);
      CheckRange(*shape, static_cast<double>(value.size()), path, "length");
      const std::string member = (*shape)["member"].value("shape", "");
      for (size_t i = 0; i < value.size(); ++i) Check(member, value[i], path + "[" + std::to_string(i) + "]", depth + 1);
      return;
    }
    if (type == "map") {
      if (!value.is_object()) return TypeError(path, "object", value);
      CheckRange(*shape, static_cast<double>(value.size()), path, "length");
      const std::string key_shape = (*shape)["key"].value("shape", "");
      const std::string val_shape = (*shape)["value"].value("shape", "");
      for (const auto& [k, v] : value.items()) {
        Check(key_shape, json(k), Child(path, k) + " (key)", depth + 1);
        Check(val_shape, v, Child(path, k), depth + 1);
      }
      return;
    }
    if (type == "string") {
      if (!value.is_string()) return TypeError(path, "string", value);
      const auto& s = value.get_ref<const std::string&>();
      if (shape->contains("enum")) {
        bool found = false;
        std::vector<std::string> allowed;
        for (const auto& e : (*shape)["enum"]) {
          allowed.push_back(e.get<std::string>());
          if (e == s) found = true;
        }
        if (!found) return Add(path, "'" + s.substr(0, 64) + "' is not one of: " + Join(allowed));
      }
      size_t chars = 0;  // the model's lengths count characters, not UTF-8 bytes
      for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
      CheckRange(*shape, static_cast<double>(chars), path, "length");
      return;
    }
    if (type == "integer" || type == "long") {
      if (!value.is_number_integer()) {
        return TypeError(path, IsEpochMillis(shape_name) ? kEpochMillis : "integer", value);
      }
      CheckRange(*shape, value.get<double>(), path, "value");
      return;
    }
    if (type == "float" || type == "double") {
      if (!value.is_number()) return TypeError(path, "number", value);
      return;
    }
    if (type == "boolean") {
      if (!value.is_boolean()) return TypeError(path, "boolean", value);
      return;
    }
    if (type == "timestamp") {
      auto t = ParseTimestampJson(value);
      if (!t) return Add(path, t.error().message());
      return;
    }
    if (type == "blob") {
      if (!value.is_string()) return TypeError(path, "string (sent base64-encoded)", value);
      return;
    }
    // "document" and anything newer: any JSON value.
  }

  std::vector<ValidationIssue> Take() { return std::move(issues_); }

 private:
  void CheckStructure(const json& shape, const json& value, const std::string& path, size_t depth) {
    if (!value.is_object()) return TypeError(path, "object", value);
    if (shape.value("union", false) && value.size() != 1) {
      Add(path, "exactly one member must be set (a union)");
    }
    const json& members = shape.contains("members") ? shape["members"] : json::object();
    for (const auto& [name, v] : value.items()) {
      if (!members.contains(name)) {
        std::vector<std::string> valid;
        for (const auto& [m, _] : members.items()) valid.push_back(m);
        Add(Child(path, name), "unknown member; valid members" + std::string(path.empty() ? "" : " of " + path) +
                                   ": " + (valid.empty() ? "(none)" : Join(valid)));
        continue;
      }
      Check(members[name].value("shape", ""), v, Child(path, name), depth + 1);
    }
    if (shape.contains("required")) {
      for (const auto& r : shape["required"]) {
        const std::string name = r.get<std::string>();
        if (!value.contains(name)) Add(Child(path, name), "required member is missing");
      }
    }
  }

  void CheckRange(const json& shape, double v, const std::string& path, const char* what) {
    if (shape.contains("min") && shape["min"].is_number() && v < shape["min"].get<double>()) {
      Add(path, std::string(what) + " " + Num(v) + " is below the minimum " + Num(shape["min"].get<double>()));
    }
    if (shape.contains("max") && shape["max"].is_number() && v > shape["max"].get<double>()) {
      Add(path, std::string(what) + " " + Num(v) + " is above the maximum " + Num(shape["max"].get<double>()));
    }
  }

  static std::string Num(double v) {
    if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    return std::to_string(v);
  }

  void TypeError(const std::string& path, const char* expected, const json& got) {
    Add(path, std::string("expected ") + expected + ", got " + JsonTypeName(got));
  }

  void Add(const std::string& path, std::string message) {
    if (issues_.size() < options_.max_issues) issues_.push_back({path, std::move(message)});
  }

  const ServiceModel& model_;
  const ValidationOptions& options_;
  std::vector<ValidationIssue> issues_;
};

}  // namespace

std::vector<ValidationIssue> ValidateInput(const ServiceModel& model, const std::string& shape_name,
                                           const json& params, const ValidationOptions& options) {
  if (shape_name.empty()) {
    if (params.is_object() && params.empty()) return {};
    return {{"", "this operation takes no parameters"}};
  }
  Validator v(model, options);
  v.Check(shape_name, params, "", 0);
  return v.Take();
}

Status IssuesToStatus(const std::vector<ValidationIssue>& issues) {
  if (issues.empty()) return Status::Ok();
  std::string msg = "invalid params:";
  for (const auto& i : issues) msg += "\n- " + (i.path.empty() ? std::string("params") : "params." + i.path) + ": " + i.message;
  return Status::InvalidArgument(msg);
}

}  // namespace awsmcp::models
