// EndpointRuleSet: one service's endpoint-rule-set-1.json (the Smithy rules
// language), parsed once into a compact tree and evaluated per call.
// Evaluation follows botocore: rules in order, the first endpoint or error
// whose conditions all hold wins; a condition holds unless it yields false or
// null; `assign` binds a condition's value for the rest of its rule.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/partitions.h"
#include "base/status.h"

namespace awsmcp::aws {

// What an endpoint rule produced.
struct RuleEndpoint {
  std::string url;
  std::map<std::string, std::vector<std::string>> headers;
  nlohmann::json properties = nlohmann::json::object();  // authSchemes, backend, ...
};

// A declared parameter of a rule set.
struct RuleParameter {
  std::string name;          // "Region", "UseFIPS", "Bucket"
  std::string type;          // "string", "boolean", "stringarray" (lower case)
  std::string builtin;       // "AWS::Region", "SDK::Endpoint", "" for none
  nlohmann::json default_value;  // null when none
  bool required = false;
};

namespace rules_detail {
struct Rule;
}

class EndpointRuleSet {
 public:
  // Parses and checks the document: unknown functions, rule types or
  // references to undeclared names are InvalidArgument here, not at call time.
  // `partitions` serves aws.partition and must not be null.
  static Result<std::shared_ptr<const EndpointRuleSet>> Parse(const nlohmann::json& doc,
                                                              std::shared_ptr<const Partitions> partitions);
  ~EndpointRuleSet();

  const std::vector<RuleParameter>& parameters() const { return params_; }

  // Evaluates with `values` (parameter name -> JSON value; absent or null =
  // unset; defaults applied). An `error` rule is InvalidArgument with the
  // rule's message; a missing required value, a value of the wrong type, or no
  // matching rule is InvalidArgument too. Thread-safe.
  Result<RuleEndpoint> Evaluate(const nlohmann::json& values) const;

 private:
  EndpointRuleSet() = default;
  std::vector<RuleParameter> params_;  // slot i is params_[i] for i < params_.size()
  size_t slots_ = 0;                   // parameters plus assigned names
  std::vector<std::unique_ptr<rules_detail::Rule>> rules_;
  std::shared_ptr<const Partitions> partitions_;
  friend class RuleSetBuilder;
  friend class RuleEvaluator;
};

}  // namespace awsmcp::aws
