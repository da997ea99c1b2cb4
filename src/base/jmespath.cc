#include "base/jmespath.h"

#include "base/jmespath_functions.h"
#include "base/jmespath_parser.h"
#include "base/jmespath_value.h"

namespace awsmcp::jmespath {
namespace {

using nlohmann::json;

// Python's slice bounds for a list of `length` elements.
struct SliceBounds {
  int64_t start, stop, step;
};

SliceBounds Bounds(const Node& n, int64_t length) {
  const int64_t step = n.step.value_or(1);
  auto adjust = [&](std::optional<int64_t> given, int64_t missing) {
    if (!given) return missing;
    int64_t i = *given;
    if (i < 0) {
      i += length;
      if (i < 0) i = step < 0 ? -1 : 0;
    } else if (i >= length) {
      i = step < 0 ? length - 1 : length;
    }
    return i;
  };
  return {adjust(n.start, step < 0 ? length - 1 : 0), adjust(n.stop, step < 0 ? -1 : length), step};
}

class Evaluator : public ExpressionRunner {
 public:
  explicit Evaluator(size_t budget) : budget_(budget), limit_(budget) {}

  Result<Value> Run(const Node& expression, const Value& input) override { return Eval(expression, input); }

  Status Spend(size_t units) override {
    if (units > budget_) {
      budget_ = 0;
      return Status::ResourceExhausted("the query needs more than " + std::to_string(limit_) +
                                       " units of work on this document; make it simpler or narrow the input");
    }
    budget_ -= units;
    return {};
  }

  Result<Value> Eval(const Node& n, const Value& v) {
    if (Status s = Spend(1); !s.ok()) return Fail(s);
    switch (n.kind) {
      case NodeKind::kField: return Field(n, v);
      case NodeKind::kSubexpression: {
        auto left = Eval(n.children[0], v);
        if (!left) return left;
        return Eval(n.children[1], *left);
      }
      case NodeKind::kIndex: return Index(n, v);
      case NodeKind::kSlice: return Slice(n, v);
      case NodeKind::kProjection: return Projection(n, v, /*over_values=*/false);
      case NodeKind::kValueProjection: return Projection(n, v, /*over_values=*/true);
      case NodeKind::kFilterProjection: return Projection(n, v, false);
      case NodeKind::kFlatten: return Flatten(n, v);
      case NodeKind::kCurrent: return v;
      case NodeKind::kLiteral: return Borrow(n.literal);
      case NodeKind::kMultiSelectList: return MultiSelect(n, v);
      case NodeKind::kMultiSelectHash: return MultiSelect(n, v);
      case NodeKind::kOr:
      case NodeKind::kAnd: return Logical(n, v);
      case NodeKind::kNot: {
        auto operand = Eval(n.children[0], v);
        if (!operand) return operand;
        return Own(!IsTruthy(**operand));
      }
      case NodeKind::kComparison: return Compare(n, v);
      case NodeKind::kFunction: return Call(n, v);
      case NodeKind::kExpressionRef:
        return Fail(Status::InvalidArgument("invalid-type: an expression reference (&...) at position " +
                                            std::to_string(n.position) + " can only be a function's argument"));
    }
    return Null();
  }

 private:
  static Result<Value> Field(const Node& n, const Value& v) {
    if (!v->is_object()) return Null();
    auto it = v->find(n.name);
    if (it == v->end()) return Null();
    return ChildOf(v, *it);
  }

  static Result<Value> Index(const Node& n, const Value& v) {
    if (!v->is_array()) return Null();
    const int64_t size = static_cast<int64_t>(v->size());
    const int64_t i = n.index < 0 ? size + n.index : n.index;
    if (i < 0 || i >= size) return Null();
    return ChildOf(v, (*v)[static_cast<size_t>(i)]);
  }

  Result<Value> Slice(const Node& n, const Value& v) {
    if (!v->is_array()) return Null();
    const SliceBounds b = Bounds(n, static_cast<int64_t>(v->size()));
    json out = json::array();
    // 128-bit, so that a step near INT64_MAX cannot overflow.
    for (__int128 i = b.start; b.step > 0 ? i < b.stop : i > b.stop; i += b.step) {
      const json& e = (*v)[static_cast<size_t>(i)];
      if (Status s = Spend(CopyCost(e)); !s.ok()) return Fail(s);
      out.push_back(e);
    }
    return Own(std::move(out));
  }

