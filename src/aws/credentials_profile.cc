#include "aws/credentials_profile.h"

#include <openssl/sha.h>

#include "base/json_depth.h"
#include "base/percent_encoding.h"
#include "aws/client.h"
#include "aws/credentials_json.h"
#include "aws/credentials_process.h"
#include "aws/credentials_providers.h"
#include "aws/credentials_remote.h"
#include "aws/crypto.h"
#include "aws/endpoint.h"
#include "aws/uri.h"
#include "models/timestamp.h"

namespace awsmcp::aws {
namespace {

using nlohmann::json;

constexpr int kMaxRoleChain = 5;

class FixedProvider final : public CredentialsProvider {
 public:
  explicit FixedProvider(Credentials c) : c_(std::move(c)) {}
  Result<Credentials> Get() override { return c_; }
  std::string Name() const override { return "fixed"; }

 private:
  Credentials c_;
};

std::string StsRegion(const CredentialDeps& deps, const SharedConfig& cfg) {
  for (const char* var : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    if (auto v = deps.env->GetVar(var); v && !v->empty()) return *v;
  }
  if (auto r = cfg.ConfigValue("region"); r && !r->empty()) return *r;
  return "us-east-1";
}

// One STS call with the given caller credentials; the credentials path may read
// credential material, so this client allows it and caches nothing.
Result<json> CallSts(const CredentialDeps& deps, const SharedConfig& cfg, const Credentials& caller,
                     const std::string& op, const json& params) {
  FixedProvider source(caller);
  ClientOptions options;
  options.access.allow_secret_reads = true;
  options.cache.ttl = std::chrono::milliseconds(0);
  options.default_region = StsRegion(deps, cfg);
  Env* env = deps.env;
  AwsClient sts(options, env, deps.http, &source, deps.models,
                [env, &cfg](const EndpointQuery& query) { return ResolveEndpoint(*env, &cfg, query); });
  auto out = sts.Call("sts", op, params, {});
  if (!out) {
    return Fail(Status::Unauthenticated("sts " + op + " failed: " + out.error().code + ": " + out.error().message));
  }
  return *out;
}

Result<Credentials> FromStsCredentials(const json& out, const std::string& source) {
  if (!out.contains("Credentials")) return Fail(Status::Unauthenticated(source + ": STS returned no credentials"));
  return ParseCredentialsJson(out["Credentials"].dump(), source, {.token = "SessionToken"});
}

std::string SessionName(const CredentialDeps& deps, const SharedConfig& cfg) {
  if (auto s = cfg.ConfigValue("role_session_name"); s && !s->empty()) return *s;
  return "aws-mcp-" +
         std::to_string(std::chrono::duration_cast<std::chrono::seconds>(deps.env->Now().time_since_epoch()).count());
}

Result<Credentials> Resolve(const CredentialDeps& deps, const std::string& profile, int depth);

Result<Credentials> StaticKeys(const SharedConfig& cfg) {
  for (int file = 0; file < 2; ++file) {
    auto value = [&](const std::string& k) { return file == 0 ? cfg.CredentialsValue(k) : cfg.ConfigValue(k); };
    auto id = value("aws_access_key_id");
    auto secret = value("aws_secret_access_key");
    if (!id && !secret) continue;
    if (!id || !secret || id->empty() || secret->empty()) {
      return Fail(Status::InvalidArgument("profile '" + cfg.profile() +
                                          "' has only one of aws_access_key_id and aws_secret_access_key"));
    }
    Credentials c{*id, *secret, value("aws_session_token").value_or(""), std::nullopt,
                  std::string(file == 0 ? "credentials file" : "config file") + " (profile " + cfg.profile() + ")"};
    return c;
  }
  return Fail(Status::NotFound("no static keys"));
}

Result<Credentials> AssumeRole(const CredentialDeps& deps, const SharedConfig& cfg, const std::string& role_arn,
                               int depth) {
  const std::string profile = cfg.profile();
  if (cfg.ConfigValue("mfa_serial")) {
    return Fail(Status::Unauthenticated(
        "profile '" + profile + "' assumes " + role_arn + " with an MFA code (mfa_serial), and aws-mcp cannot "
        "prompt for one. Use a profile without mfa_serial (for example SSO), or start aws-mcp with temporary "
        "credentials in the environment (aws sts get-session-token / aws configure export-credentials)."));
  }
  Result<Credentials> source = Fail(Status::NotFound(""));
  if (auto sp = cfg.ConfigValue("source_profile"); sp && !sp->empty()) {
    if (depth >= kMaxRoleChain) {
      return Fail(Status::InvalidArgument("profile '" + profile + "': source_profile chain longer than " +
                                          std::to_string(kMaxRoleChain) + " (a loop?)"));
    }
    // A profile may name itself as source: then its own static keys are the source.
    source = *sp == profile ? StaticKeys(cfg) : Resolve(deps, *sp, depth + 1);
  } else if (auto cs = cfg.ConfigValue("credential_source"); cs && !cs->empty()) {
    if (*cs == "Environment") {
      source = EnvironmentProvider(deps.env).Get();
    } else if (*cs == "Ec2InstanceMetadata") {
      source = InstanceMetadataProvider(deps.env, deps.http).Get();
    } else if (*cs == "EcsContainer") {
      source = ContainerProvider(deps.env, deps.http).Get();
    } else {
      return Fail(Status::InvalidArgument("profile '" + profile + "': credential_source must be Environment, "
                                          "Ec2InstanceMetadata or EcsContainer"));
    }
  } else {
    return Fail(Status::InvalidArgument("profile '" + profile +
                                        "' has role_arn but no source_profile or credential_source"));
  }
  if (!source) {
    return Fail(Status(source.error().code() == Code::kNotFound ? Code::kUnauthenticated : source.error().code(),
                       "profile '" + profile + "': no source credentials to assume " + role_arn + ": " +
                           source.error().message()));
  }
  json params = {{"RoleArn", role_arn}, {"RoleSessionName", SessionName(deps, cfg)}};
  if (auto ext = cfg.ConfigValue("external_id"); ext && !ext->empty()) params["ExternalId"] = *ext;
  if (auto d = cfg.ConfigValue("duration_seconds"); d && !d->empty()) {
    char* end = nullptr;
    long v = std::strtol(d->c_str(), &end, 10);
    if (*end != '\0' || v < 900 || v > 43200) {
      return Fail(Status::InvalidArgument("profile '" + profile + "': duration_seconds must be 900..43200"));
    }
    params["DurationSeconds"] = v;
  }
  auto out = CallSts(deps, cfg, *source, "AssumeRole", params);
  if (!out) return Fail(out.error());
  return FromStsCredentials(*out, "assume-role " + role_arn + " (profile " + profile + ")");
}

Result<Credentials> Sso(const CredentialDeps& deps, const SharedConfig& cfg) {
  const std::string profile = cfg.profile();
  const std::string login = "run `aws sso login --profile " + profile + "`";
  std::string start_url, region, cache_key;
  if (auto session = cfg.ConfigValue("sso_session"); session && !session->empty()) {
    const IniSection* s = cfg.ConfigSection("sso-session " + *session);
    if (s == nullptr) return Fail(Status::InvalidArgument("profile '" + profile + "' names sso_session " + *session +
                                                          ", which has no [sso-session " + *session + "] section"));
    auto get = [&](const char* k) { auto it = s->values.find(k); return it == s->values.end() ? "" : it->second; };
    start_url = get("sso_start_url");
    region = get("sso_region");
    cache_key = *session;
  } else {
    start_url = cfg.ConfigValue("sso_start_url").value_or("");
    region = cfg.ConfigValue("sso_region").value_or("");
    cache_key = start_url;
  }
  std::string account = cfg.ConfigValue("sso_account_id").value_or("");
  std::string role = cfg.ConfigValue("sso_role_name").value_or("");
  if (start_url.empty() || region.empty() || account.empty() || role.empty()) {
    return Fail(Status::InvalidArgument("profile '" + profile + "' is missing one of sso_start_url, sso_region, "
                                        "sso_account_id, sso_role_name"));
  }
  std::string path = deps.env->HomeDir() + "/.aws/sso/cache/" + SsoCacheFileName(cache_key);
  auto text = deps.env->ReadFile(path, 256 * 1024);
  if (!text) return Fail(Status::Unauthenticated("no SSO login found for profile '" + profile + "': " + login));
  json cache = ParseJsonBounded(*text);
  std::string token = cache.is_object() ? cache.value("accessToken", "") : "";
  auto expires = models::ParseTimestampJson(cache.is_object() ? cache.value("expiresAt", json()) : json());
  if (token.empty() || !expires) {
    return Fail(Status::Unauthenticated("the SSO token cache for profile '" + profile + "' is unreadable: " + login));
  }
  if (std::chrono::system_clock::time_point(std::chrono::seconds(expires->seconds)) <= deps.env->Now()) {
    return Fail(Status::Unauthenticated("the SSO session for profile '" + profile + "' has expired: " + login));
  }
  models::ServiceMetadata portal;
  portal.service_id = "SSO";
  portal.endpoint_prefix = "portal.sso";
  auto target = ResolveEndpoint(*deps.env, &cfg, portal, region);
  if (!target) return Fail(target.error());
  HttpRequest req;
  req.method = "GET";
  req.url = target->url + "/federation/credentials?account_id=" + UriEncode(account) + "&role_name=" +
            UriEncode(role);
  req.headers.emplace_back("x-amz-sso_bearer_token", token);
  auto r = deps.http->Send(req, CancelToken());
  if (!r) return Fail(Status::Unavailable("SSO portal: " + r.error().message()));
  if (r->status == 401 || r->status == 403) {
    return Fail(Status::Unauthenticated("the SSO portal refused the login of profile '" + profile + "': " + login));
  }
  if (r->status != 200 || r->body.size() > 64 * 1024) {
    return Fail(Status::Unauthenticated("the SSO portal answered HTTP " + std::to_string(r->status)));
  }
  json doc = ParseJsonBounded(r->body);
  if (!doc.is_object() || !doc.contains("roleCredentials")) {
    return Fail(Status::Unauthenticated("the SSO portal answered without roleCredentials"));
  }
  return ParseCredentialsJson(doc["roleCredentials"].dump(), "sso (profile " + profile + ")",
                              {"accessKeyId", "secretAccessKey", "sessionToken", "expiration"});
}

Result<Credentials> Resolve(const CredentialDeps& deps, const std::string& profile, int depth) {
  auto loaded = SharedConfig::Load(*deps.env, DefaultSharedConfigPaths(*deps.env), profile);
  if (!loaded) return Fail(loaded.error());
  const SharedConfig& cfg = *loaded;
  if (!cfg.ProfileExists()) return Fail(Status::NotFound("profile '" + profile + "' is not in the shared files"));
  if (auto role = cfg.ConfigValue("role_arn"); role && !role->empty()) {
    if (auto web = cfg.ConfigValue("web_identity_token_file"); web && !web->empty()) {
      return WebIdentityProvider(deps.env,
                                 [&](const std::string& r, const std::string& s, const std::string& t) {
                                   return AssumeRoleWithWebIdentity(deps, profile, r, s, t);
                                 },
                                 *web, *role, SessionName(deps, cfg))
          .Get();
    }
    return AssumeRole(deps, cfg, *role, depth);
  }
  if (cfg.ConfigValue("sso_session") || cfg.ConfigValue("sso_start_url")) return Sso(deps, cfg);
  auto keys = StaticKeys(cfg);
  if (keys || keys.error().code() != Code::kNotFound) return keys;
  if (auto process = cfg.ConfigValue("credential_process"); process && !process->empty()) {
    return RunCredentialProcess(*process, profile);
  }
  return Fail(Status::NotFound("profile '" + profile + "' has no credentials (no keys, role_arn, sso or "
                               "credential_process)"));
}

}  // namespace

std::string SsoCacheFileName(const std::string& key) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(key.data()), key.size(), digest);
  return HexEncode(std::string_view(reinterpret_cast<char*>(digest), sizeof digest)) + ".json";
}

Result<Credentials> AssumeRoleWithWebIdentity(const CredentialDeps& deps, const std::string& profile,
                                              const std::string& role_arn, const std::string& session_name,
                                              const std::string& token) {
  auto loaded = SharedConfig::Load(*deps.env, DefaultSharedConfigPaths(*deps.env), profile);
  if (!loaded) return Fail(loaded.error());
  json params = {{"RoleArn", role_arn}, {"RoleSessionName", session_name}, {"WebIdentityToken", token}};
  auto out = CallSts(deps, *loaded, Credentials{}, "AssumeRoleWithWebIdentity", params);
  if (!out) return Fail(out.error());
  return FromStsCredentials(*out, "web-identity " + role_arn);
}

Result<Credentials> ProfileProvider::Get() { return Resolve(deps_, profile_, 0); }

}  // namespace awsmcp::aws
