// The tokens of a JMESPath expression (https://jmespath.org/specification.html).
// Internal to the JMESPath parser; exposed for its tests and fuzz target.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace awsmcp::jmespath {

enum class TokenType {
  kEof,
  kIdentifier,        // unquoted: foo_1
  kQuotedIdentifier,  // "foo bar", JSON string escapes decoded
  kLiteral,           // `json` or 'raw string'; value in Token::literal
  kNumber,            // -12, in index and slice positions
  kDot, kStar, kFlatten /* [] */, kFilter /* [? */, kLBracket, kRBracket, kLBrace, kRBrace,
  kLParen, kRParen, kComma, kColon, kPipe, kOr, kAnd, kNot, kExpref /* & */, kCurrent /* @ */,
  kEq, kNe, kLt, kLe, kGt, kGe,
};

struct Token {
  TokenType type = TokenType::kEof;
  size_t position = 0;     // byte offset of the token's first character
  std::string text;        // identifier name (decoded for quoted ones)
  nlohmann::json literal;  // kLiteral's value
  int64_t number = 0;      // kNumber's value
};

// Splits `expression` into tokens ending with kEof. A malformed token is an
// InvalidArgument "syntax error at position N: ..." Status. Literals nested
// deeper than `max_literal_depth` are refused (their copies recurse).
Result<std::vector<Token>> Tokenize(std::string_view expression, size_t max_literal_depth);

// A short name for error messages: "']'", "identifier 'foo'", "end of expression".
std::string Describe(const Token& token);

// "syntax error at position N: what"
Status SyntaxError(size_t position, const std::string& what);

}  // namespace awsmcp::jmespath
