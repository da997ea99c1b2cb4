// The default chain (itself a provider) and the one caching decorator that
// refreshes credentials before they expire.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "aws/credentials.h"
#include "aws/credentials_profile.h"
#include "aws/shared_config.h"
#include "base/env.h"
#include "base/thread_annotations.h"

namespace awsmcp::aws {

// Asks each provider in order; the first with credentials wins. NotFound moves
// on; any other error stops the chain (a broken profile must not silently fall
// through to other keys). When none has credentials, the error lists what was
// tried and how to configure credentials.
class CredentialsChain final : public CredentialsProvider {
 public:
  explicit CredentialsChain(std::vector<std::unique_ptr<CredentialsProvider>> providers)
      : providers_(std::move(providers)) {}
  Result<Credentials> Get() override;
  std::string Name() const override { return "chain"; }

 private:
  std::vector<std::unique_ptr<CredentialsProvider>> providers_;
};

struct CachingOptions {
  std::chrono::seconds refresh_before{300};  // default 5 min: refresh this long before expiry
  std::chrono::seconds recheck_every{1};     // default 1 s: how often non-expiring credentials are re-read
};

// Keeps the inner provider's answer. Expiring credentials are refreshed when
// they come within refresh_before of expiry; non-expiring ones are re-read at
// most every recheck_every (so an edited credentials file or a new profile
// login is picked up without a restart). One refresh at a time: concurrent
// callers wait for it. Thread-safe.
class CachingCredentialsProvider final : public CredentialsProvider {
 public:
  CachingCredentialsProvider(std::unique_ptr<CredentialsProvider> inner, Env* env, CachingOptions options = {})
      : inner_(std::move(inner)), env_(env), options_(options) {}
  Result<Credentials> Get() override;
  std::string Name() const override { return inner_->Name(); }

 private:
  bool FreshLocked() const REQUIRES(mu_);
  const std::unique_ptr<CredentialsProvider> inner_;
  Env* const env_;
  const CachingOptions options_;
  Mutex mu_;
  std::condition_variable_any refreshed_;
  bool refreshing_ GUARDED_BY(mu_) = false;
  std::optional<Credentials> cached_ GUARDED_BY(mu_);
  std::chrono::steady_clock::time_point read_at_ GUARDED_BY(mu_){};
};

// The default chain, in the AWS CLI's order, wrapped in the caching decorator:
// environment (skipped when a profile was chosen explicitly, as botocore
// does), the profile (role, SSO, keys, credential_process), web identity from
// the environment, the container endpoint, EC2 instance metadata (with short
// timeouts of its own, so that off EC2 it costs about a second at most).
std::unique_ptr<CredentialsProvider> MakeDefaultCredentialsProvider(const CredentialDeps& deps,
                                                                    const std::string& profile,
                                                                    bool profile_chosen_explicitly);

}  // namespace awsmcp::aws
