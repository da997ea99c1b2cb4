// A value during JMESPath evaluation: a JSON node of the queried document,
// borrowed without a copy; a JSON value the evaluator built, shared; or a list
// the evaluator built of such values (what projections, flatten, slices and
// multiselect lists make), so that `Reservations[].Instances[].InstanceId`
// copies nothing but the ids at the end. A child of a built value keeps its
// parent alive (shared_ptr aliasing).
#pragma once

#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

namespace awsmcp::jmespath {

class Value {
 public:
  Value();  // null

  static Value Borrow(const nlohmann::json& node);  // `node` must outlive the value
  static Value Own(nlohmann::json value);
  static Value ChildOf(const Value& parent, const nlohmann::json& child);  // child: a node inside parent's JSON
  static Value List(std::vector<Value> items);

  // A built list; its elements are values. Otherwise the value is a JSON node.
  bool is_list() const { return list_ != nullptr; }
  // The JSON node; only when !is_list().
  const nlohmann::json& operator*() const { return *node_; }
  const nlohmann::json* operator->() const { return node_.get(); }

  bool IsArray() const { return is_list() || node_->is_array(); }
  bool IsNull() const { return !is_list() && node_->is_null(); }
  // For arrays (built or JSON): the number of elements and one of them.
  size_t Size() const;
  Value Element(size_t i) const;

 private:
  std::shared_ptr<const nlohmann::json> node_;
  std::shared_ptr<const std::vector<Value>> list_;
};

inline Value Borrow(const nlohmann::json& node) { return Value::Borrow(node); }
inline Value Own(nlohmann::json value) { return Value::Own(std::move(value)); }
inline Value ChildOf(const Value& parent, const nlohmann::json& child) { return Value::ChildOf(parent, child); }
inline Value Null() { return Value(); }

// The spec's truth: false, null, "", [] and {} are false; everything else true.
bool IsTruthy(const nlohmann::json& value);
bool IsTruthy(const Value& value);
// The spec's type names: number, string, boolean, array, object, null.
const char* TypeName(const nlohmann::json& value);
// Values in `value` (itself included), strings counted by length too: the
// work of copying it.
size_t CopyCost(const nlohmann::json& value);

}  // namespace awsmcp::jmespath
