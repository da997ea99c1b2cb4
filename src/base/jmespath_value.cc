#include "base/jmespath_value.h"

namespace awsmcp::jmespath {

using nlohmann::json;

namespace {
const json& NullNode() {
  static const json kNull;
  return kNull;
}
}  // namespace

Value::Value() : node_(std::shared_ptr<const json>(), &NullNode()) {}

Value Value::Borrow(const json& node) {
  Value v;
  v.node_ = std::shared_ptr<const json>(std::shared_ptr<const json>(), &node);
  return v;
}

Value Value::Own(json value) {
  Value v;
  v.node_ = std::make_shared<const json>(std::move(value));
  return v;
}

Value Value::ChildOf(const Value& parent, const json& child) {
  Value v;
  v.node_ = std::shared_ptr<const json>(parent.node_, &child);
  return v;
}

Value Value::List(std::vector<Value> items) {
  Value v;
  v.list_ = std::make_shared<const std::vector<Value>>(std::move(items));
  v.node_.reset();
  return v;
}

size_t Value::Size() const {
  if (list_) return list_->size();
  return node_->is_array() ? node_->size() : 0;
}

Value Value::Element(size_t i) const {
  if (list_) return (*list_)[i];
  return ChildOf(*this, (*node_)[i]);
}

bool IsTruthy(const Value& value) { return value.is_list() ? value.Size() > 0 : IsTruthy(*value); }

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
      for (const auto& [k, v] : value.get_ref<const json::object_t&>()) n += 1 + k.size() / 32 + CopyCost(v);
      return n;
    }
    default: return 1;
  }
}

}  // namespace awsmcp::jmespath
