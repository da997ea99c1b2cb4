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

  // For functions, which read JSON nodes: a built list comes back copied out.
  Result<Value> Run(const Node& expression, const Value& input) override {
    auto r = Eval(expression, input);
    if (!r) return r;
    return AsJson(*r);
  }

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
        return Own(!IsTruthy(*operand));
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
    if (v.is_list() || !v->is_object()) return Null();
    auto it = v->find(n.name);
    if (it == v->end()) return Null();
    return ChildOf(v, *it);
  }

  static Result<Value> Index(const Node& n, const Value& v) {
    if (!v.IsArray()) return Null();
    const int64_t size = static_cast<int64_t>(v.Size());
    const int64_t i = n.index < 0 ? size + n.index : n.index;
    if (i < 0 || i >= size) return Null();
    return v.Element(static_cast<size_t>(i));
  }

  Result<Value> Slice(const Node& n, const Value& v) {
    if (!v.IsArray()) return Null();
    const SliceBounds b = Bounds(n, static_cast<int64_t>(v.Size()));
    std::vector<Value> out;
    // 128-bit, so that a step near INT64_MAX cannot overflow.
    for (__int128 i = b.start; b.step > 0 ? i < b.stop : i > b.stop; i += b.step) {
      if (Status s = Spend(1); !s.ok()) return Fail(s);
      out.push_back(v.Element(static_cast<size_t>(i)));
    }
    return Value::List(std::move(out));
  }

  // [*], [] and [?...] over an array's elements, or .* over an object's
  // values: the right-hand side on each, null results dropped.
  Result<Value> Projection(const Node& n, const Value& v, bool over_values) {
    auto base = Eval(n.children[0], v);
    if (!base) return base;
    std::vector<Value> elements;
    if (over_values) {
      if (base->is_list() || !(**base).is_object()) return Null();
      for (const json& e : **base) elements.push_back(ChildOf(*base, e));
    } else {
      if (!base->IsArray()) return Null();
      for (size_t i = 0; i < base->Size(); ++i) elements.push_back(base->Element(i));
    }
    const bool filtered = n.kind == NodeKind::kFilterProjection;
    const Node& rhs = n.children[filtered ? 2 : 1];
    std::vector<Value> out;
    for (const Value& element : elements) {
      if (filtered) {
        auto keep = Eval(n.children[1], element);
        if (!keep) return keep;
        if (!IsTruthy(*keep)) continue;
      }
      auto r = Eval(rhs, element);
      if (!r) return r;
      if (!r->IsNull()) out.push_back(std::move(*r));
    }
    return Value::List(std::move(out));
  }

  Result<Value> Flatten(const Node& n, const Value& v) {
    auto base = Eval(n.children[0], v);
    if (!base) return base;
    if (!base->IsArray()) return Null();
    std::vector<Value> out;
    for (size_t i = 0; i < base->Size(); ++i) {
      Value e = base->Element(i);
      if (Status s = Spend(1 + e.Size()); !s.ok()) return Fail(s);
      if (!e.IsArray()) {
        out.push_back(std::move(e));
        continue;
      }
      for (size_t j = 0; j < e.Size(); ++j) out.push_back(e.Element(j));
    }
    return Value::List(std::move(out));
  }

  Result<Value> MultiSelect(const Node& n, const Value& v) {
    if (v.IsNull()) return Null();
    if (n.kind == NodeKind::kMultiSelectList) {
      std::vector<Value> out;
      for (const Node& child : n.children) {
        auto r = Eval(child, v);
        if (!r) return r;
        out.push_back(std::move(*r));
      }
      return Value::List(std::move(out));
    }
    json out = json::object();
    for (size_t i = 0; i < n.children.size(); ++i) {
      auto r = Eval(n.children[i], v);
      if (!r) return r;
      auto copy = Materialize(*r);
      if (!copy) return Fail(copy.error());
      out[n.keys[i]] = std::move(*copy);
    }
    return Own(std::move(out));
  }

  Result<Value> Logical(const Node& n, const Value& v) {
    auto left = Eval(n.children[0], v);
    if (!left) return left;
    const bool decided = IsTruthy(*left) == (n.kind == NodeKind::kOr);
    if (decided) return left;
    return Eval(n.children[1], v);
  }

  Result<Value> Compare(const Node& n, const Value& v) {
    auto left = Eval(n.children[0], v);
    if (!left) return left;
    auto right = Eval(n.children[1], v);
    if (!right) return right;
    if (n.comparison == Comparison::kEq || n.comparison == Comparison::kNe) {
      auto l = AsJson(*left);
      if (!l) return Fail(l.error());
      auto r = AsJson(*right);
      if (!r) return Fail(r.error());
      return Own((**l == **r) == (n.comparison == Comparison::kEq));
    }
    // Ordering is defined for two numbers, and (as the reference
    // implementation allows) two strings; anything else is null.
    if (left->is_list() || right->is_list()) return Null();
    const json& l = **left;
    const json& r = **right;
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
    const FunctionSpec& function = *FindFunction(n.name);
    std::vector<Argument> args;
    args.reserve(n.children.size());
    for (const Node& child : n.children) {
      if (child.kind == NodeKind::kExpressionRef) {
        args.push_back({Null(), &child.children[0]});
        continue;
      }
      auto r = Eval(child, v);
      if (!r) return r;
      // length() of a built list needs no copy of it (a common count).
      if (r->is_list() && n.name == "length") return Own(r->Size());
      if (r->is_list() && TakesBuiltList(function, args.size())) {
        args.push_back({std::move(*r), nullptr});
        continue;
      }
      auto node = AsJson(*r);
      if (!node) return Fail(node.error());
      args.push_back({std::move(*node), nullptr});
    }
    return CallFunction(function, args, *this);
  }

  // The value as a JSON node: itself, or a built list copied out.
  Result<Value> AsJson(const Value& v) {
    if (!v.is_list()) return v;
    auto copy = Materialize(v);
    if (!copy) return Fail(copy.error());
    return Own(std::move(*copy));
  }

 public:
  // A JSON copy of the value, charged by its size, which is counted first so
  // that a copy over the budget is never started.
  Result<json> Materialize(const Value& v) {
    if (Status s = Spend(Cost(v, budget_)); !s.ok()) return Fail(s);
    return Copy(v);
  }

 private:
  // CopyCost of the value, counting stopped once past `limit`.
  static size_t Cost(const Value& v, size_t limit) {
    if (!v.is_list()) return CopyCost(*v);
    size_t total = 1;
    for (size_t i = 0; i < v.Size() && total <= limit; ++i) total += Cost(v.Element(i), limit - total);
    return total;
  }

  static json Copy(const Value& v) {
    if (!v.is_list()) return *v;
    json out = json::array();
    for (size_t i = 0; i < v.Size(); ++i) out.push_back(Copy(v.Element(i)));
    return out;
  }

 private:
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
  return evaluator.Materialize(*r);
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
