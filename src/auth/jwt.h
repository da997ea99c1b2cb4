// JWT access tokens for the OAuth 2.1 resource-server mode: JWKS parsing and
// verification of a compact JWS (RS256 or ES256) followed by the claims this
// server must check: iss, aud (must name this server), exp and nbf (with a
// leeway), and the scopes it grants. Keys are public keys only; nothing here
// logs a token.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace awsmcp::auth {

// One public key of a JWKS document.
struct Jwk {
  std::string kid;                 // "" when the key has none
  std::string alg;                 // "RS256" or "ES256"
  std::shared_ptr<void> key;       // EVP_PKEY, freed with EVP_PKEY_free
};

// RSA (n, e) and EC P-256 (x, y) signing keys of `jwks_json`; other keys are
// skipped. InvalidArgument when the document is not a JWKS.
Result<std::vector<Jwk>> ParseJwks(const std::string& jwks_json);

struct JwtPolicy {
  std::string issuer;                  // required "iss"
  std::string audience;                // "aud" must equal it or, as a list, contain it
  std::chrono::seconds leeway{60};     // default 60 s of clock skew on exp and nbf
};

struct JwtClaims {
  nlohmann::json payload;              // every claim
  std::vector<std::string> scopes;     // from "scope" (space-separated) or "scp" (list)
};

// Verifies `token` against `keys` and `policy` at `now`. Unauthenticated with
// a reason (never the token) when anything does not hold.
Result<JwtClaims> VerifyJwt(const std::string& token, const std::vector<Jwk>& keys, const JwtPolicy& policy,
                            std::chrono::system_clock::time_point now);

}  // namespace awsmcp::auth
