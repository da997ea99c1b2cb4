#include "base/jmespath_parser.h"

#include <algorithm>

#include "base/jmespath_functions.h"
#include "base/jmespath_lexer.h"

namespace awsmcp::jmespath {
namespace {

// Below this binding power a token ends a projection's right-hand side.
constexpr int kProjectionStop = 10;

int BindingPower(TokenType type) {
  switch (type) {
    case TokenType::kPipe: return 1;
    case TokenType::kOr: return 2;
    case TokenType::kAnd: return 3;
    case TokenType::kEq: case TokenType::kNe: case TokenType::kLt:
    case TokenType::kLe: case TokenType::kGt: case TokenType::kGe: return 5;
    case TokenType::kFlatten: return 9;
    case TokenType::kStar: return 20;
    case TokenType::kFilter: return 21;
    case TokenType::kDot: return 40;
    case TokenType::kNot: return 45;
    case TokenType::kLBrace: return 50;
    case TokenType::kLBracket: return 55;
    case TokenType::kLParen: return 60;
    default: return 0;
  }
}

Comparison ComparisonOf(TokenType type) {
  switch (type) {
    case TokenType::kNe: return Comparison::kNe;
    case TokenType::kLt: return Comparison::kLt;
    case TokenType::kLe: return Comparison::kLe;
    case TokenType::kGt: return Comparison::kGt;
    case TokenType::kGe: return Comparison::kGe;
    default: return Comparison::kEq;
  }
}

Node Make(NodeKind kind, size_t position, std::vector<Node> children = {}) {
  Node n;
  n.kind = kind;
  n.position = position;
  for (const Node& c : children) n.depth = std::max(n.depth, c.depth + 1);
  n.children = std::move(children);
  return n;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, const Limits& limits) : tokens_(std::move(tokens)), limits_(limits) {}

  Result<Node> Run() {
    auto tree = Expression(0);
    if (!tree) return tree;
    if (Current().type != TokenType::kEof) return Fail(Unexpected(Current()));
    return tree;
  }

 private:
  const Token& Current() const { return tokens_[at_]; }
  TokenType Lookahead(size_t n) const { return tokens_[std::min(at_ + n, tokens_.size() - 1)].type; }
  const Token& Advance() {
    const Token& t = tokens_[at_];
    if (at_ + 1 < tokens_.size()) ++at_;
    return t;
  }
  Status Expect(TokenType type, const char* what) {
    if (Current().type != type) {
      return SyntaxError(Current().position, std::string("expected ") + what + ", found " + Describe(Current()));
    }
    Advance();
    return {};
  }
  static Status Unexpected(const Token& t) { return SyntaxError(t.position, "unexpected " + Describe(t)); }

  Status TooDeep(size_t position) const {
    return Status::ResourceExhausted("the expression nests deeper than " + std::to_string(limits_.max_depth) +
                                     " levels (at position " + std::to_string(position) + ")");
  }

  Result<Node> Expression(int rbp) {
    struct Depth {
      size_t& d;
      explicit Depth(size_t& x) : d(++x) {}
      ~Depth() { --d; }
    } guard(depth_);
    if (depth_ > limits_.max_depth) return Fail(TooDeep(Current().position));
    const Token& first = Advance();
    auto left = Nud(first);
    while (left && left->depth <= limits_.max_depth && rbp < BindingPower(Current().type)) {
      const Token& t = Advance();
      left = Led(t, std::move(*left));
    }
    if (left && left->depth > limits_.max_depth) return Fail(TooDeep(left->position));
    return left;
  }

