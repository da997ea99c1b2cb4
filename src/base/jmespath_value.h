// A value during JMESPath evaluation: a node of the queried document, borrowed
// without a copy, or a value the evaluator built, shared. A child of a built
// value keeps its parent alive (shared_ptr aliasing), so `a.b.c` copies nothing.
#pragma once

#include <memory>

#include <nlohmann/json.hpp>

namespace awsmcp::jmespath {

using Value = std::shared_ptr<const nlohmann::json>;

// `node` must outlive the value (the queried document, or a literal of the tree).
Value Borrow(const nlohmann::json& node);
Value Own(nlohmann::json value);
// `child` is a node inside *parent.
Value ChildOf(const Value& parent, const nlohmann::json& child);
Value Null();

// The spec's truth: false, null, "", [] and {} are false; everything else true.
bool IsTruthy(const nlohmann::json& value);
// The spec's type names: number, string, boolean, array, object, null.
const char* TypeName(const nlohmann::json& value);
bool IsNumber(const nlohmann::json& value);
// Values in `value` (itself included), strings counted by length too: the
// work of copying it.
size_t CopyCost(const nlohmann::json& value);

}  // namespace awsmcp::jmespath
