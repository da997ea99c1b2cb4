#include "app/http_auth.h"

#include <openssl/crypto.h>

#include <mutex>

#include "base/json_depth.h"
#include "auth/jwt.h"
#include "base/log.h"
#include "base/thread_annotations.h"

namespace awsmcp::app {
namespace {

using nlohmann::json;

constexpr auto kKeysFresh = std::chrono::minutes(10);
constexpr auto kRefetchAtMost = std::chrono::minutes(1);

Result<std::string> Get(aws::HttpClient& http, const std::string& url) {
  aws::HttpRequest req;
  req.method = "GET";
  req.url = url;
  req.headers.emplace_back("Accept", "application/json");
  auto resp = http.Send(req, CancelToken());
  if (!resp) return Fail(resp.error());
  if (resp->status != 200) return Fail(Status::Unavailable(url + " answered HTTP " + std::to_string(resp->status)));
  return resp->body;
}

// The issuer's jwks_uri from its metadata.
Result<std::string> DiscoverJwks(aws::HttpClient& http, std::string issuer) {
  while (!issuer.empty() && issuer.back() == '/') issuer.pop_back();
  for (const char* path : {"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"}) {
    auto body = Get(http, issuer + path);
    if (!body) continue;
    json doc = ParseJsonBounded(*body);
    if (doc.is_object() && doc.contains("jwks_uri") && doc["jwks_uri"].is_string()) return doc["jwks_uri"].get<std::string>();
  }
  return Fail(Status::Unavailable("the issuer " + issuer + " publishes no jwks_uri in its metadata; give --oauth-jwks-url"));
}

// The issuer's keys, fetched again when old or when a token names a key we lack.
class KeySet {
 public:
  KeySet(std::string url, Env* env, std::shared_ptr<aws::HttpClient> http)
      : url_(std::move(url)), env_(env), http_(std::move(http)) {}

  Status Fetch() {
    auto body = Get(*http_, url_);
    if (!body) return body.error();
    auto keys = auth::ParseJwks(*body);
    if (!keys) return keys.error();
    MutexLock lock(mu_);
    keys_ = std::move(*keys);
    fetched_ = env_->SteadyNow();
    return Status::Ok();
  }

  std::vector<auth::Jwk> Keys(bool unknown_kid) {
    const auto now = env_->SteadyNow();
    bool fetch;
    {
      MutexLock lock(mu_);
      fetch = now - fetched_ > kKeysFresh || (unknown_kid && now - fetched_ > kRefetchAtMost);
    }
    if (fetch) {
      Status s = Fetch();
      if (!s.ok()) Log(LogLevel::kWarning, "auth", "JWKS refresh failed: " + s.message());
    }
    MutexLock lock(mu_);
    return keys_;
  }

 private:
  const std::string url_;
  Env* const env_;
  const std::shared_ptr<aws::HttpClient> http_;
  Mutex mu_;
  std::vector<auth::Jwk> keys_ GUARDED_BY(mu_);
  std::chrono::steady_clock::time_point fetched_ GUARDED_BY(mu_);
};

}  // namespace

transport::Authorizer StaticTokenAuthorizer(std::string token) {
  return [token = std::move(token)](const std::string& given) {
    if (!token.empty() && given.size() == token.size() &&
        CRYPTO_memcmp(given.data(), token.data(), token.size()) == 0) {
      return transport::AuthVerdict{};
    }
    return transport::AuthVerdict{.status = 401, .error = given.empty() ? "" : "invalid_token", .scope = ""};
  };
}

json ResourceMetadata(const OAuthOptions& o) {
  json doc = {{"resource", o.audience}, {"authorization_servers", {o.issuer}},
              {"bearer_methods_supported", {"header"}}, {"resource_name", "aws-mcp"}};
  if (!o.scopes.empty()) doc["scopes_supported"] = o.scopes;
  return doc;
}

Result<transport::Authorizer> OAuthAuthorizer(const OAuthOptions& o, Env* env, std::shared_ptr<aws::HttpClient> http) {
  if (o.issuer.empty() || o.audience.empty()) {
    return Fail(Status::InvalidArgument("OAuth needs --oauth-issuer and --oauth-audience (this server's URL)"));
  }
  std::string jwks_url = o.jwks_url;
  if (jwks_url.empty()) {
    auto found = DiscoverJwks(*http, o.issuer);
    if (!found) return Fail(found.error());
    jwks_url = *found;
  }
  auto keys = std::make_shared<KeySet>(jwks_url, env, http);
  Status first = keys->Fetch();
  if (!first.ok()) return Fail(Status::Unavailable("cannot read the issuer's keys: " + first.message()));
  auth::JwtPolicy policy{.issuer = o.issuer, .audience = o.audience};
  std::string needed;
  for (const auto& s : o.scopes) needed += (needed.empty() ? "" : " ") + s;
  return transport::Authorizer([keys, policy, env, scopes = o.scopes, needed](const std::string& token) {
    if (token.empty()) return transport::AuthVerdict{.status = 401, .error = "", .scope = ""};
    auto claims = auth::VerifyJwt(token, keys->Keys(false), policy, env->Now());
    if (!claims && claims.error().message().find("kid") != std::string::npos) {
      claims = auth::VerifyJwt(token, keys->Keys(true), policy, env->Now());  // the issuer may have rotated keys
    }
    if (!claims) {
      Log(LogLevel::kInfo, "auth", claims.error().message());
      return transport::AuthVerdict{.status = 401, .error = "invalid_token", .scope = ""};
    }
    for (const auto& s : scopes) {
      if (std::find(claims->scopes.begin(), claims->scopes.end(), s) == claims->scopes.end()) {
        return transport::AuthVerdict{.status = 403, .error = "insufficient_scope", .scope = needed};
      }
    }
    return transport::AuthVerdict{};
  });
}

}  // namespace awsmcp::app
