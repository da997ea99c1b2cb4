#include "base/jmespath_lexer.h"

#include <charconv>

#include "base/json_depth.h"

namespace awsmcp::jmespath {
namespace {

using nlohmann::json;

bool IsIdentifierStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentifierChar(char c) { return IsIdentifierStart(c) || IsDigit(c); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

class Lexer {
 public:
  Lexer(std::string_view text, size_t max_literal_depth) : text_(text), max_literal_depth_(max_literal_depth) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
      Token token;
      token.position = pos_;
      if (pos_ == text_.size()) {
        tokens.push_back(std::move(token));
        return tokens;
      }
      Status s = Next(token);
      if (!s.ok()) return Fail(std::move(s));
      tokens.push_back(std::move(token));
    }
  }

 private:
  char Peek(size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }

  // One character, or two when the second one makes a longer token.
  TokenType OneOrTwo(char second, TokenType one, TokenType two) {
    if (Peek(1) == second) {
      pos_ += 2;
      return two;
    }
    ++pos_;
    return one;
  }

  Status Next(Token& token) {
    const char c = Peek();
    if (IsIdentifierStart(c)) return Identifier(token);
    if (IsDigit(c) || c == '-') return Number(token);
    switch (c) {
      case '"': return QuotedIdentifier(token);
      case '\'': return RawString(token);
      case '`': return Literal(token);
      case '.': return Single(token, TokenType::kDot);
      case '*': return Single(token, TokenType::kStar);
      case ']': return Single(token, TokenType::kRBracket);
      case '{': return Single(token, TokenType::kLBrace);
      case '}': return Single(token, TokenType::kRBrace);
      case '(': return Single(token, TokenType::kLParen);
      case ')': return Single(token, TokenType::kRParen);
      case ',': return Single(token, TokenType::kComma);
      case ':': return Single(token, TokenType::kColon);
      case '@': return Single(token, TokenType::kCurrent);
      case '[':
        if (Peek(1) == ']') return Double(token, TokenType::kFlatten);
        if (Peek(1) == '?') return Double(token, TokenType::kFilter);
        return Single(token, TokenType::kLBracket);
      case '|': token.type = OneOrTwo('|', TokenType::kPipe, TokenType::kOr); return {};
      case '&': token.type = OneOrTwo('&', TokenType::kExpref, TokenType::kAnd); return {};
      case '!': token.type = OneOrTwo('=', TokenType::kNot, TokenType::kNe); return {};
      case '<': token.type = OneOrTwo('=', TokenType::kLt, TokenType::kLe); return {};
      case '>': token.type = OneOrTwo('=', TokenType::kGt, TokenType::kGe); return {};
      case '=':
        if (Peek(1) == '=') return Double(token, TokenType::kEq);
        return SyntaxError(pos_, "'=' alone is not an operator (did you mean '=='?)");
      default:
        return SyntaxError(pos_, "unexpected character '" + std::string(1, c) + "'");
    }
  }

  Status Single(Token& token, TokenType type) {
    token.type = type;
    ++pos_;
    return {};
  }
  Status Double(Token& token, TokenType type) {
    token.type = type;
    pos_ += 2;
    return {};
  }

  Status Identifier(Token& token) {
    const size_t start = pos_;
    while (pos_ < text_.size() && IsIdentifierChar(text_[pos_])) ++pos_;
    token.type = TokenType::kIdentifier;
    token.text = std::string(text_.substr(start, pos_ - start));
    return {};
  }

  Status Number(Token& token) {
    const size_t start = pos_;
    if (Peek() == '-') ++pos_;
    if (!IsDigit(Peek())) return SyntaxError(start, "'-' must start a number");
    while (IsDigit(Peek())) ++pos_;
    const char* first = text_.data() + start;
    auto [end, ec] = std::from_chars(first, text_.data() + pos_, token.number);
    if (ec != std::errc()) return SyntaxError(start, "number out of range");
    token.type = TokenType::kNumber;
    return {};
  }