  Result<Node> Nud(const Token& t) {
    switch (t.type) {
      case TokenType::kLiteral: {
        Node n = Make(NodeKind::kLiteral, t.position);
        n.literal = t.literal;
        return n;
      }
      case TokenType::kIdentifier: return Field(t);
      case TokenType::kQuotedIdentifier:
        if (Current().type == TokenType::kLParen) {
          return Fail(SyntaxError(t.position, "a quoted identifier cannot name a function"));
        }
        return Field(t);
      case TokenType::kStar: {
        Node right = Make(NodeKind::kCurrent, t.position);
        if (Current().type != TokenType::kRBracket) {
          auto rhs = ProjectionRhs(BindingPower(TokenType::kStar));
          if (!rhs) return rhs;
          right = std::move(*rhs);
        }
        return Make(NodeKind::kValueProjection, t.position, Two(Make(NodeKind::kCurrent, t.position), std::move(right)));
      }
      case TokenType::kFilter: return Filter(t, Make(NodeKind::kCurrent, t.position));
      case TokenType::kLBrace: return MultiSelectHash(t);
      case TokenType::kLParen: {
        auto inner = Expression(0);
        if (!inner) return inner;
        if (Status s = Expect(TokenType::kRParen, "')'"); !s.ok()) return Fail(s);
        return inner;
      }
      case TokenType::kFlatten: return FlattenProjection(t, Make(NodeKind::kCurrent, t.position));
      case TokenType::kNot: {
        auto operand = Expression(BindingPower(TokenType::kNot));
        if (!operand) return operand;
        return Make(NodeKind::kNot, t.position, One(std::move(*operand)));
      }
      case TokenType::kLBracket: return NudBracket(t);
      case TokenType::kCurrent: return Make(NodeKind::kCurrent, t.position);
      case TokenType::kExpref: {
        auto ref = Expression(0);
        if (!ref) return ref;
        return Make(NodeKind::kExpressionRef, t.position, One(std::move(*ref)));
      }
      case TokenType::kEof: return Fail(SyntaxError(t.position, "the expression ends too early"));
      default: return Fail(Unexpected(t));
    }
  }

  Result<Node> Led(const Token& t, Node left) {
    switch (t.type) {
      case TokenType::kDot: {
        if (Current().type == TokenType::kStar) {
          Advance();
          auto rhs = ProjectionRhs(BindingPower(TokenType::kDot));
          if (!rhs) return rhs;
          return Make(NodeKind::kValueProjection, t.position, Two(std::move(left), std::move(*rhs)));
        }
        auto rhs = DotRhs(BindingPower(TokenType::kDot));
        if (!rhs) return rhs;
        return Make(NodeKind::kSubexpression, left.position, Two(std::move(left), std::move(*rhs)));
      }
      case TokenType::kPipe: return Binary(NodeKind::kSubexpression, t, std::move(left));
      case TokenType::kOr: return Binary(NodeKind::kOr, t, std::move(left));
      case TokenType::kAnd: return Binary(NodeKind::kAnd, t, std::move(left));
      case TokenType::kEq: case TokenType::kNe: case TokenType::kLt:
      case TokenType::kLe: case TokenType::kGt: case TokenType::kGe: {
        auto n = Binary(NodeKind::kComparison, t, std::move(left));
        if (n) n->comparison = ComparisonOf(t.type);
        return n;
      }
      case TokenType::kLParen: return FunctionCall(t, std::move(left));
      case TokenType::kFilter: return Filter(t, std::move(left));
      case TokenType::kFlatten: return FlattenProjection(t, std::move(left));
      case TokenType::kLBracket: {
        if (Current().type == TokenType::kNumber || Current().type == TokenType::kColon) {
          return IndexOrSlice(std::move(left));
        }
        if (Status s = Expect(TokenType::kStar, "a number, ':' or '*' after '['"); !s.ok()) return Fail(s);
        if (Status s = Expect(TokenType::kRBracket, "']'"); !s.ok()) return Fail(s);
        return ListProjection(t, std::move(left));
      }
      default: return Fail(Unexpected(t));
    }
  }

  static std::vector<Node> One(Node a) {
    std::vector<Node> v;
    v.push_back(std::move(a));
    return v;
  }
  static std::vector<Node> Two(Node a, Node b) {
    std::vector<Node> v;
    v.push_back(std::move(a));
    v.push_back(std::move(b));
    return v;
  }

  static Node Field(const Token& t) {
    Node n = Make(NodeKind::kField, t.position);
    n.name = t.text;
    return n;
  }

