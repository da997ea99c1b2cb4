// ProfileProvider: the credentials a named profile describes, in the AWS CLI's
// order: role_arn (assume role from source_profile or credential_source, or
// with web_identity_token_file), SSO (sso_session or legacy sso_start_url,
// from the token cache `aws sso login` writes), static keys, and
// credential_process. The files are re-read on each Get (the caching decorator
// outside calls it only when credentials are due), so edits and new logins
// are picked up without a restart.
#pragma once

#include <string>

#include "aws/credentials.h"
#include "aws/http.h"
#include "aws/shared_config.h"
#include "base/env.h"
#include "models/model_registry.h"

namespace awsmcp::aws {

struct CredentialDeps {
  Env* env = nullptr;
  HttpClient* http = nullptr;                // for STS, SSO, container and IMDS calls
  models::ModelRegistry* models = nullptr;   // the sts model
};

class ProfileProvider final : public CredentialsProvider {
 public:
  // `profile` as resolved (flag, AWS_PROFILE or "default").
  ProfileProvider(CredentialDeps deps, std::string profile) : deps_(deps), profile_(std::move(profile)) {}
  Result<Credentials> Get() override;
  std::string Name() const override { return "profile " + profile_; }

 private:
  const CredentialDeps deps_;
  const std::string profile_;
};

// Exchanges a web identity token through sts AssumeRoleWithWebIdentity (unsigned),
// with the endpoint rules of the given profile.
Result<Credentials> AssumeRoleWithWebIdentity(const CredentialDeps& deps, const std::string& profile,
                                              const std::string& role_arn, const std::string& session_name,
                                              const std::string& token);

// The ~/.aws/sso/cache file name for a session name or legacy start URL.
std::string SsoCacheFileName(const std::string& key);

}  // namespace awsmcp::aws
