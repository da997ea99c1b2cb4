// EndpointResolver: where a call goes and how it is signed, as the AWS SDKs
// decide it: the service's endpoint rule set evaluated over the built-in
// parameters (region, FIPS, dual-stack, a configured endpoint, the S3
// settings) and the operation's context parameters (Bucket, ...). Answers are
// cached per service, region, flags and context values, within a bound.
#pragma once

#include <functional>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/endpoint_rules.h"
#include "aws/partitions.h"
#include "base/status.h"
#include "base/thread_annotations.h"
#include "models/service_model.h"

namespace awsmcp::aws {

// The settings that feed the rules' built-in parameters (botocore's defaults).
struct EndpointSettings {
  std::string endpoint;             // SDK::Endpoint: a configured URL, "" for none
  bool use_fips = false;            // AWS::UseFIPS
  bool use_dual_stack = false;      // AWS::UseDualStack
  bool s3_force_path_style = false; // AWS::S3::ForcePathStyle
  bool s3_accelerate = false;       // AWS::S3::Accelerate
  bool s3_use_arn_region = true;    // AWS::S3::UseArnRegion
  bool s3control_use_arn_region = false;  // AWS::S3Control::UseArnRegion
  bool s3_disable_mrap = false;     // AWS::S3::DisableMultiRegionAccessPoints
  // AWS::S3::UseGlobalEndpoint in us-east-1 (s3.amazonaws.com) unless
  // us_east_1_regional_endpoint = regional: botocore's default is legacy.
  bool s3_us_east_1_regional = false;
  bool sts_global = false;          // AWS::STS::UseGlobalEndpoint
};

// Where to send one call and how to sign it.
struct ResolvedEndpoint {
  std::string url;  // as the rules give it, e.g. "https://bucket.s3.us-east-1.amazonaws.com"
  std::vector<std::pair<std::string, std::string>> headers;  // to add to the request
  std::string auth_scheme = "sigv4";  // "sigv4" or "none"
  std::string signing_name;           // "" = the model's signing name
  std::string signing_region;         // the region to sign for
  bool disable_double_encoding = false;  // S3: the path is encoded once when signing
  nlohmann::json properties;          // the rule's properties as given (authSchemes, ...)
};

// The context parameters of one call, by rule parameter name: the model's
// clientContextParams are not set by aws-mcp; staticContextParams of the
// operation, then input members marked contextParam (botocore's order).
nlohmann::json OperationContextParams(const models::ServiceModel& model, const models::Operation& op,
                                      const nlohmann::json& input);

// InvalidArgument naming close matches when `region` is not one the partitions
// list ("us-esat-1: unknown region; did you mean us-east-1?"). OK otherwise.
Status CheckRegion(const Partitions& partitions, const std::string& region);

class EndpointResolver {
 public:
  // The rule set of a service (CLI name); NotFound when it has none.
  using RuleSetSource = std::function<Result<std::shared_ptr<const EndpointRuleSet>>(const std::string& service)>;

  EndpointResolver(RuleSetSource rules, std::shared_ptr<const Partitions> partitions, size_t cache_capacity = 4096);

  // Resolves for `service` (CLI name) in `region`. A region the partitions do
  // not list is refused unless an endpoint is configured; an `error` rule is
  // InvalidArgument with the rule's message; an endpoint that only offers
  // SigV4a or S3 Express signing is InvalidArgument (not supported). Thread-safe.
  Result<ResolvedEndpoint> Resolve(const std::string& service, const std::string& region,
                                   const EndpointSettings& settings, const nlohmann::json& context = nullptr);

  const Partitions& partitions() const { return *partitions_; }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const Result<ResolvedEndpoint>>>;
  Result<ResolvedEndpoint> Compute(const std::string& service, const std::string& region,
                                   const EndpointSettings& settings, const nlohmann::json& context);

  const RuleSetSource rules_;
  const std::shared_ptr<const Partitions> partitions_;
  const size_t capacity_;
  Mutex mu_;
  std::list<Entry> lru_ GUARDED_BY(mu_);  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_ GUARDED_BY(mu_);
};

// The rules' values for the built-ins of `set`, from `region` and `settings`.
nlohmann::json BuiltinParams(const EndpointRuleSet& set, const std::string& region, const EndpointSettings& settings);

// The signing part of an endpoint's properties: the first auth scheme aws-mcp
// can sign with. InvalidArgument when every scheme offered is unsupported.
Status ApplyAuthSchemes(const nlohmann::json& properties, const std::string& region, ResolvedEndpoint& out);

}  // namespace awsmcp::aws
