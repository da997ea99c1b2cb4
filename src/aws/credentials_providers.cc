#include "aws/credentials_providers.h"

namespace awsmcp::aws {

Result<Credentials> EnvironmentProvider::Get() {
  auto id = env_->GetVar("AWS_ACCESS_KEY_ID");
  auto secret = env_->GetVar("AWS_SECRET_ACCESS_KEY");
  bool has_id = id && !id->empty();
  bool has_secret = secret && !secret->empty();
  if (!has_id && !has_secret) return Fail(Status::NotFound("AWS_ACCESS_KEY_ID is not set"));
  if (!has_id || !has_secret) {
    return Fail(Status::InvalidArgument(
        "only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set; set both or neither"));
  }
  Credentials c;
  c.access_key_id = *id;
  c.secret_access_key = *secret;
  auto token = env_->GetVar("AWS_SESSION_TOKEN");
  if (!token || token->empty()) token = env_->GetVar("AWS_SECURITY_TOKEN");
  if (token) c.session_token = *token;
  c.source = "environment";
  return c;
}

}  // namespace awsmcp::aws
