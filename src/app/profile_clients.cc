#include "app/profile_clients.h"

#include <algorithm>

#include "aws/shared_config.h"

namespace awsmcp::app {

namespace {
aws::AccessPolicyOptions Access(const AppOptions& o) {
  return {.allow_write = o.allow_write, .allow_secret_reads = o.allow_secret_reads};
}
}  // namespace

ProfileClients::ProfileClients(AppOptions base, Env* env)
    : base_(std::move(base)), env_(env), default_(std::make_unique<AwsStack>(base_, env, Access(base_))) {}

bool ProfileClients::Allowed(const std::string& profile) const {
  const auto& allowed = base_.allowed_profiles;
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), "*") != allowed.end() ||
         std::find(allowed.begin(), allowed.end(), profile) != allowed.end();
}

std::expected<aws::AwsClient*, aws::CallError> ProfileClients::For(const std::string& profile) {
  if (profile.empty() || profile == aws::ResolveProfileName(*env_, base_.profile)) return &default_->client();
  if (!Allowed(profile)) {
    std::string list;
    for (const auto& p : base_.allowed_profiles) list += (list.empty() ? "" : ", ") + p;
    return std::unexpected(aws::CallError::Local(
        aws::kConfigError, "profile '" + profile.substr(0, 64) + "' is not allowed; allowed: " + list,
        "A person can allow it with --allowed-profiles."));
  }
  MutexLock lock(mu_);
  auto it = stacks_.find(profile);
  if (it != stacks_.end()) return &it->second->client();
  auto cfg = aws::SharedConfig::Load(*env_, aws::DefaultSharedConfigPaths(*env_), profile);
  if (!cfg || !cfg->ProfileExists()) {
    return std::unexpected(aws::CallError::Local(aws::kConfigError, "no profile '" + profile.substr(0, 64) +
                                                                        "' in ~/.aws/config or ~/.aws/credentials",
                                                 "aws configure list-profiles shows the profiles there."));
  }
  AppOptions o = base_;
  o.profile = profile;
  o.region = base_.region;  // an explicit --region still wins; else the profile's own region
  auto stack = std::make_unique<AwsStack>(o, env_, Access(o));
  aws::AwsClient* client = &stack->client();
  stacks_[profile] = std::move(stack);
  return client;
}

}  // namespace awsmcp::app