  Result<Node> Binary(NodeKind kind, const Token& t, Node left) {
    auto right = Expression(BindingPower(t.type));
    if (!right) return right;
    return Make(kind, t.position, Two(std::move(left), std::move(*right)));
  }

  Result<Node> NudBracket(const Token& t) {
    if (Current().type == TokenType::kNumber || Current().type == TokenType::kColon) {
      return IndexOrSlice(Make(NodeKind::kCurrent, t.position));
    }
    if (Current().type == TokenType::kStar && Lookahead(1) == TokenType::kRBracket) {
      Advance();
      Advance();
      return ListProjection(t, Make(NodeKind::kCurrent, t.position));
    }
    return MultiSelectList(t);
  }

  Result<Node> ListProjection(const Token& t, Node left) {
    auto rhs = ProjectionRhs(BindingPower(TokenType::kStar));
    if (!rhs) return rhs;
    return Make(NodeKind::kProjection, t.position, Two(std::move(left), std::move(*rhs)));
  }

  Result<Node> FlattenProjection(const Token& t, Node left) {
    Node flat = Make(NodeKind::kFlatten, t.position, One(std::move(left)));
    auto rhs = ProjectionRhs(BindingPower(TokenType::kFlatten));
    if (!rhs) return rhs;
    return Make(NodeKind::kProjection, t.position, Two(std::move(flat), std::move(*rhs)));
  }

  Result<Node> Filter(const Token& t, Node left) {
    auto condition = Expression(0);
    if (!condition) return condition;
    if (Status s = Expect(TokenType::kRBracket, "']' to close the filter"); !s.ok()) return Fail(s);
    Node right = Make(NodeKind::kCurrent, t.position);
    if (Current().type != TokenType::kFlatten) {
      auto rhs = ProjectionRhs(BindingPower(TokenType::kFilter));
      if (!rhs) return rhs;
      right = std::move(*rhs);
    }
    std::vector<Node> parts = Two(std::move(left), std::move(*condition));
    parts.push_back(std::move(right));
    return Make(NodeKind::kFilterProjection, t.position, std::move(parts));
  }

  // After '[' with a number or ':' next: [n] or a slice, which projects.
  Result<Node> IndexOrSlice(Node left) {
    const size_t position = Current().position;
    Node right;
    if (Current().type == TokenType::kColon || Lookahead(1) == TokenType::kColon) {
      auto slice = Slice();
      if (!slice) return slice;
      right = std::move(*slice);
    } else {
      right = Make(NodeKind::kIndex, position);
      right.index = Advance().number;
      if (Status s = Expect(TokenType::kRBracket, "']' after the index"); !s.ok()) return Fail(s);
    }
    const bool is_slice = right.kind == NodeKind::kSlice;
    Node indexed = Make(NodeKind::kSubexpression, left.position, Two(std::move(left), std::move(right)));
    if (!is_slice) return indexed;
    auto rhs = ProjectionRhs(BindingPower(TokenType::kStar));
    if (!rhs) return rhs;
    return Make(NodeKind::kProjection, position, Two(std::move(indexed), std::move(*rhs)));
  }

  Result<Node> Slice() {
    Node n = Make(NodeKind::kSlice, Current().position);
    std::optional<int64_t>* parts[] = {&n.start, &n.stop, &n.step};
    size_t part = 0;
    while (Current().type != TokenType::kRBracket) {
      if (Current().type == TokenType::kColon && part < 2) {
        ++part;
      } else if (Current().type == TokenType::kNumber && !parts[part]->has_value()) {
        *parts[part] = Current().number;
      } else {
        return Fail(SyntaxError(Current().position, "unexpected " + Describe(Current()) + " in a slice"));
      }
      Advance();
    }
    Advance();
    if (n.step == 0) return Fail(Status::InvalidArgument("invalid-value: a slice step cannot be 0"));
    return n;
  }

