#include "aws/endpoint_rules.h"

#include <algorithm>
#include <unordered_map>

#include "aws/endpoint_functions.h"
#include "base/percent_encoding.h"

namespace awsmcp::aws {
namespace rules_detail {

using nlohmann::json;

enum class Fn {
  kIsSet, kNot, kGetAttr, kBooleanEquals, kStringEquals, kSubstring, kUriEncode, kParseUrl,
  kIsValidHostLabel, kPartition, kParseArn, kIsVirtualHostableS3Bucket,
};

struct FnSpec {
  const char* name;
  Fn fn;
  size_t arity;
};
constexpr FnSpec kFunctions[] = {
    {"isSet", Fn::kIsSet, 1},
    {"not", Fn::kNot, 1},
    {"getAttr", Fn::kGetAttr, 2},
    {"booleanEquals", Fn::kBooleanEquals, 2},
    {"stringEquals", Fn::kStringEquals, 2},
    {"substring", Fn::kSubstring, 4},
    {"uriEncode", Fn::kUriEncode, 1},
    {"parseURL", Fn::kParseUrl, 1},
    {"isValidHostLabel", Fn::kIsValidHostLabel, 2},
    {"aws.partition", Fn::kPartition, 1},
    {"aws.parseArn", Fn::kParseArn, 1},
    {"aws.isVirtualHostableS3Bucket", Fn::kIsVirtualHostableS3Bucket, 2},
};

// A piece of a template string: literal text, or {name#attr#...}.
struct Piece {
  std::string literal;
  int slot = -1;
  std::vector<endpoint_fn::PathStep> attrs;
};

struct Expr {
  enum class Kind { kLiteral, kTemplate, kRef, kCall } kind = Kind::kLiteral;
  json literal;
  std::vector<Piece> pieces;  // kTemplate
  int slot = -1;              // kRef
  Fn fn = Fn::kIsSet;         // kCall
  std::vector<Expr> args;
  std::optional<std::vector<endpoint_fn::PathStep>> path;  // getAttr with a literal path, parsed once
  int assign = -1;            // slot the call's value is bound to
};

// endpoint.properties: JSON whose strings may be templates.
struct Property {
  enum class Kind { kLiteral, kTemplate, kObject, kArray } kind = Kind::kLiteral;
  json literal;
  std::vector<Piece> pieces;
  // An object's members as two lists: a pair holding a Property would need
  // the type complete here, which the standard does not promise.
  std::vector<std::string> member_names;
  std::vector<Property> member_values;
  std::vector<Property> items;
};

struct Rule {
  enum class Kind { kEndpoint, kError, kTree } kind = Kind::kTree;
  std::vector<Expr> conditions;
  Expr value;  // the URL of an endpoint, the message of an error
  std::vector<std::pair<std::string, std::vector<Expr>>> headers;
  Property properties;
  std::vector<std::unique_ptr<Rule>> children;
};

}  // namespace rules_detail

using nlohmann::json;
using namespace rules_detail;

namespace {

// botocore treats a string as a template only when it holds {name#attr}.
bool LooksLikeTemplate(const std::string& s) {
  for (size_t open = s.find('{'); open != std::string::npos; open = s.find('{', open + 1)) {
    size_t i = open + 1;
    while (i < s.size() && (std::isalpha(static_cast<unsigned char>(s[i])) || s[i] == '#')) ++i;
    if (i > open + 1 && i < s.size() && s[i] == '}') return true;
  }
  return false;
}

std::string Text(const json& v) {
  if (v.is_string()) return v.get_ref<const std::string&>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.is_null() ? "" : v.dump();
}

}  // namespace

// Parses the document into the tree, checking names in scope as it goes.
class RuleSetBuilder {
 public:
  explicit RuleSetBuilder(EndpointRuleSet& out) : out_(out) {}

  Status Build(const json& doc) {
    const auto params = doc.find("parameters");
    const auto rules = doc.find("rules");
    if (!doc.is_object() || params == doc.end() || !params->is_object() || rules == doc.end() || !rules->is_array()) {
      return Status::InvalidArgument("endpoint rule set: needs parameters and rules");
    }
    std::vector<int> scope;
    for (const auto& [name, spec] : params->items()) {
      if (Status s = AddParameter(name, spec); !s.ok()) return s;
      scope.push_back(SlotFor(name));
    }
    for (const auto& r : *rules) {
      auto rule = ParseRule(r, scope);
      if (!rule) return rule.error();
      out_.rules_.push_back(std::move(*rule));
    }
    out_.slots_ = names_.size();
    return Status::Ok();
  }

