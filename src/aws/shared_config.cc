#include "aws/shared_config.h"

namespace awsmcp::aws {
namespace {

constexpr size_t kMaxFileBytes = 1u << 20;

std::string Expand(Env& env, std::string path) {
  if (path.rfind("~/", 0) == 0) path = env.HomeDir() + path.substr(1);
  return path;
}

Result<IniFile> ReadIni(Env& env, const std::string& path) {
  auto text = env.ReadFile(path, kMaxFileBytes);
  if (!text) {
    if (text.error().code() == Code::kNotFound) return IniFile{};
    return Fail(text.error());
  }
  return ParseIni(*text, path);
}

std::string Stamp(Env& env, const std::string& path) {
  auto s = env.StatFile(path);
  return s ? std::to_string(s->mtime_ns) + ":" + std::to_string(s->size) : "-";
}

}  // namespace

SharedConfigPaths DefaultSharedConfigPaths(Env& env) {
  SharedConfigPaths p;
  auto config = env.GetVar("AWS_CONFIG_FILE");
  auto creds = env.GetVar("AWS_SHARED_CREDENTIALS_FILE");
  p.config = Expand(env, config && !config->empty() ? *config : "~/.aws/config");
  p.credentials = Expand(env, creds && !creds->empty() ? *creds : "~/.aws/credentials");
  return p;
}

std::string ResolveProfileName(Env& env, const std::string& explicit_profile) {
  if (!explicit_profile.empty()) return explicit_profile;
  auto p = env.GetVar("AWS_PROFILE");
  if (p && !p->empty()) return *p;
  auto legacy = env.GetVar("AWS_DEFAULT_PROFILE");
  if (legacy && !legacy->empty()) return *legacy;
  return "default";
}

Result<SharedConfig> SharedConfig::Load(Env& env, const SharedConfigPaths& paths, std::string profile) {
  SharedConfig c;
  c.profile_ = std::move(profile);
  auto config = ReadIni(env, paths.config);
  if (!config) return Fail(config.error());
  auto creds = ReadIni(env, paths.credentials);
  if (!creds) return Fail(creds.error());
  c.config_ = std::move(*config);
  c.credentials_ = std::move(*creds);
  // [profile default] wins over [default] in the config file, as botocore reads it.
  for (const std::string& header : {"profile " + c.profile_, c.profile_ == "default" ? std::string("default") : ""}) {
    if (header.empty() || c.config_profile_ != nullptr) continue;
    auto it = c.config_.find(header);
    if (it != c.config_.end()) c.config_profile_ = &it->second;
  }
  auto it = c.credentials_.find(c.profile_);
  if (it != c.credentials_.end()) c.creds_profile_ = &it->second;
  return c;
}

std::optional<std::string> SharedConfig::Lookup(const IniSection* s, const std::string& key) {
  if (s == nullptr) return std::nullopt;
  auto it = s->values.find(key);
  if (it == s->values.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> SharedConfig::ServiceValue(const std::string& service_key, const std::string& key) const {
  auto name = ConfigValue("services");
  if (!name) return std::nullopt;
  const IniSection* s = ConfigSection("services " + *name);
  if (s == nullptr) return std::nullopt;
  auto svc = s->nested.find(service_key);
  if (svc == s->nested.end()) return std::nullopt;
  auto v = svc->second.find(key);
  if (v == svc->second.end()) return std::nullopt;
  return v->second;
}

std::optional<std::string> SharedConfig::NestedConfigValue(const std::string& key, const std::string& sub_key) const {
  if (config_profile_ == nullptr) return std::nullopt;
  auto nested = config_profile_->nested.find(key);
  if (nested == config_profile_->nested.end()) return std::nullopt;
  auto v = nested->second.find(sub_key);
  if (v == nested->second.end()) return std::nullopt;
  return v->second;
}

const IniSection* SharedConfig::ConfigSection(const std::string& header) const {
  auto it = config_.find(header);
  return it == config_.end() ? nullptr : &it->second;
}

Result<std::shared_ptr<const SharedConfig>> SharedConfigCache::Get() {
  SharedConfigPaths paths = DefaultSharedConfigPaths(*env_);
  std::string profile = ResolveProfileName(*env_, explicit_profile_);
  std::string key = paths.config + "|" + Stamp(*env_, paths.config) + "|" + paths.credentials + "|" +
                    Stamp(*env_, paths.credentials) + "|" + profile;
  MutexLock lock(mu_);
  if (current_ && key == key_) return current_;
  auto loaded = SharedConfig::Load(*env_, paths, profile);
  if (!loaded) return Fail(loaded.error());
  // SharedConfig holds pointers into its own maps: build it in place, never copy.
  current_ = std::make_shared<const SharedConfig>(std::move(*loaded));
  key_ = key;
  return current_;
}

}  // namespace awsmcp::aws