  // The text up to the next unescaped `delimiter` (escapes kept as written);
  // the position moves past the delimiter.
  Result<std::string> Delimited(char delimiter) {
    const size_t start = pos_++;
    std::string body;
    while (pos_ < text_.size() && text_[pos_] != delimiter) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) body += text_[pos_++];
      body += text_[pos_++];
    }
    if (pos_ == text_.size()) {
      return Fail(SyntaxError(start, std::string("unterminated ") + delimiter + "...") );
    }
    ++pos_;
    return body;
  }

  Status QuotedIdentifier(Token& token) {
    const size_t start = pos_;
    auto body = Delimited('"');
    if (!body) return body.error();
    json decoded = json::parse("\"" + *body + "\"", nullptr, /*allow_exceptions=*/false);
    if (!decoded.is_string()) return SyntaxError(start, "invalid quoted identifier");
    token.type = TokenType::kQuotedIdentifier;
    token.text = decoded.get<std::string>();
    return {};
  }

  // 'raw string': only \' is an escape; every other backslash stays.
  Status RawString(Token& token) {
    auto body = Delimited('\'');
    if (!body) return body.error();
    token.type = TokenType::kLiteral;
    token.literal = ReplaceAll(std::move(*body), "\\'", "'");
    return {};
  }

  // `json`. Text that is not JSON is taken as a string, as the spec's
  // deprecated form (`foo`) allows and the reference implementation does.
  Status Literal(Token& token) {
    const size_t start = pos_;
    auto body = Delimited('`');
    if (!body) return body.error();
    std::string text = ReplaceAll(std::move(*body), "\\`", "`");
    if (NestedDeeperThan(text, max_literal_depth_)) {
      return Status::ResourceExhausted("the literal at position " + std::to_string(start) + " nests deeper than " +
                                       std::to_string(max_literal_depth_) + " levels");
    }
    json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) {
      size_t first = text.find_first_not_of(" \t\n\r");
      value = json::parse("\"" + (first == std::string::npos ? "" : text.substr(first)) + "\"", nullptr, false);
    }
    if (value.is_discarded()) return SyntaxError(start, "invalid JSON literal");
    token.type = TokenType::kLiteral;
    token.literal = std::move(value);
    return {};
  }

  std::string_view text_;
  size_t max_literal_depth_;
  size_t pos_ = 0;
};

}  // namespace

Status SyntaxError(size_t position, const std::string& what) {
  return Status::InvalidArgument("syntax error at position " + std::to_string(position) + ": " + what);
}

Result<std::vector<Token>> Tokenize(std::string_view expression, size_t max_literal_depth) {
  return Lexer(expression, max_literal_depth).Run();
}

std::string Describe(const Token& token) {
  switch (token.type) {
    case TokenType::kEof: return "end of expression";
    case TokenType::kIdentifier: return "identifier '" + token.text + "'";
    case TokenType::kQuotedIdentifier: return "quoted identifier";
    case TokenType::kLiteral: return "literal";
    case TokenType::kNumber: return "number " + std::to_string(token.number);
    case TokenType::kDot: return "'.'";
    case TokenType::kStar: return "'*'";
    case TokenType::kFlatten: return "'[]'";
    case TokenType::kFilter: return "'[?'";
    case TokenType::kLBracket: return "'['";
    case TokenType::kRBracket: return "']'";
    case TokenType::kLBrace: return "'{'";
    case TokenType::kRBrace: return "'}'";
    case TokenType::kLParen: return "'('";
    case TokenType::kRParen: return "')'";
    case TokenType::kComma: return "','";
    case TokenType::kColon: return "':'";
    case TokenType::kPipe: return "'|'";
    case TokenType::kOr: return "'||'";
    case TokenType::kAnd: return "'&&'";
    case TokenType::kNot: return "'!'";
    case TokenType::kExpref: return "'&'";
    case TokenType::kCurrent: return "'@'";
    case TokenType::kEq: return "'=='";
    case TokenType::kNe: return "'!='";
    case TokenType::kLt: return "'<'";
    case TokenType::kLe: return "'<='";
    case TokenType::kGt: return "'>'";
    case TokenType::kGe: return "'>='";
  }
  return "token";
}

}  // namespace awsmcp::jmespath