 private:
  Status AddParameter(const std::string& name, const json& spec) {
    if (!spec.is_object() || !spec.value("type", json()).is_string()) {
      return Status::InvalidArgument("endpoint rule set: parameter " + name + " has no type");
    }
    RuleParameter p;
    p.name = name;
    p.type = spec["type"].get<std::string>();
    std::transform(p.type.begin(), p.type.end(), p.type.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
    if (p.type != "string" && p.type != "boolean" && p.type != "stringarray") {
      return Status::InvalidArgument("endpoint rule set: parameter " + name + " has unknown type " + p.type);
    }
    if (auto b = spec.find("builtIn"); b != spec.end() && b->is_string()) p.builtin = b->get<std::string>();
    if (auto d = spec.find("default"); d != spec.end()) p.default_value = *d;
    const json required = spec.value("required", json(false));
    p.required = required.is_boolean() && required.get<bool>();
    SlotFor(name);
    out_.params_.push_back(std::move(p));
    return Status::Ok();
  }

  int SlotFor(const std::string& name) {
    auto [it, added] = names_.try_emplace(name, static_cast<int>(names_.size()));
    return it->second;
  }

  Result<int> InScope(const std::string& name, const std::vector<int>& scope) {
    auto it = names_.find(name);
    if (it == names_.end() || std::find(scope.begin(), scope.end(), it->second) == scope.end()) {
      return Fail(Status::InvalidArgument("endpoint rule set: reference to " + name + ", which is not in scope"));
    }
    return it->second;
  }

  Result<std::unique_ptr<Rule>> ParseRule(const json& r, std::vector<int> scope) {
    if (!r.is_object() || !r.value("type", json()).is_string()) {
      return Fail(Status::InvalidArgument("endpoint rule set: a rule without a type"));
    }
    auto rule = std::make_unique<Rule>();
    if (auto c = r.find("conditions"); c != r.end() && c->is_array()) {
      for (const auto& cond : *c) {
        auto e = ParseCall(cond, scope);
        if (!e) return Fail(e.error());
        if (auto a = cond.find("assign"); a != cond.end() && a->is_string()) {
          e->assign = SlotFor(a->get<std::string>());
          scope.push_back(e->assign);
        }
        rule->conditions.push_back(std::move(*e));
      }
    }
    const std::string type = r["type"].get<std::string>();
    if (type == "endpoint") return ParseEndpoint(r, std::move(rule), scope);
    if (type == "error") {
      rule->kind = Rule::Kind::kError;
      auto msg = ParseExpr(r.value("error", json()), scope);
      if (!msg) return Fail(msg.error());
      rule->value = std::move(*msg);
      return rule;
    }
    if (type != "tree") return Fail(Status::InvalidArgument("endpoint rule set: unknown rule type " + type));
    rule->kind = Rule::Kind::kTree;
    auto children = r.find("rules");
    if (children == r.end() || !children->is_array()) {
      return Fail(Status::InvalidArgument("endpoint rule set: a tree rule without rules"));
    }
    for (const auto& c : *children) {
      auto child = ParseRule(c, scope);
      if (!child) return Fail(child.error());
      rule->children.push_back(std::move(*child));
    }
    return rule;
  }

  Result<std::unique_ptr<Rule>> ParseEndpoint(const json& r, std::unique_ptr<Rule> rule, const std::vector<int>& scope) {
    rule->kind = Rule::Kind::kEndpoint;
    auto ep = r.find("endpoint");
    if (ep == r.end() || !ep->is_object() || !ep->contains("url")) {
      return Fail(Status::InvalidArgument("endpoint rule set: an endpoint rule without a url"));
    }
    auto url = ParseExpr((*ep)["url"], scope);
    if (!url) return Fail(url.error());
    rule->value = std::move(*url);
    if (auto h = ep->find("headers"); h != ep->end() && h->is_object()) {
      for (const auto& [name, values] : h->items()) {
        std::vector<Expr> exprs;
        for (const auto& v : values.is_array() ? values : json::array()) {
          auto e = ParseExpr(v, scope);
          if (!e) return Fail(e.error());
          exprs.push_back(std::move(*e));
        }
        rule->headers.emplace_back(name, std::move(exprs));
      }
    }
    if (auto p = ep->find("properties"); p != ep->end()) {
      auto props = ParseProperty(*p, scope);
      if (!props) return Fail(props.error());
      rule->properties = std::move(*props);
    } else {
      rule->properties.literal = json::object();
    }
    return rule;
  }

  Result<Property> ParseProperty(const json& v, const std::vector<int>& scope) {
    Property p;
    if (v.is_object()) {
      p.kind = Property::Kind::kObject;
      for (const auto& [k, child] : v.items()) {
        auto c = ParseProperty(child, scope);
        if (!c) return c;
        p.member_names.push_back(k);
        p.member_values.push_back(std::move(*c));
      }
    } else if (v.is_array()) {
      p.kind = Property::Kind::kArray;
      for (const auto& child : v) {
        auto c = ParseProperty(child, scope);
        if (!c) return c;
        p.items.push_back(std::move(*c));
      }
    } else if (v.is_string() && LooksLikeTemplate(v.get_ref<const std::string&>())) {
      p.kind = Property::Kind::kTemplate;
      auto pieces = ParseTemplate(v.get_ref<const std::string&>(), scope);
      if (!pieces) return Fail(pieces.error());
      p.pieces = std::move(*pieces);
    } else {
      p.literal = v;
    }
    return p;
  }

  // Python str.format syntax, as botocore reads it: {{ and }} are braces.
  Result<std::vector<Piece>> ParseTemplate(const std::string& s, const std::vector<int>& scope) {
    std::vector<Piece> pieces(1);
    for (size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if ((c == '{' || c == '}') && i + 1 < s.size() && s[i + 1] == c) {
        pieces.back().literal += c;
        ++i;
        continue;
      }
      if (c != '{') {
        pieces.back().literal += c;
        continue;
      }
      const size_t close = s.find('}', i);
      if (close == std::string::npos) return Fail(Status::InvalidArgument("endpoint rule set: unclosed { in " + s));
      std::string field = s.substr(i + 1, close - i - 1);
      Piece ref;
      size_t hash = field.find('#');
      auto slot = InScope(field.substr(0, hash), scope);
      if (!slot) return Fail(slot.error());
      ref.slot = *slot;
      while (hash != std::string::npos) {
        size_t next = field.find('#', hash + 1);
        ref.attrs.push_back({field.substr(hash + 1, next == std::string::npos ? std::string::npos : next - hash - 1), -1});
        hash = next;
      }
      pieces.push_back(std::move(ref));
      pieces.emplace_back();
      i = close;
    }
    return pieces;
  }

  Result<Expr> ParseExpr(const json& v, const std::vector<int>& scope) {
    Expr e;
    if (v.is_object() && v.contains("fn")) return ParseCall(v, scope);
    if (v.is_object() && v.contains("ref") && v["ref"].is_string()) {
      auto slot = InScope(v["ref"].get<std::string>(), scope);
      if (!slot) return Fail(slot.error());
      e.kind = Expr::Kind::kRef;
      e.slot = *slot;
      return e;
    }
    if (v.is_string() && LooksLikeTemplate(v.get_ref<const std::string&>())) {
      auto pieces = ParseTemplate(v.get_ref<const std::string&>(), scope);
      if (!pieces) return Fail(pieces.error());
      e.kind = Expr::Kind::kTemplate;
      e.pieces = std::move(*pieces);
      return e;
    }
    e.literal = v;
    return e;
  }

  Result<Expr> ParseCall(const json& v, const std::vector<int>& scope) {
    if (!v.is_object() || !v.value("fn", json()).is_string() || !v.value("argv", json()).is_array()) {
      return Fail(Status::InvalidArgument("endpoint rule set: a condition must be a function call"));
    }
    const std::string name = v["fn"].get<std::string>();
    const FnSpec* spec = std::find_if(std::begin(kFunctions), std::end(kFunctions),
                                      [&](const FnSpec& f) { return name == f.name; });
    if (spec == std::end(kFunctions)) return Fail(Status::InvalidArgument("endpoint rule set: unknown function " + name));
    if (v["argv"].size() != spec->arity) {
      return Fail(Status::InvalidArgument("endpoint rule set: " + name + " takes " + std::to_string(spec->arity) +
                                          " arguments"));
    }
    Expr e;
    e.kind = Expr::Kind::kCall;
    e.fn = spec->fn;
    for (const auto& a : v["argv"]) {
      auto arg = ParseExpr(a, scope);
      if (!arg) return arg;
      e.args.push_back(std::move(*arg));
    }
    if (e.fn == Fn::kGetAttr && e.args[1].kind == Expr::Kind::kLiteral && e.args[1].literal.is_string()) {
      e.path = endpoint_fn::ParsePath(e.args[1].literal.get<std::string>());
      if (!e.path) return Fail(Status::InvalidArgument("endpoint rule set: bad getAttr path"));
    }
    return e;
  }

  EndpointRuleSet& out_;
  std::unordered_map<std::string, int> names_;
};

// One evaluation: the slots hold parameters and assigned values.
class RuleEvaluator {
 public:
  RuleEvaluator(const EndpointRuleSet& set, std::vector<json> slots) : set_(set), slots_(std::move(slots)) {}

