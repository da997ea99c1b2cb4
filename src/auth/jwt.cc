#include "auth/jwt.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <algorithm>

#include "base/json_depth.h"
#include "base/base64.h"
namespace awsmcp::auth {
namespace {

using nlohmann::json;

constexpr size_t kMaxToken = 16 * 1024;

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  std::string s(text);
  for (char& c : s) {
    if (c == '-') c = '+';
    else if (c == '_') c = '/';
    else if (c == '+' || c == '/' || c == '=') return std::nullopt;  // not base64url
  }
  while (s.size() % 4 != 0) s += '=';
  return Base64Decode(s);
}

std::shared_ptr<void> Own(EVP_PKEY* key) {
  return std::shared_ptr<void>(key, [](void* p) { EVP_PKEY_free(static_cast<EVP_PKEY*>(p)); });
}

std::shared_ptr<void> FromParams(const char* type, OSSL_PARAM_BLD* bld) {
  std::shared_ptr<void> out;
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* key = nullptr;
  if (params && ctx && EVP_PKEY_fromdata_init(ctx) == 1 &&
      EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) == 1) {
    out = Own(key);
  }
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  return out;
}

std::shared_ptr<void> RsaKey(const std::string& n, const std::string& e) {
  BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr);
  BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()), nullptr);
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  std::shared_ptr<void> key;
  if (bn_n && bn_e && bld && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n) == 1 &&
      OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e) == 1) {
    key = FromParams("RSA", bld);
  }
  OSSL_PARAM_BLD_free(bld);
  BN_free(bn_n);
  BN_free(bn_e);
  return key;
}

std::shared_ptr<void> P256Key(const std::string& x, const std::string& y) {
  if (x.size() != 32 || y.size() != 32) return nullptr;
  std::string point = "\x04" + x + y;
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  std::shared_ptr<void> key;
  if (bld && OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) == 1 &&
      OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) == 1) {
    key = FromParams("EC", bld);
  }
  OSSL_PARAM_BLD_free(bld);
  return key;
}

// JWS ES256 signatures are r || s; OpenSSL verifies DER.
std::optional<std::string> EcdsaDer(const std::string& raw) {
  if (raw.size() != 64) return std::nullopt;
  ECDSA_SIG* sig = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr);
  std::optional<std::string> out;
  if (sig && r && s && ECDSA_SIG_set0(sig, r, s) == 1) {
    r = s = nullptr;  // owned by sig now
    unsigned char* der = nullptr;
    int len = i2d_ECDSA_SIG(sig, &der);
    if (len > 0) out = std::string(reinterpret_cast<char*>(der), static_cast<size_t>(len));
    OPENSSL_free(der);
  }
  BN_free(r);
  BN_free(s);
  ECDSA_SIG_free(sig);
  return out;
}

bool VerifySignature(const Jwk& jwk, const std::string& signed_part, const std::string& signature) {
  std::string sig = signature;
  if (jwk.alg == "ES256") {
    auto der = EcdsaDer(signature);
    if (!der) return false;
    sig = *der;
  }
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  bool ok = md && EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, static_cast<EVP_PKEY*>(jwk.key.get())) == 1 &&
            EVP_DigestVerify(md, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                             reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
  EVP_MD_CTX_free(md);
  return ok;
}

// A string member of a token's header or a key; `fallback` when absent or
// not a string (hostile input: a wrong type must not throw).
std::string Member(const json& object, const char* key, const char* fallback = "") {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

Status Refuse(const std::string& why) { return Status::Unauthenticated("invalid access token: " + why); }

}  // namespace

Result<std::vector<Jwk>> ParseJwks(const std::string& jwks_json) {
  json doc = ParseJsonBounded(jwks_json);
  if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array()) {
    return Fail(Status::InvalidArgument("not a JWKS document (no keys list)"));
  }
  std::vector<Jwk> keys;
  for (const auto& k : doc["keys"]) {
    if (!k.is_object() || Member(k, "use", "sig") != "sig") continue;
    Jwk jwk;
    jwk.kid = Member(k, "kid");
    const std::string kty = Member(k, "kty");
    auto part = [&](const char* name) { return Base64UrlDecode(Member(k, name)); };
    if (kty == "RSA") {
      auto n = part("n"), e = part("e");
      if (!n || !e || n->size() < 256) continue;  // 2048-bit RSA at least
      jwk.alg = "RS256";
      jwk.key = RsaKey(*n, *e);
    } else if (kty == "EC" && Member(k, "crv") == "P-256") {
      auto x = part("x"), y = part("y");
      if (!x || !y) continue;
      jwk.alg = "ES256";
      jwk.key = P256Key(*x, *y);
    }
    if (jwk.key && (!k.contains("alg") || k["alg"] == jwk.alg)) keys.push_back(std::move(jwk));
  }
  return keys;
}

