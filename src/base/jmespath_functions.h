// The built-in functions of JMESPath (abs ... values), with the spec's
// signatures: arity is checked when an expression is parsed, argument types
// when the function runs. Errors are Status values whose message starts with
// the compliance suite's error name: "invalid-type: ...", "invalid-arity: ...",
// "unknown-function: ...".
#pragma once

#include <string_view>
#include <vector>

#include "base/jmespath_ast.h"
#include "base/jmespath_value.h"
#include "base/status.h"

namespace awsmcp::jmespath {

struct FunctionSpec;

// The built-in called `name`, or nullptr.
const FunctionSpec* FindFunction(std::string_view name);

// OK when `count` arguments suit the function; else "invalid-arity: ...".
Status CheckArity(const FunctionSpec& function, size_t count);

// What a function needs from the evaluator: running an expression reference
// (map, sort_by, max_by, min_by) and charging the work it does.
class ExpressionRunner {
 public:
  virtual ~ExpressionRunner() = default;
  virtual Result<Value> Run(const Node& expression, const Value& input) = 0;
  virtual Status Spend(size_t units) = 0;
};

// True when argument `arg` of `function` may be a built list (Value::is_list):
// map, sort_by, max_by and min_by walk their array without copying it. Any
// other argument must be a JSON node. Results may be built lists.
bool TakesBuiltList(const FunctionSpec& function, size_t arg);

// One argument: a value, or (for &expr) the expression it refers to.
struct Argument {
  Value value;
  const Node* expression = nullptr;
};

// Calls `function` (already arity-checked) on `args`.
Result<Value> CallFunction(const FunctionSpec& function, const std::vector<Argument>& args, ExpressionRunner& runner);

}  // namespace awsmcp::jmespath
