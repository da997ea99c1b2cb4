// The credentials providers of the first links of the SDKs' default chain:
// environment variables and static keys in the shared files.
#pragma once

#include <memory>
#include <string>

#include "aws/credentials.h"
#include "aws/shared_config.h"
#include "base/env.h"

namespace awsmcp::aws {

// AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN, or the older
// AWS_SECURITY_TOKEN). NotFound when unset; InvalidArgument when only one of the pair is set.
class EnvironmentProvider final : public CredentialsProvider {
 public:
  explicit EnvironmentProvider(Env* env) : env_(env) {}
  Result<Credentials> Get() override;
  std::string Name() const override { return "environment"; }

 private:
  Env* const env_;
};

// aws_access_key_id / aws_secret_access_key / aws_session_token of the
// profile, from the credentials file, then the config file.
class SharedFilesProvider final : public CredentialsProvider {
 public:
  explicit SharedFilesProvider(SharedConfigCache* config) : config_(config) {}
  Result<Credentials> Get() override;
  std::string Name() const override { return "shared-files"; }

 private:
  SharedConfigCache* const config_;
};

}  // namespace awsmcp::aws
