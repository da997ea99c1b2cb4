#include "base/jmespath_functions.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace awsmcp::jmespath {

using nlohmann::json;

namespace {

// Argument types, as bits: a parameter accepts any type whose bit it has.
enum : unsigned {
  kNumber = 1, kString = 2, kBoolean = 4, kNull = 8, kArray = 16, kObject = 32, kExpref = 64,
  kArrayNumber = 128, kArrayString = 256,
  kAny = kNumber | kString | kBoolean | kNull | kArray | kObject,
};

using Args = std::vector<Argument>;
using Impl = Result<Value> (*)(const Args&, ExpressionRunner&);

}  // namespace

struct FunctionSpec {
  std::string_view name;
  std::vector<unsigned> params;
  bool variadic;  // the last parameter repeats (at least once)
  Impl impl;
};

namespace {

Status TypeError(std::string_view function, const std::string& what) {
  return Status::InvalidArgument("invalid-type: " + std::string(function) + "() " + what);
}

unsigned TypesOf(const Argument& arg) {
  if (arg.expression != nullptr) return kExpref;
  if (arg.value.is_list()) return kArray;  // only where a plain array is wanted (see TakesBuiltList)
  const json& v = *arg.value;
  switch (v.type()) {
    case json::value_t::null: return kNull;
    case json::value_t::boolean: return kBoolean;
    case json::value_t::string: return kString;
    case json::value_t::object: return kObject;
    case json::value_t::array: {
      unsigned t = kArray;
      if (std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_number(); })) t |= kArrayNumber;
      if (std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_string(); })) t |= kArrayString;
      return t;
    }
    default: return kNumber;
  }
}

std::string TypeNames(unsigned types) {
  static const std::pair<unsigned, const char*> kNames[] = {
      {kNumber, "number"}, {kString, "string"}, {kBoolean, "boolean"}, {kNull, "null"},
      {kArray, "array"}, {kObject, "object"}, {kExpref, "expression (&...)"},
      {kArrayNumber, "array of numbers"}, {kArrayString, "array of strings"}};
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if ((types & bit) == 0) continue;
    if (!out.empty()) out += " or ";
    out += name;
  }
  return out;
}

Status CheckTypes(const FunctionSpec& f, const Args& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    const unsigned want = f.params[std::min(i, f.params.size() - 1)];
    if ((TypesOf(args[i]) & want) != 0) continue;
    const std::string got = args[i].expression ? "an expression" : TypeName(*args[i].value);
    return TypeError(f.name, "argument " + std::to_string(i + 1) + " must be " + TypeNames(want) + ", not " + got);
  }
  return {};
}

const json& At(const Args& args, size_t i) { return *args[i].value; }

// A double that holds an integral value comes back as an integer when it fits.
json IntegralNumber(double d) {
  if (d >= -9.2e18 && d <= 9.2e18) return static_cast<int64_t>(d);
  return d;
}