  // nullopt: no rule matched.
  std::optional<Result<RuleEndpoint>> Run(const std::vector<std::unique_ptr<Rule>>& rules) {
    for (const auto& r : rules) {
      if (auto out = RunRule(*r)) return out;
    }
    return std::nullopt;
  }

 private:
  std::optional<Result<RuleEndpoint>> RunRule(const Rule& rule) {
    std::optional<Result<RuleEndpoint>> out;
    if (Conditions(rule)) {
      switch (rule.kind) {
        case Rule::Kind::kTree: out = Run(rule.children); break;
        case Rule::Kind::kError: out = Fail(Status::InvalidArgument(Text(Eval(rule.value)))); break;
        case Rule::Kind::kEndpoint: out = MakeEndpoint(rule); break;
      }
    }
    // Names a rule assigned go out of scope with it.
    for (const auto& c : rule.conditions) {
      if (c.assign >= 0) slots_[static_cast<size_t>(c.assign)] = nullptr;
    }
    return out;
  }

  bool Conditions(const Rule& rule) {
    for (const auto& c : rule.conditions) {
      json v = Eval(c);
      if (v.is_null() || (v.is_boolean() && !v.get<bool>())) return false;
      if (c.assign >= 0) slots_[static_cast<size_t>(c.assign)] = std::move(v);
    }
    return true;
  }

