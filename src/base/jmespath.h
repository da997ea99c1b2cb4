// JMESPath (https://jmespath.org/specification.html) over nlohmann::json, as
// the AWS CLI's --query applies it: the whole specification, with every
// built-in function, checked against the official compliance suite and the
// reference implementation (python jmespath).
//
// Hostile input is bounded (jmespath_limits.h): the expression's length and
// nesting, and the work of one evaluation. Nothing throws; every failure is a
// Status whose message starts with the compliance suite's name for it:
//   "syntax error at position N: ..."  (N: byte offset in the expression)
//   "invalid-type: ...", "invalid-arity: ...", "unknown-function: ...",
//   "invalid-value: ..."                (InvalidArgument)
//   a limit exceeded                    (ResourceExhausted)
// Objects are nlohmann::json's, whose keys are sorted: keys(), values() and
// `*` over an object list members in key order.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/jmespath_ast.h"
#include "base/jmespath_limits.h"
#include "base/status.h"

namespace awsmcp::jmespath {

// A compiled expression; immutable, so one may be searched from many threads.
class Expression {
 public:
  static Result<Expression> Compile(std::string_view text, const Limits& limits = {});

  // The expression applied to `document` (not modified, not kept).
  Result<nlohmann::json> Search(const nlohmann::json& document) const;

  const std::string& text() const { return text_; }

 private:
  Expression(Node root, Limits limits, std::string text)
      : root_(std::move(root)), limits_(limits), text_(std::move(text)) {}
  Node root_;
  Limits limits_;
  std::string text_;
};

// Compile and Search in one step.
Result<nlohmann::json> Search(std::string_view expression, const nlohmann::json& document, const Limits& limits = {});

// The compliance suite's name of the error in `status` ("syntax",
// "invalid-type", "invalid-arity", "unknown-function", "invalid-value"),
// "limit" for a ResourceExhausted one, or "" for any other.
std::string_view ErrorKind(const Status& status);

}  // namespace awsmcp::jmespath