size_t CodePoints(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

Result<Value> Built(json value, ExpressionRunner& run) {
  if (Status s = run.Spend(CopyCost(value)); !s.ok()) return Fail(s);
  return Own(std::move(value));
}

Result<Value> Abs(const Args& a, ExpressionRunner&) {
  const json& n = At(a, 0);
  if (n.is_number_unsigned()) return Own(n);
  if (n.is_number_integer()) {
    int64_t i = n.get<int64_t>();
    if (i == std::numeric_limits<int64_t>::min()) return Own(std::fabs(static_cast<double>(i)));
    return Own(i < 0 ? -i : i);
  }
  return Own(std::fabs(n.get<double>()));
}

Result<Value> Avg(const Args& a, ExpressionRunner&) {
  const json& list = At(a, 0);
  if (list.empty()) return Null();
  double sum = 0;
  for (const json& n : list) sum += n.get<double>();
  return Own(sum / static_cast<double>(list.size()));
}

Result<Value> Rounded(const Args& a, double (*round)(double)) {
  const json& n = At(a, 0);
  if (!n.is_number_float()) return Own(n);
  return Own(IntegralNumber(round(n.get<double>())));
}
Result<Value> Ceil(const Args& a, ExpressionRunner&) { return Rounded(a, [](double d) { return std::ceil(d); }); }
Result<Value> Floor(const Args& a, ExpressionRunner&) { return Rounded(a, [](double d) { return std::floor(d); }); }

Result<Value> Contains(const Args& a, ExpressionRunner&) {
  const json& subject = At(a, 0);
  const json& search = At(a, 1);
  if (subject.is_string()) {
    return Own(search.is_string() &&
               subject.get_ref<const std::string&>().find(search.get_ref<const std::string&>()) != std::string::npos);
  }
  return Own(std::find(subject.begin(), subject.end(), search) != subject.end());
}

const std::string& Str(const Args& a, size_t i) { return At(a, i).get_ref<const std::string&>(); }

Result<Value> EndsWith(const Args& a, ExpressionRunner&) { return Own(Str(a, 0).ends_with(Str(a, 1))); }
Result<Value> StartsWith(const Args& a, ExpressionRunner&) { return Own(Str(a, 0).starts_with(Str(a, 1))); }

Result<Value> Join(const Args& a, ExpressionRunner& run) {
  std::string out;
  bool first = true;
  for (const json& s : At(a, 1)) {
    if (!first) out += Str(a, 0);
    out += s.get_ref<const std::string&>();
    first = false;
  }
  return Built(std::move(out), run);
}

Result<Value> Keys(const Args& a, ExpressionRunner& run) {
  json out = json::array();
  for (const auto& [k, v] : At(a, 0).get_ref<const json::object_t&>()) out.push_back(k);
  return Built(std::move(out), run);
}

Result<Value> Values(const Args& a, ExpressionRunner& run) {
  json out = json::array();
  for (const auto& [k, v] : At(a, 0).get_ref<const json::object_t&>()) out.push_back(v);
  return Built(std::move(out), run);
}

Result<Value> Length(const Args& a, ExpressionRunner&) {
  const json& v = At(a, 0);
  return Own(v.is_string() ? CodePoints(v.get_ref<const std::string&>()) : v.size());
}

Result<Value> Map(const Args& a, ExpressionRunner& run) {
  std::vector<Value> out;
  const Value& list = a[1].value;
  for (size_t i = 0; i < list.Size(); ++i) {
    auto r = run.Run(*a[0].expression, list.Element(i));
    if (!r) return r;
    out.push_back(std::move(*r));
  }
  return Value::List(std::move(out));
}

// The extreme element by `before` (the first of equals), or null when empty.
Result<Value> Extreme(const Args& a, bool (*before)(const json&, const json&)) {
  const Value& list = a[0].value;
  if (list->empty()) return Null();
  const json* best = &(*list)[0];
  for (const json& e : *list) {
    if (before(e, *best)) best = &e;
  }
  return ChildOf(list, *best);
}
bool Less(const json& x, const json& y) { return x < y; }
bool Greater(const json& x, const json& y) { return y < x; }
Result<Value> Max(const Args& a, ExpressionRunner&) { return Extreme(a, Greater); }
Result<Value> Min(const Args& a, ExpressionRunner&) { return Extreme(a, Less); }

// Each element's key by the expression, all numbers or all strings.
Result<std::vector<json>> SortKeys(std::string_view function, const Args& a, ExpressionRunner& run) {
  std::vector<json> keys;
  const Value& list = a[0].value;
  for (size_t i = 0; i < list.Size(); ++i) {
    auto k = run.Run(*a[1].expression, list.Element(i));
    if (!k) return Fail(k.error());
    const json& key = **k;
    if (!key.is_number() && !key.is_string()) {
      return Fail(TypeError(function, "expression must give a number or a string, not " + std::string(TypeName(key))));
    }
    if (!keys.empty() && key.is_number() != keys[0].is_number()) {
      return Fail(TypeError(function, "expression gives both numbers and strings"));
    }
    keys.push_back(key);
  }
  return keys;
}

Result<Value> ExtremeBy(std::string_view function, const Args& a, ExpressionRunner& run, bool greater) {
  auto keys = SortKeys(function, a, run);
  if (!keys) return Fail(keys.error());
  if (keys->empty()) return Null();
  size_t best = 0;
  for (size_t i = 1; i < keys->size(); ++i) {
    if (greater ? (*keys)[best] < (*keys)[i] : (*keys)[i] < (*keys)[best]) best = i;
  }
  return a[0].value.Element(best);
}
Result<Value> MaxBy(const Args& a, ExpressionRunner& run) { return ExtremeBy("max_by", a, run, true); }
Result<Value> MinBy(const Args& a, ExpressionRunner& run) { return ExtremeBy("min_by", a, run, false); }

Result<Value> Merge(const Args& a, ExpressionRunner& run) {
  json out = json::object();
  for (const Argument& arg : a) {
    for (const auto& [k, v] : arg.value->get_ref<const json::object_t&>()) out[k] = v;
  }
  return Built(std::move(out), run);
}

Result<Value> NotNull(const Args& a, ExpressionRunner&) {
  for (const Argument& arg : a) {
    if (!arg.value->is_null()) return arg.value;
  }
  return Null();
}

Result<Value> Reverse(const Args& a, ExpressionRunner& run) {
  const json& v = At(a, 0);
  if (v.is_array()) {
    json out = json::array();
    for (auto it = v.rbegin(); it != v.rend(); ++it) out.push_back(*it);
    return Built(std::move(out), run);
  }
  // Reversed by code point, so that UTF-8 sequences stay whole.
  const std::string& s = v.get_ref<const std::string&>();
  std::string out;
  out.reserve(s.size());
  size_t end = s.size();
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    out.append(s, start, end - start);
    end = start;
  }
  return Built(std::move(out), run);
}

Result<Value> Sort(const Args& a, ExpressionRunner& run) {
  json out = At(a, 0);
  std::stable_sort(out.begin(), out.end(), Less);
  return Built(std::move(out), run);
}

