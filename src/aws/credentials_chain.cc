#include "aws/credentials_chain.h"

#include "aws/credentials_providers.h"

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
  std::unique_lock<std::mutex> lock(mu_);
  refreshed_.wait(lock, [&] { return !refreshing_ || FreshLocked(); });
  if (FreshLocked()) return *cached_;
  refreshing_ = true;
  lock.unlock();
  auto fresh = inner_->Get();  // outside the lock: it may do I/O
  lock.lock();
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

std::unique_ptr<CredentialsProvider> MakeDefaultCredentialsProvider(Env* env, SharedConfigCache* config,
                                                                    bool profile_chosen_explicitly) {
  std::vector<std::unique_ptr<CredentialsProvider>> chain;
  // As botocore: a profile named explicitly (--profile) means that profile's
  // credentials, not whatever keys happen to be in the environment.
  if (!profile_chosen_explicitly) chain.push_back(std::make_unique<EnvironmentProvider>(env));
  chain.push_back(std::make_unique<SharedFilesProvider>(config));
  return std::make_unique<CachingCredentialsProvider>(std::make_unique<CredentialsChain>(std::move(chain)), env);
}

}  // namespace awsmcp::aws
