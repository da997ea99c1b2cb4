#include "aws/credentials_chain.h"

#include "aws/credentials_providers.h"
#include "aws/credentials_remote.h"
#include "aws/curl_http_client.h"

namespace awsmcp::aws {

Result<Credentials> CredentialsChain::Get() {
  std::string tried;
  for (const auto& p : providers_) {
    auto c = p->Get();
    if (c) return c;
    if (c.error().code() != Code::kNotFound) {
      return Fail(Status(c.error().code(), p->Name() + ": " + c.error().message()));
    }
    tried += "\n- " + p->Name() + ": " + c.error().message();
  }
  return Fail(Status::Unauthenticated(
      "no AWS credentials found. Tried:" + tried +
      "\nConfigure them with `aws configure` (or `aws sso login --profile NAME`), pick a profile with --profile or "
      "AWS_PROFILE, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."));
}

bool CachingCredentialsProvider::FreshLocked() const {
  if (!cached_) return false;
  if (cached_->expiration) return env_->Now() + options_.refresh_before < *cached_->expiration;
  return env_->SteadyNow() - read_at_ < options_.recheck_every;
}

Result<Credentials> CachingCredentialsProvider::Get() {
  MutexLock lock(mu_);
  while (refreshing_ && !FreshLocked()) refreshed_.wait(mu_);
  if (FreshLocked()) return *cached_;
  refreshing_ = true;
  mu_.unlock();
  auto fresh = inner_->Get();  // outside the lock: it may do I/O
  mu_.lock();
  refreshing_ = false;
  if (fresh) {
    cached_ = *fresh;
    read_at_ = env_->SteadyNow();
  } else if (cached_ && cached_->expiration && env_->Now() < *cached_->expiration) {
    // Refresh failed early: keep serving credentials that have not expired yet.
    refreshed_.notify_all();
    return *cached_;
  } else {
    cached_.reset();
  }
  refreshed_.notify_all();
  return fresh;
}

namespace {

// The chain plus the HTTP client it owns for the instance metadata service.
class DefaultChain final : public CredentialsProvider {
 public:
  DefaultChain(const CredentialDeps& deps, const std::string& profile, bool explicit_profile)
      : metadata_http_(HttpOptions{.connect_timeout = std::chrono::milliseconds(1000),
                                   .total_timeout = std::chrono::milliseconds(2000),
                                   .max_response_bytes = 64 * 1024}) {
    std::vector<std::unique_ptr<CredentialsProvider>> chain;
    if (!explicit_profile) chain.push_back(std::make_unique<EnvironmentProvider>(deps.env));
    chain.push_back(std::make_unique<ProfileProvider>(deps, profile));
    chain.push_back(std::make_unique<WebIdentityProvider>(
        deps.env, [deps](const std::string& role, const std::string& session, const std::string& token) {
          return AssumeRoleWithWebIdentity(deps, "default", role, session, token);
        }));
    chain.push_back(std::make_unique<ContainerProvider>(deps.env, deps.http));
    chain.push_back(std::make_unique<InstanceMetadataProvider>(deps.env, &metadata_http_));
    chain_ = std::make_unique<CredentialsChain>(std::move(chain));
  }
  Result<Credentials> Get() override { return chain_->Get(); }
  std::string Name() const override { return "default chain"; }

 private:
  CurlHttpClient metadata_http_;
  std::unique_ptr<CredentialsChain> chain_;
};

}  // namespace

std::unique_ptr<CredentialsProvider> MakeDefaultCredentialsProvider(const CredentialDeps& deps,
                                                                    const std::string& profile,
                                                                    bool profile_chosen_explicitly) {
  return std::make_unique<CachingCredentialsProvider>(
      std::make_unique<DefaultChain>(deps, profile, profile_chosen_explicitly), deps.env);
}

}  // namespace awsmcp::aws