Result<Value> SortBy(const Args& a, ExpressionRunner& run) {
  auto keys = SortKeys("sort_by", a, run);
  if (!keys) return Fail(keys.error());
  std::vector<size_t> order(keys->size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return (*keys)[x] < (*keys)[y]; });
  std::vector<Value> out;
  for (size_t i : order) out.push_back(a[0].value.Element(i));
  return Value::List(std::move(out));
}

Result<Value> Sum(const Args& a, ExpressionRunner&) {
  const json& list = At(a, 0);
  bool integral = std::all_of(list.begin(), list.end(), [](const json& n) { return !n.is_number_float(); });
  if (integral) {
    int64_t total = 0;
    bool overflow = false;
    for (const json& n : list) {
      if (n.is_number_unsigned() && n.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) overflow = true;
      else overflow |= __builtin_add_overflow(total, n.get<int64_t>(), &total);
    }
    if (!overflow) return Own(total);
  }
  double total = 0;
  for (const json& n : list) total += n.get<double>();
  return Own(total);
}

Result<Value> ToArray(const Args& a, ExpressionRunner&) {
  if (At(a, 0).is_array()) return a[0].value;
  return Own(json::array({At(a, 0)}));
}

Result<Value> ToString(const Args& a, ExpressionRunner& run) {
  if (At(a, 0).is_string()) return a[0].value;
  return Built(At(a, 0).dump(-1, ' ', /*ensure_ascii=*/true, json::error_handler_t::replace), run);
}

// A number from text: an optional sign, digits, an optional fraction and
// exponent, with surrounding blanks; anything else is null.
json NumberFromText(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\n\r");
  if (first == std::string_view::npos) return nullptr;
  text = text.substr(first, text.find_last_not_of(" \t\n\r") - first + 1);
  const bool negative = text.starts_with('-');
  if (negative || text.starts_with('+')) text.remove_prefix(1);
  const bool integral = !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
  if (integral) {
    int64_t i = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
    if (ec == std::errc() && end == text.data() + text.size()) return negative ? -i : i;
  }
  if (text.empty() || text.find_first_not_of("0123456789.eE+-") != std::string_view::npos) return nullptr;
  double d = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(d)) return nullptr;
  return negative ? -d : d;
}

Result<Value> ToNumber(const Args& a, ExpressionRunner&) {
  const json& v = At(a, 0);
  if (v.is_number()) return a[0].value;
  if (!v.is_string()) return Null();
  return Own(NumberFromText(v.get_ref<const std::string&>()));
}

Result<Value> Type(const Args& a, ExpressionRunner&) { return Own(TypeName(At(a, 0))); }

const std::vector<FunctionSpec>& Table() {
  static const std::vector<FunctionSpec> kTable = {
      {"abs", {kNumber}, false, Abs},
      {"avg", {kArrayNumber}, false, Avg},
      {"ceil", {kNumber}, false, Ceil},
      {"contains", {kArray | kString, kAny}, false, Contains},
      {"ends_with", {kString, kString}, false, EndsWith},
      {"floor", {kNumber}, false, Floor},
      {"join", {kString, kArrayString}, false, Join},
      {"keys", {kObject}, false, Keys},
      {"length", {kString | kArray | kObject}, false, Length},
      {"map", {kExpref, kArray}, false, Map},
      {"max", {kArrayNumber | kArrayString}, false, Max},
      {"max_by", {kArray, kExpref}, false, MaxBy},
      {"merge", {kObject}, true, Merge},
      {"min", {kArrayNumber | kArrayString}, false, Min},
      {"min_by", {kArray, kExpref}, false, MinBy},
      {"not_null", {kAny}, true, NotNull},
      {"reverse", {kString | kArray}, false, Reverse},
      {"sort", {kArrayNumber | kArrayString}, false, Sort},
      {"sort_by", {kArray, kExpref}, false, SortBy},
      {"starts_with", {kString, kString}, false, StartsWith},
      {"sum", {kArrayNumber}, false, Sum},
      {"to_array", {kAny}, false, ToArray},
      {"to_number", {kAny}, false, ToNumber},
      {"to_string", {kAny}, false, ToString},
      {"type", {kAny}, false, Type},
      {"values", {kObject}, false, Values},
  };
  return kTable;
}

}  // namespace

bool TakesBuiltList(const FunctionSpec& f, size_t arg) {
  return (f.impl == Map && arg == 1) || ((f.impl == SortBy || f.impl == MaxBy || f.impl == MinBy) && arg == 0);
}

const FunctionSpec* FindFunction(std::string_view name) {
  for (const FunctionSpec& f : Table()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

Status CheckArity(const FunctionSpec& f, size_t count) {
  const size_t want = f.params.size();
  if (f.variadic ? count >= want : count == want) return {};
  const std::string expected = (f.variadic ? "at least " : "") + std::to_string(want);
  return Status::InvalidArgument("invalid-arity: " + std::string(f.name) + "() takes " + expected + " argument" +
                                 (want == 1 ? "" : "s") + ", not " + std::to_string(count));
}

Result<Value> CallFunction(const FunctionSpec& f, const Args& args, ExpressionRunner& runner) {
  if (Status s = CheckTypes(f, args); !s.ok()) return Fail(s);
  return f.impl(args, runner);
}

}  // namespace awsmcp::jmespath
