// ProfileClients: one AwsStack per AWS profile, made on first use, so one
// session can read several accounts (`profile` on aws_call). The profiles a
// model may pick can be limited (--allowed-profiles). Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/aws_stack.h"
#include "aws/call_error.h"
#include "base/thread_annotations.h"

namespace awsmcp::app {

class ProfileClients {
 public:
  // `base` is the process's options; its profile is the default one.
  ProfileClients(AppOptions base, Env* env);

  // The client for `profile` ("" = the default). ConfigError when the profile
  // is not allowed or not in the shared files.
  std::expected<aws::AwsClient*, aws::CallError> For(const std::string& profile);
  AwsStack& default_stack() { return *default_; }

 private:
  bool Allowed(const std::string& profile) const;
  const AppOptions base_;
  Env* const env_;
  std::unique_ptr<AwsStack> default_;
  Mutex mu_;
  std::map<std::string, std::unique_ptr<AwsStack>> stacks_ GUARDED_BY(mu_);
};

}  // namespace awsmcp::app
