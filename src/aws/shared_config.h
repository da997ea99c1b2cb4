// SharedConfig: the AWS shared files (config and credentials) for one
// profile, as the AWS CLI reads them, and a cache that reloads them when
// either file changes on disk.
//   config file:      $AWS_CONFIG_FILE or ~/.aws/config, sections [default],
//                     [profile NAME], [sso-session NAME], [services NAME]
//   credentials file: $AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials, [NAME]
// A missing file is an empty file.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "aws/ini_file.h"
#include "base/env.h"
#include "base/thread_annotations.h"

namespace awsmcp::aws {

struct SharedConfigPaths {
  std::string config;
  std::string credentials;
};

// Paths from the environment (with "~/" expanded against $HOME).
SharedConfigPaths DefaultSharedConfigPaths(Env& env);

// The profile to use: `explicit_profile` (the --profile flag), else
// AWS_PROFILE, else "default".
std::string ResolveProfileName(Env& env, const std::string& explicit_profile);

class SharedConfig {
 public:
  SharedConfig() = default;
  SharedConfig(SharedConfig&&) = default;  // std::map moves keep element addresses
  SharedConfig& operator=(SharedConfig&&) = default;
  SharedConfig(const SharedConfig&) = delete;  // would leave the section pointers dangling

  // Reads and parses both files. Errors name the file and line.
  static Result<SharedConfig> Load(Env& env, const SharedConfigPaths& paths, std::string profile);

  const std::string& profile() const { return profile_; }
  // A key of the profile's [profile X] / [default] section in the config file.
  std::optional<std::string> ConfigValue(const std::string& key) const { return Lookup(config_profile_, key); }
  // A key of the profile's [X] section in the credentials file.
  std::optional<std::string> CredentialsValue(const std::string& key) const { return Lookup(creds_profile_, key); }
  // A sub-key for one service in the [services NAME] section the profile
  // names with `services = NAME` (service key: "ecs", "cloudwatch_logs", ...).
  std::optional<std::string> ServiceValue(const std::string& service_key, const std::string& key) const;
  // A sub-key of a nested key of the profile ("s3" -> "addressing_style").
  std::optional<std::string> NestedConfigValue(const std::string& key, const std::string& sub_key) const;
  // True when the profile exists in either file.
  bool ProfileExists() const { return config_profile_ != nullptr || creds_profile_ != nullptr; }
  // Another section of the config file by its header ("sso-session x").
  const IniSection* ConfigSection(const std::string& header) const;

 private:
  static std::optional<std::string> Lookup(const IniSection* s, const std::string& key);
  std::string profile_;
  IniFile config_;
  IniFile credentials_;
  const IniSection* config_profile_ = nullptr;  // points into config_
  const IniSection* creds_profile_ = nullptr;   // points into credentials_
};

// Holds the parsed files for one profile, reloading them when a file's stamp
// (mtime, size) or its path changes. Thread-safe.
class SharedConfigCache {
 public:
  SharedConfigCache(Env* env, std::string explicit_profile) : env_(env), explicit_profile_(std::move(explicit_profile)) {}
  // Current snapshot; an error when a file exists but does not parse.
  Result<std::shared_ptr<const SharedConfig>> Get();

 private:
  Env* const env_;
  const std::string explicit_profile_;
  Mutex mu_;
  std::shared_ptr<const SharedConfig> current_ GUARDED_BY(mu_);
  std::string key_ GUARDED_BY(mu_);  // paths, profile and stamps of current_
};

}  // namespace awsmcp::aws
