// Endpoint resolution as the AWS SDKs do it. A configured endpoint, first of
//   AWS_ENDPOINT_URL_<SERVICE_ID>  >  AWS_ENDPOINT_URL  >
//   the profile's [services] section `endpoint_url` for the service  >
//   the profile's `endpoint_url`
// (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls turn
// them off), becomes the rules' Endpoint parameter; the service's endpoint
// rule set then gives the URL and the signing region and name, with
// AWS_USE_FIPS_ENDPOINT / use_fips_endpoint, AWS_USE_DUALSTACK_ENDPOINT /
// use_dualstack_endpoint and the profile's `s3` settings as the other built-ins.
// A service without a rule set (the SSO portal) gets the standard
// https://{prefix}.{region}.amazonaws.com form.
#pragma once

#include <string>

#include "aws/client.h"
#include "aws/endpoint_resolver.h"
#include "aws/shared_config.h"
#include "base/env.h"
#include "models/service_model.h"

namespace awsmcp::aws {

// "CloudWatch Logs" -> "CLOUDWATCH_LOGS" (environment variable suffix).
std::string ServiceIdEnvSuffix(const std::string& service_id);
// "CloudWatch Logs" -> "cloudwatch_logs" (key in a [services] section).
std::string ServiceIdConfigKey(const std::string& service_id);

// The built-in settings for `service` from the environment and the profile.
// InvalidArgument for a configured URL that is not http(s)://host[:port][/path].
Result<EndpointSettings> ReadEndpointSettings(Env& env, const SharedConfig* config,
                                              const models::ServiceMetadata& service);

// The process-wide resolver over the shipped rule sets and partitions.json
// (each rule set parsed on first use); null when partitions.json is missing.
// Thread-safe.
EndpointResolver* DefaultEndpointResolver();

// OK when `region` is one the shipped partitions list; else InvalidArgument
// naming the close matches ("unknown region 'us-esat-1'; did you mean us-east-1?").
Status CheckKnownRegion(const std::string& region);

// The target for one call (`query`), through `resolver` (null: the default).
Result<CallTarget> ResolveEndpoint(Env& env, const SharedConfig* config, const EndpointQuery& query,
                                   EndpointResolver* resolver = nullptr);
// The target for `service` in `region` outside an operation (no context values).
Result<CallTarget> ResolveEndpoint(Env& env, const SharedConfig* config, const models::ServiceMetadata& service,
                                   const std::string& region);

}  // namespace awsmcp::aws
