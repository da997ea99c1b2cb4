// The parsed form of a JMESPath expression: a tree of nodes, built by
// jmespath_parser and walked by the evaluator (jmespath.h). Each node's meaning
// is the specification's; `depth` is the height of its subtree (a leaf is 1),
// which the parser keeps under Limits::max_depth.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace awsmcp::jmespath {

enum class NodeKind {
  kField,            // name: the member of an object, else null
  kSubexpression,    // children[0] then children[1] on its result (a.b, a[0], a | b)
  kIndex,            // index: an array element (negative from the end), else null
  kSlice,            // start/stop/step: a Python-style slice of an array, else null
  kProjection,       // children[0] must be an array; children[1] on each element, nulls dropped
  kValueProjection,  // children[0] must be an object; children[1] on each value (a.*)
  kFilterProjection, // children[0] array; children[2] on elements where children[1] is true
  kFlatten,          // children[0] must be an array; nested arrays merged one level
  kCurrent,          // @
  kLiteral,          // literal
  kMultiSelectList,  // [a, b]: null on null, else one element per child
  kMultiSelectHash,  // {k: a}: null on null, else keys[i] -> children[i]
  kOr,
  kAnd,
  kNot,
  kComparison,       // comparison over children[0] and children[1]
  kFunction,         // name(children...)
  kExpressionRef,    // &children[0]: only as a function argument
};

enum class Comparison { kEq, kNe, kLt, kLe, kGt, kGe };

struct Node {
  NodeKind kind = NodeKind::kCurrent;
  size_t depth = 1;
  size_t position = 0;  // where in the expression it starts, for errors
  std::string name;     // kField, kFunction
  nlohmann::json literal;
  int64_t index = 0;
  std::optional<int64_t> start, stop, step;
  Comparison comparison = Comparison::kEq;
  std::vector<std::string> keys;  // kMultiSelectHash
  std::vector<Node> children;
};

}  // namespace awsmcp::jmespath
