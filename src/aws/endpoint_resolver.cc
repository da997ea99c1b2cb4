#include "aws/endpoint_resolver.h"

namespace awsmcp::aws {

using nlohmann::json;

json OperationContextParams(const models::ServiceModel& model, const models::Operation& op, const json& input) {
  json out = op.static_context_params.is_object() ? op.static_context_params : json::object();
  const json* shape = op.input_shape.empty() ? nullptr : model.FindShape(op.input_shape);
  if (shape == nullptr || !input.is_object()) return out;
  auto members = shape->find("members");
  if (members == shape->end() || !members->is_object()) return out;
  for (const auto& [member, spec] : members->items()) {
    auto ctx = spec.find("contextParam");
    if (ctx == spec.end() || !ctx->is_object() || !ctx->value("name", json()).is_string()) continue;
    auto value = input.find(member);
    const std::string& param = (*ctx)["name"].get_ref<const std::string&>();
    if (value != input.end() && !value->is_null() && !out.contains(param)) out[param] = *value;
  }
  return out;
}

Status CheckRegion(const Partitions& partitions, const std::string& region) {
  if (partitions.IsKnownRegion(region)) return Status::Ok();
  std::string msg = "unknown region '" + region + "'";
  auto close = partitions.CloseRegions(region);
  for (size_t i = 0; i < close.size(); ++i) msg += (i == 0 ? "; did you mean " : " or ") + close[i];
  msg += close.empty() ? " (not in any AWS partition's region list)" : "?";
  return Status::InvalidArgument(msg);
}

json BuiltinParams(const EndpointRuleSet& set, const std::string& region, const EndpointSettings& s) {
  // A configured endpoint replaces the standard one, so the variants of the
  // standard one (FIPS, dual-stack) do not apply (botocore does the same).
  const bool standard = s.endpoint.empty();
  json out = json::object();
  for (const auto& p : set.parameters()) {
    const std::string& b = p.builtin;
    json v;
    if (b == "AWS::Region") v = region.empty() ? json() : json(region);
    else if (b == "AWS::UseFIPS") v = standard && s.use_fips;
    else if (b == "AWS::UseDualStack") v = standard && s.use_dual_stack;
    else if (b == "SDK::Endpoint") v = standard ? json() : json(s.endpoint);
    else if (b == "AWS::S3::ForcePathStyle") v = s.s3_force_path_style;
    else if (b == "AWS::S3::Accelerate") v = s.s3_accelerate;
    else if (b == "AWS::S3::UseArnRegion") v = s.s3_use_arn_region;
    else if (b == "AWS::S3Control::UseArnRegion") v = s.s3control_use_arn_region;
    else if (b == "AWS::S3::DisableMultiRegionAccessPoints") v = s.s3_disable_mrap;
    else if (b == "AWS::S3::UseGlobalEndpoint") v = !s.s3_us_east_1_regional && region == "us-east-1";
    else if (b == "AWS::STS::UseGlobalEndpoint") v = s.sts_global;
    else if (b == "AWS::Auth::AccountIdEndpointMode") v = "preferred";
    if (!v.is_null()) out[p.name] = std::move(v);
  }
  return out;
}

namespace {

// A member of the rules' own output; the wrong type counts as absent, so a
// malformed rule set (--models-dir) cannot throw here.
std::string StringMember(const json& o, const char* key, const std::string& fallback) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : fallback;
}

}  // namespace

