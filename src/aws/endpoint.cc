#include "aws/endpoint.h"

#include <cctype>

#include <map>
#include <memory>

#include "aws/uri.h"
#include "base/thread_annotations.h"
#include "models/model_registry.h"

namespace awsmcp::aws {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool Truthy(const std::optional<std::string>& v) {
  if (!v) return false;
  std::string s = Lower(*v);
  return s == "true" || s == "1";
}

// The environment variable (if the setting has one), else the profile's
// nested s3 key or its own key; nullopt when none is set.
std::optional<std::string> Setting(Env& env, const SharedConfig* config, const char* var, const char* key,
                                   const char* s3_key = nullptr) {
  if (var != nullptr) {
    if (auto v = env.GetVar(var); v && !v->empty()) return v;
  }
  if (config == nullptr) return std::nullopt;
  if (s3_key != nullptr) {
    if (auto v = config->NestedConfigValue("s3", s3_key)) return v;
  }
  return key != nullptr ? config->ConfigValue(key) : std::nullopt;
}

// Validates a configured URL and drops a trailing slash.
Result<std::string> Configured(const std::string& url, const char* source) {
  auto parsed = ParseUrl(url);
  if (!parsed) return Fail(Status::InvalidArgument(std::string("endpoint from ") + source + ": " + parsed.error().message()));
  std::string base = parsed->scheme + "://" + parsed->host + (parsed->port ? ":" + std::to_string(parsed->port) : "");
  if (parsed->path != "/") base += parsed->path.back() == '/' ? parsed->path.substr(0, parsed->path.size() - 1) : parsed->path;
  return base;
}

Result<std::string> ConfiguredEndpoint(Env& env, const SharedConfig* config, const models::ServiceMetadata& service) {
  if (Truthy(env.GetVar("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) ||
      (config != nullptr && Truthy(config->ConfigValue("ignore_configured_endpoint_urls")))) {
    return std::string();
  }
  if (auto v = env.GetVar("AWS_ENDPOINT_URL_" + ServiceIdEnvSuffix(service.service_id)); v && !v->empty()) {
    return Configured(*v, "AWS_ENDPOINT_URL_<SERVICE>");
  }
  if (auto v = env.GetVar("AWS_ENDPOINT_URL"); v && !v->empty()) return Configured(*v, "AWS_ENDPOINT_URL");
  if (config != nullptr) {
    if (auto v = config->ServiceValue(ServiceIdConfigKey(service.service_id), "endpoint_url"); v && !v->empty()) {
      return Configured(*v, "the profile's services section");
    }
    if (auto v = config->ConfigValue("endpoint_url"); v && !v->empty()) return Configured(*v, "the profile's endpoint_url");
  }
  return std::string();
}

CallTarget Target(std::string url, std::string signing_region) {
  CallTarget t;
  t.url = std::move(url);
  t.signing_region = std::move(signing_region);
  return t;
}

// The form every regional service had before rule sets: for a service the
// binary ships no rule set for (the SSO portal).
CallTarget StandardTarget(const models::ServiceMetadata& service, const std::string& region) {
  const bool china = region.rfind("cn-", 0) == 0;
  const std::string suffix = china ? "amazonaws.com.cn" : "amazonaws.com";
  if (!service.global_endpoint.empty() && service.endpoint_prefix != "sts" && !china &&
      region.rfind("us-gov-", 0) != 0) {
    return Target("https://" + service.global_endpoint, "us-east-1");
  }
  return Target("https://" + service.endpoint_prefix + "." + region + "." + suffix, region);
}

CallTarget ToTarget(ResolvedEndpoint ep) {
  CallTarget t;
  t.url = std::move(ep.url);
  if (!t.url.empty() && t.url.back() == '/') t.url.pop_back();
  t.signing_region = std::move(ep.signing_region);
  t.signing_name = std::move(ep.signing_name);
  t.disable_double_encoding = ep.disable_double_encoding;
  t.headers = std::move(ep.headers);
  return t;
}

}  // namespace

std::string ServiceIdEnvSuffix(const std::string& id) {
  std::string out;
  for (char c : id) out.push_back(c == ' ' || c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

std::string ServiceIdConfigKey(const std::string& id) {
  std::string out;
  for (char c : id) out.push_back(c == ' ' || c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

Result<EndpointSettings> ReadEndpointSettings(Env& env, const SharedConfig* config,
                                              const models::ServiceMetadata& service) {
  EndpointSettings s;
  auto endpoint = ConfiguredEndpoint(env, config, service);
  if (!endpoint) return Fail(endpoint.error());
  s.endpoint = std::move(*endpoint);
  s.use_fips = Truthy(Setting(env, config, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint"));
  s.use_dual_stack = Truthy(Setting(env, config, "AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint"));
  s.s3_accelerate = Truthy(Setting(env, config, nullptr, nullptr, "use_accelerate_endpoint"));
  // botocore's addressing_style: "auto" is virtual-hosted, except against a
  // configured endpoint (an emulator), where it is path style.
  const std::string style = Lower(Setting(env, config, nullptr, nullptr, "addressing_style").value_or("auto"));
  s.s3_force_path_style = !s.s3_accelerate && (style == "path" || (style != "virtual" && !s.endpoint.empty()));
  if (auto v = Setting(env, config, "AWS_S3_USE_ARN_REGION", "s3_use_arn_region", "use_arn_region")) {
    s.s3_use_arn_region = s.s3control_use_arn_region = Truthy(v);
  }
  s.s3_disable_mrap = Truthy(Setting(env, config, "AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS",
                                     "s3_disable_multiregion_access_points", "s3_disable_multiregion_access_points"));
  s.s3_us_east_1_regional =
      Lower(Setting(env, config, "AWS_S3_US_EAST_1_REGIONAL_ENDPOINT", nullptr, "us_east_1_regional_endpoint")
                .value_or("")) == "regional";
  return s;
}

Result<CallTarget> ResolveEndpoint(Env& env, const SharedConfig* config, const EndpointQuery& query,
                                   EndpointResolver* resolver) {
  auto settings = ReadEndpointSettings(env, config, query.service);
  if (!settings) return Fail(settings.error());
  if (resolver == nullptr) resolver = DefaultEndpointResolver();
  if (resolver != nullptr && !query.service.cli_name.empty()) {
    nlohmann::json context;
    if (query.model != nullptr && query.operation != nullptr) {
      context = OperationContextParams(*query.model, *query.operation,
                                       query.params != nullptr ? *query.params : nlohmann::json());
    }
    auto ep = resolver->Resolve(query.service.cli_name, query.region, *settings, context);
    if (ep) return ToTarget(std::move(*ep));
    if (ep.error().code() != Code::kNotFound) return Fail(ep.error());
  }
  if (!settings->endpoint.empty()) return Target(settings->endpoint, query.region);
  if (query.service.endpoint_prefix.empty()) return Fail(Status::Internal("model has no endpointPrefix"));
  return StandardTarget(query.service, query.region);
}

Result<CallTarget> ResolveEndpoint(Env& env, const SharedConfig* config, const models::ServiceMetadata& service,
                                   const std::string& region) {
  return ResolveEndpoint(env, config, EndpointQuery{service, region});
}

namespace {

std::shared_ptr<const Partitions> ShippedPartitions() {
  static const std::shared_ptr<const Partitions> parsed = []() -> std::shared_ptr<const Partitions> {
    auto text = models::ModelRegistry::Embedded().Document("", "partitions.json");
    if (!text) return nullptr;
    auto p = Partitions::Parse(nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false));
    return p ? *p : nullptr;
  }();
  return parsed;
}

// Parses a service's rule set on its first use; a service without one is
// NotFound (the caller falls back to the standard form).
Result<std::shared_ptr<const EndpointRuleSet>> ShippedRuleSet(const std::string& service) {
  static Mutex mu;
  static std::map<std::string, std::shared_ptr<const EndpointRuleSet>> parsed;  // guarded by mu
  {
    MutexLock lock(mu);
    if (auto it = parsed.find(service); it != parsed.end()) return it->second;
  }
  auto text = models::ModelRegistry::Embedded().Document(service, "endpoint-rule-set-1.json");
  if (!text) return Fail(Status::NotFound("no endpoint rule set for " + service));
  auto doc = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  auto set = EndpointRuleSet::Parse(doc, ShippedPartitions());
  if (!set) return Fail(Status::Internal(service + " endpoint rule set: " + set.error().message()));
  MutexLock lock(mu);
  return parsed.try_emplace(service, *set).first->second;
}

}  // namespace

EndpointResolver* DefaultEndpointResolver() {
  static EndpointResolver* const resolver =
      ShippedPartitions() ? new EndpointResolver(ShippedRuleSet, ShippedPartitions()) : nullptr;
  return resolver;
}

Status CheckKnownRegion(const std::string& region) {
  auto partitions = ShippedPartitions();
  return partitions ? CheckRegion(*partitions, region) : Status::Ok();
}

}  // namespace awsmcp::aws
