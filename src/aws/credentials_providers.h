// The first link of the SDKs' default chain: environment variables.
#pragma once

#include <memory>
#include <string>

#include "aws/credentials.h"
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

}  // namespace awsmcp::aws
