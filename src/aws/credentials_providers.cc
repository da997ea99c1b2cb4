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

Result<Credentials> SharedFilesProvider::Get() {
  auto config = config_->Get();
  if (!config) return Fail(config.error());
  const SharedConfig& cfg = **config;
  for (int file = 0; file < 2; ++file) {
    auto value = [&](const std::string& key) {
      return file == 0 ? cfg.CredentialsValue(key) : cfg.ConfigValue(key);
    };
    auto id = value("aws_access_key_id");
    auto secret = value("aws_secret_access_key");
    if (!id && !secret) continue;
    const char* where = file == 0 ? "credentials file" : "config file";
    if (!id || !secret || id->empty() || secret->empty()) {
      return Fail(Status::InvalidArgument(std::string("profile '") + cfg.profile() + "' in the " + where +
                                          " has only one of aws_access_key_id and aws_secret_access_key"));
    }
    Credentials c;
    c.access_key_id = *id;
    c.secret_access_key = *secret;
    if (auto token = value("aws_session_token")) c.session_token = *token;
    c.source = std::string(where) + " (profile " + cfg.profile() + ")";
    return c;
  }
  return Fail(Status::NotFound("profile '" + cfg.profile() + "' has no static keys"));
}

}  // namespace awsmcp::aws
