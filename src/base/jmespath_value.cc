#include "base/jmespath_value.h"

namespace awsmcp::jmespath {

using nlohmann::json;

Value Borrow(const json& node) { return Value(Value(), &node); }

Value Own(json value) { return std::make_shared<const json>(std::move(value)); }

Value ChildOf(const Value& parent, const json& child) { return Value(parent, &child); }

Value Null() {
  static const json kNull;
  return Borrow(kNull);
}

bool IsTruthy(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return false;
    case json::value_t::boolean: return value.get<bool>();
    case json::value_t::string: return !value.get_ref<const std::string&>().empty();
    case json::value_t::array:
    case json::value_t::object: return !value.empty();
    default: return true;
  }
}

bool IsNumber(const json& value) { return value.is_number(); }

const char* TypeName(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "boolean";
    case json::value_t::string: return "string";
    case json::value_t::array: return "array";
    case json::value_t::object: return "object";
    default: return "number";
  }
}

size_t CopyCost(const json& value) {
  switch (value.type()) {
    case json::value_t::string: return 1 + value.get_ref<const std::string&>().size() / 32;
    case json::value_t::array: {
      size_t n = 1;
      for (const json& v : value) n += CopyCost(v);
      return n;
    }
    case json::value_t::object: {
      size_t n = 1;
      for (const auto& [k, v] : value.items()) n += 1 + k.size() / 32 + CopyCost(v);
      return n;
    }
    default: return 1;
  }
}

}  // namespace awsmcp::jmespath
