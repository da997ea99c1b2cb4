// Who may use the HTTP transport: a static bearer token (simple mode), or
// OAuth 2.1 resource-server mode, where access tokens are JWTs from the
// configured issuer, verified against its JWKS, with `aud` naming this server
// and the required scopes granted. Tokens are checked here and go no further:
// AWS calls are signed with the server's own AWS credentials.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "aws/http.h"
#include "base/env.h"
#include "transport/streamable_http.h"

namespace awsmcp::app {

// Compares in constant time; "" never matches.
transport::Authorizer StaticTokenAuthorizer(std::string token);

struct OAuthOptions {
  std::string issuer;                 // required: "iss" of accepted tokens
  std::string audience;               // required: this server's URL, e.g. https://mcp.example.com/mcp
  std::string jwks_url;               // default "": from the issuer's metadata (RFC 8414, then OpenID discovery)
  std::vector<std::string> scopes;    // default none: scopes every token must grant
};

// The authorizer, fetching the issuer's keys through `http` (kept 10 minutes,
// fetched again at most once a minute for an unknown key id). The keys are
// fetched first here, so a wrong issuer fails at start-up.
Result<transport::Authorizer> OAuthAuthorizer(const OAuthOptions& options, Env* env,
                                              std::shared_ptr<aws::HttpClient> http);

// The Protected Resource Metadata document (RFC 9728) for `options`.
nlohmann::json ResourceMetadata(const OAuthOptions& options);

}  // namespace awsmcp::app
