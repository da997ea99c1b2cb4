#include "app/aws_stack.h"

#include "aws/credentials_chain.h"
#include "aws/endpoint.h"
#include "base/log.h"
#include "models/model_registry.h"

namespace awsmcp::app {

AwsStack::AwsStack(const AppOptions& options, Env* env, aws::AccessPolicyOptions access, aws::RetryOptions retry)
    : env_(env),
      config_(env, options.profile),
      http_(aws::HttpOptions{.total_timeout = std::chrono::seconds(options.aws_timeout_seconds)}) {
  auto cfg = config_.Get();
  if (!cfg) config_status_ = cfg.error();
  auto r = aws::ResolveRegion(*env, options.region, cfg ? cfg->get() : nullptr, options.region_origin);
  if (r) region_ = *r;
  else region_status_ = r.error();
  for (const Status* s : {&config_status_, &region_status_}) {
    if (!s->ok()) Log(LogLevel::kError, "config", s->message());
  }

  credentials_ = aws::MakeDefaultCredentialsProvider(
      {env, &http_, &models::ModelRegistry::Embedded()}, aws::ResolveProfileName(*env, options.profile),
      !options.profile.empty());
  aws::ClientOptions client_options;
  client_options.access = access;
  client_options.retry = retry;
  client_options.cache.ttl = std::chrono::seconds(options.cache_ttl_seconds);
  client_options.default_region = region_.region;
  client_options.user_agent = "aws-mcp/0.1.0";
  client_ = std::make_unique<aws::AwsClient>(
      client_options, env, &http_, credentials_.get(), &models::ModelRegistry::Embedded(),
      [env, this](const aws::EndpointQuery& query) {
        auto snapshot = config_.Get();
        return aws::ResolveEndpoint(*env, snapshot ? snapshot->get() : nullptr, query);
      });
}

}  // namespace awsmcp::app
