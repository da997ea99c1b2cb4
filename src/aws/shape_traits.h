// A member's traits as botocore resolves them: the member reference's own
// (location, locationName, timestampFormat, xmlNamespace, ...) over those of
// the shape it targets.
#pragma once

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

namespace awsmcp::aws {

// The trait `key` of a member with reference `ref` to `shape`; nullptr when
// neither has it. `shape` may be nullptr.
inline const nlohmann::json* MemberTrait(const nlohmann::json& ref, const nlohmann::json* shape, const char* key) {
  if (ref.is_object()) {
    if (auto it = ref.find(key); it != ref.end()) return &*it;
  }
  if (shape != nullptr && shape->is_object()) {
    if (auto it = shape->find(key); it != shape->end()) return &*it;
  }
  return nullptr;
}

// The trait as a string, "" when absent or not a string.
inline std::string MemberTraitString(const nlohmann::json& ref, const nlohmann::json* shape, const char* key) {
  const nlohmann::json* v = MemberTrait(ref, shape, key);
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

// The trait as a flag, false when absent.
inline bool MemberTraitFlag(const nlohmann::json& ref, const nlohmann::json* shape, const char* key) {
  const nlohmann::json* v = MemberTrait(ref, shape, key);
  return v != nullptr && v->is_boolean() && v->get<bool>();
}

// A number as botocore writes it in a URI, query string, header or XML text
// (Python's str): "1.0" for an integral float, "NaN"/"Infinity" kept as given.
inline std::string WireNumber(const nlohmann::json& value, bool floating) {
  if (value.is_string()) return value.get<std::string>();
  if (floating && value.is_number()) {
    const double d = value.get<double>();
    if (std::floor(d) == d && std::fabs(d) < 1e16) return std::to_string(static_cast<long long>(d)) + ".0";
  }
  return value.dump();
}

}  // namespace awsmcp::aws