  // [*], [] and [?...] over an array's elements, or .* over an object's
  // values: the right-hand side on each, null results dropped.
  Result<Value> Projection(const Node& n, const Value& v, bool over_values) {
    auto base = Eval(n.children[0], v);
    if (!base) return base;
    const json& b = **base;
    if (over_values ? !b.is_object() : !b.is_array()) return Null();
    const bool filtered = n.kind == NodeKind::kFilterProjection;
    const Node& rhs = n.children[filtered ? 2 : 1];
    json out = json::array();
    for (const json& e : b) {
      Value element = ChildOf(*base, e);
      if (filtered) {
        auto keep = Eval(n.children[1], element);
        if (!keep) return keep;
        if (!IsTruthy(**keep)) continue;
      }
      auto r = Eval(rhs, element);
      if (!r) return r;
      if ((*r)->is_null()) continue;
      if (Status s = Spend(CopyCost(**r)); !s.ok()) return Fail(s);
      out.push_back(**r);
    }
    return Own(std::move(out));
  }

  Result<Value> Flatten(const Node& n, const Value& v) {
    auto base = Eval(n.children[0], v);
    if (!base) return base;
    if (!(*base)->is_array()) return Null();
    json out = json::array();
    for (const json& e : **base) {
      if (Status s = Spend(CopyCost(e)); !s.ok()) return Fail(s);
      if (e.is_array()) {
        out.insert(out.end(), e.begin(), e.end());
      } else {
        out.push_back(e);
      }
    }
    return Own(std::move(out));
  }

  Result<Value> MultiSelect(const Node& n, const Value& v) {
    if (v->is_null()) return Null();
    const bool hash = n.kind == NodeKind::kMultiSelectHash;
    json out = hash ? json::object() : json::array();
    for (size_t i = 0; i < n.children.size(); ++i) {
      auto r = Eval(n.children[i], v);
      if (!r) return r;
      if (Status s = Spend(CopyCost(**r)); !s.ok()) return Fail(s);
      if (hash) {
        out[n.keys[i]] = **r;
      } else {
        out.push_back(**r);
      }
    }
    return Own(std::move(out));
  }

  Result<Value> Logical(const Node& n, const Value& v) {
    auto left = Eval(n.children[0], v);
    if (!left) return left;
    const bool decided = IsTruthy(**left) == (n.kind == NodeKind::kOr);
    if (decided) return left;
    return Eval(n.children[1], v);
  }

  Result<Value> Compare(const Node& n, const Value& v) {
    auto left = Eval(n.children[0], v);
    if (!left) return left;
    auto right = Eval(n.children[1], v);
    if (!right) return right;
    const json& l = **left;
    const json& r = **right;
    switch (n.comparison) {
      case Comparison::kEq: return Own(l == r);
      case Comparison::kNe: return Own(l != r);
      default: break;
    }
    // Ordering is defined for two numbers, and (as the reference
    // implementation allows) two strings; anything else is null.
    const bool comparable = (l.is_number() && r.is_number()) || (l.is_string() && r.is_string());
    if (!comparable) return Null();
    switch (n.comparison) {
      case Comparison::kLt: return Own(l < r);
      case Comparison::kLe: return Own(l <= r);
      case Comparison::kGt: return Own(l > r);
      default: return Own(l >= r);
    }
  }

  Result<Value> Call(const Node& n, const Value& v) {
    std::vector<Argument> args;
    args.reserve(n.children.size());
    for (const Node& child : n.children) {
      if (child.kind == NodeKind::kExpressionRef) {
        args.push_back({Null(), &child.children[0]});
        continue;
      }
      auto r = Eval(child, v);
      if (!r) return r;
      args.push_back({std::move(*r), nullptr});
    }
    return CallFunction(*FindFunction(n.name), args, *this);
  }

  size_t budget_;
  size_t limit_;
};

}  // namespace

Result<Expression> Expression::Compile(std::string_view text, const Limits& limits) {
  auto root = Parse(text, limits);
  if (!root) return Fail(root.error());
  return Expression(std::move(*root), limits, std::string(text));
}

Result<json> Expression::Search(const json& document) const {
  Evaluator evaluator(limits_.max_work);
  auto r = evaluator.Eval(root_, Borrow(document));
  if (!r) return Fail(r.error());
  return json(**r);
}

Result<json> Search(std::string_view expression, const json& document, const Limits& limits) {
  auto compiled = Expression::Compile(expression, limits);
  if (!compiled) return Fail(compiled.error());
  return compiled->Search(document);
}

std::string_view ErrorKind(const Status& status) {
  if (status.code() == Code::kResourceExhausted) return "limit";
  if (status.code() != Code::kInvalidArgument) return "";
  const std::string& m = status.message();
  for (std::string_view kind : {"syntax", "invalid-type", "invalid-arity", "unknown-function", "invalid-value"}) {
    if (m.starts_with(kind)) return kind;
  }
  return "";
}

}  // namespace awsmcp::jmespath