  Result<Node> ProjectionRhs(int bp) {
    const TokenType next = Current().type;
    if (BindingPower(next) < kProjectionStop) return Make(NodeKind::kCurrent, Current().position);
    if (next == TokenType::kLBracket || next == TokenType::kFilter) return Expression(bp);
    if (next == TokenType::kDot) {
      Advance();
      return DotRhs(bp);
    }
    return Fail(SyntaxError(Current().position, "unexpected " + Describe(Current()) + " after a projection"));
  }

  Result<Node> DotRhs(int bp) {
    const Token& next = Current();
    switch (next.type) {
      case TokenType::kIdentifier: case TokenType::kQuotedIdentifier: case TokenType::kStar:
        return Expression(bp);
      case TokenType::kLBracket: return MultiSelectList(Advance());
      case TokenType::kLBrace: return MultiSelectHash(Advance());
      default:
        return Fail(SyntaxError(next.position, "expected a name, '*', '[' or '{' after '.', found " + Describe(next)));
    }
  }

  // After '['.
  Result<Node> MultiSelectList(const Token& t) {
    std::vector<Node> items;
    while (true) {
      auto item = Expression(0);
      if (!item) return item;
      items.push_back(std::move(*item));
      if (Current().type == TokenType::kRBracket) break;
      if (Status s = Expect(TokenType::kComma, "',' or ']'"); !s.ok()) return Fail(s);
    }
    Advance();
    return Make(NodeKind::kMultiSelectList, t.position, std::move(items));
  }

  // After '{'.
  Result<Node> MultiSelectHash(const Token& t) {
    std::vector<Node> values;
    std::vector<std::string> keys;
    while (true) {
      const Token& key = Current();
      if (key.type != TokenType::kIdentifier && key.type != TokenType::kQuotedIdentifier) {
        return Fail(SyntaxError(key.position, "expected a key name, found " + Describe(key)));
      }
      keys.push_back(Advance().text);
      if (Status s = Expect(TokenType::kColon, "':' after the key"); !s.ok()) return Fail(s);
      auto value = Expression(0);
      if (!value) return value;
      values.push_back(std::move(*value));
      if (Current().type == TokenType::kRBrace) break;
      if (Status s = Expect(TokenType::kComma, "',' or '}'"); !s.ok()) return Fail(s);
    }
    Advance();
    Node n = Make(NodeKind::kMultiSelectHash, t.position, std::move(values));
    n.keys = std::move(keys);
    return n;
  }

  Result<Node> FunctionCall(const Token& t, Node callee) {
    if (callee.kind != NodeKind::kField) return Fail(SyntaxError(t.position, "only a name can be called"));
    std::vector<Node> args;
    if (Current().type != TokenType::kRParen) {
      while (true) {
        auto arg = Expression(0);
        if (!arg) return arg;
        args.push_back(std::move(*arg));
        if (Current().type != TokenType::kComma) break;
        Advance();
      }
    }
    if (Status s = Expect(TokenType::kRParen, "',' or ')' in the arguments"); !s.ok()) return Fail(s);
    const FunctionSpec* function = FindFunction(callee.name);
    if (function == nullptr) {
      return Fail(Status::InvalidArgument("unknown-function: no function named " + callee.name + "() (position " +
                                          std::to_string(callee.position) + ")"));
    }
    if (Status s = CheckArity(*function, args.size()); !s.ok()) return Fail(s);
    Node n = Make(NodeKind::kFunction, callee.position, std::move(args));
    n.name = std::move(callee.name);
    return n;
  }

  std::vector<Token> tokens_;
  const Limits& limits_;
  size_t at_ = 0;
  size_t depth_ = 0;
};

}  // namespace

Result<Node> Parse(std::string_view expression, const Limits& limits) {
  if (expression.size() > limits.max_expression_bytes) {
    return Fail(Status::ResourceExhausted("the expression is " + std::to_string(expression.size()) +
                                          " bytes, over the limit of " +
                                          std::to_string(limits.max_expression_bytes)));
  }
  auto tokens = Tokenize(expression, limits.max_depth);
  if (!tokens) return Fail(tokens.error());
  return Parser(std::move(*tokens), limits).Run();
}

}  // namespace awsmcp::jmespath