Result<JwtClaims> VerifyJwt(const std::string& token, const std::vector<Jwk>& keys, const JwtPolicy& policy,
                            std::chrono::system_clock::time_point now) {
  if (token.size() > kMaxToken) return Fail(Refuse("too long"));
  const size_t dot1 = token.find('.'), dot2 = token.find('.', dot1 == std::string::npos ? 0 : dot1 + 1);
  if (dot1 == std::string::npos || dot2 == std::string::npos || token.find('.', dot2 + 1) != std::string::npos) {
    return Fail(Refuse("not a compact JWS"));
  }
  auto header_raw = Base64UrlDecode(std::string_view(token).substr(0, dot1));
  auto payload_raw = Base64UrlDecode(std::string_view(token).substr(dot1 + 1, dot2 - dot1 - 1));
  auto signature = Base64UrlDecode(std::string_view(token).substr(dot2 + 1));
  if (!header_raw || !payload_raw || !signature) return Fail(Refuse("not base64url"));
  json header = ParseJsonBounded(*header_raw);
  json payload = ParseJsonBounded(*payload_raw);
  if (!header.is_object() || !payload.is_object()) return Fail(Refuse("header or payload is not a JSON object"));
  const std::string alg = Member(header, "alg");
  if (alg != "RS256" && alg != "ES256") return Fail(Refuse("algorithm must be RS256 or ES256"));
  const std::string kid = header.contains("kid") && header["kid"].is_string() ? header["kid"].get<std::string>() : "";
  bool verified = false, candidate = false;
  for (const auto& k : keys) {
    if (k.alg != alg || (!kid.empty() && k.kid != kid)) continue;
    candidate = true;
    if (VerifySignature(k, token.substr(0, dot2), *signature)) {
      verified = true;
      break;
    }
  }
  if (!candidate) return Fail(Refuse("no key of the issuer matches its kid and alg"));
  if (!verified) return Fail(Refuse("bad signature"));

  if (!payload.contains("iss") || payload["iss"] != policy.issuer) return Fail(Refuse("wrong issuer"));
  const json aud = payload.value("aud", json());
  const bool aud_ok = (aud.is_string() && aud == policy.audience) ||
                      (aud.is_array() && std::find(aud.begin(), aud.end(), json(policy.audience)) != aud.end());
  if (!aud_ok) return Fail(Refuse("the audience is not this server"));
  const int64_t t = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const int64_t leeway = policy.leeway.count();
  if (!payload.contains("exp") || !payload["exp"].is_number()) return Fail(Refuse("no expiry"));
  if (payload["exp"].get<double>() + static_cast<double>(leeway) < static_cast<double>(t)) {
    return Fail(Refuse("expired"));
  }
  if (payload.contains("nbf") && payload["nbf"].is_number() &&
      payload["nbf"].get<double>() - static_cast<double>(leeway) > static_cast<double>(t)) {
    return Fail(Refuse("not valid yet"));
  }
  JwtClaims claims;
  if (payload.contains("scope") && payload["scope"].is_string()) {
    std::string s = payload["scope"];
    for (size_t pos = 0; pos < s.size();) {
      size_t end = s.find(' ', pos);
      if (end == std::string::npos) end = s.size();
      if (end > pos) claims.scopes.push_back(s.substr(pos, end - pos));
      pos = end + 1;
    }
  } else if (payload.contains("scp") && payload["scp"].is_array()) {
    for (const auto& v : payload["scp"]) {
      if (v.is_string()) claims.scopes.push_back(v);
    }
  }
  claims.payload = std::move(payload);
  return claims;
}

}  // namespace awsmcp::auth