  RuleEndpoint MakeEndpoint(const Rule& rule) {
    RuleEndpoint ep;
    ep.url = Text(Eval(rule.value));
    for (const auto& [name, exprs] : rule.headers) {
      auto& values = ep.headers[name];
      for (const auto& e : exprs) values.push_back(Text(Eval(e)));
    }
    ep.properties = Resolve(rule.properties);
    return ep;
  }

  json Resolve(const Property& p) {
    switch (p.kind) {
      case Property::Kind::kLiteral: return p.literal;
      case Property::Kind::kTemplate: return Render(p.pieces);
      case Property::Kind::kObject: {
        json out = json::object();
        for (size_t i = 0; i < p.member_names.size(); ++i) out[p.member_names[i]] = Resolve(p.member_values[i]);
        return out;
      }
      case Property::Kind::kArray: {
        json out = json::array();
        for (const auto& v : p.items) out.push_back(Resolve(v));
        return out;
      }
    }
    return nullptr;
  }

  std::string Render(const std::vector<Piece>& pieces) {
    std::string out;
    for (const auto& p : pieces) {
      if (p.slot < 0) {
        out += p.literal;
      } else if (p.attrs.empty()) {
        out += Text(slots_[static_cast<size_t>(p.slot)]);
      } else {
        out += Text(endpoint_fn::GetAttr(slots_[static_cast<size_t>(p.slot)], p.attrs));
      }
    }
    return out;
  }

  json Eval(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::kLiteral: return e.literal;
      case Expr::Kind::kTemplate: return Render(e.pieces);
      case Expr::Kind::kRef: return slots_[static_cast<size_t>(e.slot)];
      case Expr::Kind::kCall: return Call(e);
    }
    return nullptr;
  }

