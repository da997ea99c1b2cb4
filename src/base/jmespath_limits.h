// Bounds on one JMESPath query, so that an expression from a client (a model,
// or anyone who can reach the server) costs bounded time, memory and stack.
#pragma once

#include <cstddef>

namespace awsmcp::jmespath {

struct Limits {
  // Longest expression text accepted, in bytes; the AWS CLI's queries are
  // rarely more than a few hundred.
  size_t max_expression_bytes = 4096;
  // Deepest nesting of the parsed expression (and of the parser's recursion);
  // evaluation recurses once per level, so this bounds the stack.
  size_t max_depth = 128;
  // Work units one evaluation may spend: one per node evaluated or list
  // element made, plus one per JSON value copied (into an object, a function's
  // argument or the final result; a copy is counted before it starts). Bounds
  // time and the memory of results that multiply the input ([@, @] | [@, @] ...).
  size_t max_work = 4'000'000;
};

}  // namespace awsmcp::jmespath
