// JMESPath text -> syntax tree, a Pratt parser over the spec's grammar with
// the binding powers of the reference implementation. Errors are Status
// values (never exceptions): InvalidArgument "syntax error at position N: ...",
// "unknown-function: ...", "invalid-arity: ..." (function names and argument
// counts are checked here, before any data is read), "invalid-value: ..."
// (a slice step of 0), and ResourceExhausted for an expression over a limit.
#pragma once

#include <string_view>

#include "base/jmespath_ast.h"
#include "base/jmespath_limits.h"
#include "base/status.h"

namespace awsmcp::jmespath {

Result<Node> Parse(std::string_view expression, const Limits& limits);

}  // namespace awsmcp::jmespath