  json Call(const Expr& e) {
    json a = Eval(e.args[0]);
    switch (e.fn) {
      case Fn::kIsSet: return !a.is_null();
      case Fn::kNot: return a.is_null() || (a.is_boolean() && !a.get<bool>()) || (a.is_string() && a.empty());
      case Fn::kGetAttr: return GetAttr(e, a);
      case Fn::kBooleanEquals: {
        json b = Eval(e.args[1]);
        if (!a.is_boolean() || !b.is_boolean()) return nullptr;
        return a.get<bool>() == b.get<bool>();
      }
      case Fn::kStringEquals: {
        json b = Eval(e.args[1]);
        if (!a.is_string() || !b.is_string()) return nullptr;
        return a.get_ref<const std::string&>() == b.get_ref<const std::string&>();
      }
      case Fn::kSubstring: return Substring(e, a);
      case Fn::kUriEncode: return a.is_string() ? json(UriEncode(a.get_ref<const std::string&>())) : json();
      case Fn::kParseUrl: return a.is_string() ? endpoint_fn::ParseUrl(a.get_ref<const std::string&>()) : json();
      case Fn::kIsValidHostLabel:
        return a.is_string() && endpoint_fn::IsValidHostLabel(a.get_ref<const std::string&>(), Flag(e.args[1]));
      case Fn::kPartition: return set_.partitions_->Match(a.is_string() ? a.get_ref<const std::string&>() : "");
      case Fn::kParseArn: return a.is_string() ? endpoint_fn::ParseArn(a.get_ref<const std::string&>()) : json();
      case Fn::kIsVirtualHostableS3Bucket:
        return a.is_string() && endpoint_fn::IsVirtualHostableS3Bucket(a.get_ref<const std::string&>(), Flag(e.args[1]));
    }
    return nullptr;
  }

  bool Flag(const Expr& e) {
    json v = Eval(e);
    return v.is_boolean() && v.get<bool>();
  }

  json GetAttr(const Expr& e, const json& value) {
    if (e.path) return endpoint_fn::GetAttr(value, *e.path);
    json p = Eval(e.args[1]);
    auto path = p.is_string() ? endpoint_fn::ParsePath(p.get_ref<const std::string&>()) : std::nullopt;
    return path ? endpoint_fn::GetAttr(value, *path) : json();
  }

  json Substring(const Expr& e, const json& value) {
    json start = Eval(e.args[1]), stop = Eval(e.args[2]);
    if (!value.is_string() || !start.is_number_integer() || !stop.is_number_integer()) return nullptr;
    auto s = endpoint_fn::Substring(value.get_ref<const std::string&>(), start.get<int>(), stop.get<int>(),
                                    Flag(e.args[3]));
    return s ? json(*s) : json();
  }

  const EndpointRuleSet& set_;
  std::vector<json> slots_;
};

EndpointRuleSet::~EndpointRuleSet() = default;

Result<std::shared_ptr<const EndpointRuleSet>> EndpointRuleSet::Parse(const json& doc,
                                                                      std::shared_ptr<const Partitions> partitions) {
  if (!partitions) return Fail(Status::InvalidArgument("endpoint rule set: no partitions"));
  std::shared_ptr<EndpointRuleSet> set(new EndpointRuleSet());
  set->partitions_ = std::move(partitions);
  RuleSetBuilder builder(*set);
  if (Status s = builder.Build(doc); !s.ok()) return Fail(s);
  return std::shared_ptr<const EndpointRuleSet>(std::move(set));
}

namespace {

bool OfType(const json& v, const std::string& type) {
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  return v.is_array() && std::all_of(v.begin(), v.end(), [](const json& s) { return s.is_string(); });
}

}  // namespace

Result<RuleEndpoint> EndpointRuleSet::Evaluate(const json& values) const {
  std::vector<json> slots(slots_);
  for (size_t i = 0; i < params_.size(); ++i) {
    const RuleParameter& p = params_[i];
    json v = values.is_object() ? values.value(p.name, json()) : json();
    if (v.is_null()) v = p.default_value;
    if (v.is_null() && p.required) {
      return Fail(Status::InvalidArgument("endpoint: no value for the required parameter " + p.name));
    }
    if (!v.is_null() && !OfType(v, p.type)) {
      return Fail(Status::InvalidArgument("endpoint: parameter " + p.name + " must be a " + p.type));
    }
    slots[i] = std::move(v);
  }
  RuleEvaluator eval(*this, std::move(slots));
  if (auto out = eval.Run(rules_)) return std::move(*out);
  return Fail(Status::InvalidArgument("endpoint: no endpoint rule matched these parameters"));
}

}  // namespace awsmcp::aws