Status ApplyAuthSchemes(const json& properties, const std::string& region, ResolvedEndpoint& out) {
  out.signing_region = region;
  auto schemes = properties.is_object() ? properties.find("authSchemes") : properties.end();
  if (!properties.is_object() || schemes == properties.end() || !schemes->is_array() || schemes->empty()) {
    return Status::Ok();
  }
  std::string offered;
  for (const auto& scheme : *schemes) {
    if (!scheme.is_object()) continue;
    const std::string name = StringMember(scheme, "name", "");
    if (name == "none") {
      out.auth_scheme = "none";
      return Status::Ok();
    }
    if (name == "sigv4") {
      out.auth_scheme = "sigv4";
      out.signing_name = StringMember(scheme, "signingName", "");
      out.signing_region = StringMember(scheme, "signingRegion", region);
      auto dde = scheme.find("disableDoubleEncoding");
      out.disable_double_encoding = dde != scheme.end() && dde->is_boolean() && dde->get<bool>();
      return Status::Ok();
    }
    offered += (offered.empty() ? "" : ", ") + name;
  }
  return Status::InvalidArgument("this endpoint needs " + offered +
                                 " signing, which aws-mcp does not support (SigV4a serves S3 multi-Region access "
                                 "points; sigv4-s3express serves S3 directory buckets)");
}

EndpointResolver::EndpointResolver(RuleSetSource rules, std::shared_ptr<const Partitions> partitions,
                                   size_t cache_capacity)
    : rules_(std::move(rules)), partitions_(std::move(partitions)), capacity_(std::max<size_t>(1, cache_capacity)) {}

namespace {

std::string CacheKey(const std::string& service, const std::string& region, const EndpointSettings& s,
                     const json& context) {
  std::string key = service;
  key += '\n';
  key += region;
  key += '\n';
  for (bool b : {s.use_fips, s.use_dual_stack, s.s3_force_path_style, s.s3_accelerate, s.s3_use_arn_region,
                 s.s3control_use_arn_region, s.s3_disable_mrap, s.s3_us_east_1_regional, s.sts_global}) {
    key += b ? '1' : '0';
  }
  key += '\n';
  key += s.endpoint;
  key += '\n';
  if (context.is_object() && !context.empty()) key += context.dump();
  return key;
}

}  // namespace

Result<ResolvedEndpoint> EndpointResolver::Resolve(const std::string& service, const std::string& region,
                                                   const EndpointSettings& settings, const json& context) {
  const std::string key = CacheKey(service, region, settings, context);
  {
    MutexLock lock(mu_);
    if (auto it = index_.find(key); it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);
      return *it->second->second;
    }
  }
  auto computed = std::make_shared<const Result<ResolvedEndpoint>>(Compute(service, region, settings, context));
  MutexLock lock(mu_);
  if (!index_.contains(key)) {
    lru_.emplace_front(key, computed);
    index_[key] = lru_.begin();
    if (lru_.size() > capacity_) {
      index_.erase(lru_.back().first);
      lru_.pop_back();
    }
  }
  return *computed;
}

Result<ResolvedEndpoint> EndpointResolver::Compute(const std::string& service, const std::string& region,
                                                   const EndpointSettings& settings, const json& context) {
  // With a configured endpoint the region only names the signing region, and
  // emulators accept any; otherwise a typo would be a DNS failure after retries.
  if (settings.endpoint.empty() && !region.empty()) {
    if (Status s = CheckRegion(*partitions_, region); !s.ok()) return Fail(s);
  }
  auto set = rules_(service);
  if (!set) return Fail(set.error());
  json values = BuiltinParams(**set, region, settings);
  if (context.is_object()) {
    for (const auto& [k, v] : context.items()) values[k] = v;
  }
  auto ep = (*set)->Evaluate(values);
  if (!ep) return Fail(Status::InvalidArgument(service + " endpoint: " + ep.error().message()));
  ResolvedEndpoint out;
  out.url = std::move(ep->url);
  for (auto& [name, list] : ep->headers) {
    std::string joined;
    for (const auto& v : list) joined += (joined.empty() ? "" : ",") + v;
    out.headers.emplace_back(name, std::move(joined));
  }
  if (Status s = ApplyAuthSchemes(ep->properties, region, out); !s.ok()) return Fail(s);
  out.properties = std::move(ep->properties);
  return out;
}

}  // namespace awsmcp::aws
