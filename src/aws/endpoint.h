// Endpoint resolution as the AWS SDKs define service-specific endpoints:
//   AWS_ENDPOINT_URL_<SERVICE_ID>  >  AWS_ENDPOINT_URL  >
//   the profile's [services] section `endpoint_url` for the service  >
//   the profile's `endpoint_url`  >  the standard endpoint
// (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls turn
// the configured ones off). Standard: https://{prefix}.{region}.amazonaws.com,
// amazonaws.com.cn in China, the global endpoint for IAM.
#pragma once

#include <string>

#include "aws/client.h"
#include "aws/shared_config.h"
#include "base/env.h"
#include "models/service_model.h"

namespace awsmcp::aws {

// "CloudWatch Logs" -> "CLOUDWATCH_LOGS" (environment variable suffix).
std::string ServiceIdEnvSuffix(const std::string& service_id);
// "CloudWatch Logs" -> "cloudwatch_logs" (key in a [services] section).
std::string ServiceIdConfigKey(const std::string& service_id);

// The target for `service` in `region`. InvalidArgument for a configured URL
// that is not http(s)://host[:port].
Result<CallTarget> ResolveEndpoint(Env& env, const SharedConfig* config, const models::ServiceMetadata& service,
                                   const std::string& region);

}  // namespace awsmcp::aws
