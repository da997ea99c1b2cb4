// AwsStack: the AWS core for one process, built from AppOptions: shared
// config, credentials chain, region, endpoints, HTTP client and AwsClient.
// The server and `doctor` use the same one.
#pragma once

#include <memory>
#include <string>

#include "app/options.h"
#include "aws/client.h"
#include "aws/credentials.h"
#include "aws/curl_http_client.h"
#include "aws/region.h"
#include "aws/shared_config.h"

namespace awsmcp::app {

class AwsStack {
 public:
  // Never fails: problems (a config file that does not parse, a bad region)
  // are kept in config_status()/region_status() and surface on calls.
  AwsStack(const AppOptions& options, Env* env, aws::AccessPolicyOptions access, aws::RetryOptions retry = {});

  aws::AwsClient& client() { return *client_; }
  aws::CredentialsProvider& credentials() { return *credentials_; }
  aws::SharedConfigCache& config() { return config_; }
  const aws::ResolvedRegion& region() const { return region_; }
  const Status& config_status() const { return config_status_; }
  const Status& region_status() const { return region_status_; }
  Env* env() const { return env_; }

 private:
  Env* const env_;
  aws::SharedConfigCache config_;
  Status config_status_;
  Status region_status_;
  aws::ResolvedRegion region_;
  aws::CurlHttpClient http_;
  std::unique_ptr<aws::CredentialsProvider> credentials_;
  std::unique_ptr<aws::AwsClient> client_;
};

}  // namespace awsmcp::app
