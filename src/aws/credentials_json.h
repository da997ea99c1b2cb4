// Credentials documents as credential sources hand them over (credential_process
// output, the container and instance metadata endpoints, SSO's
// GetRoleCredentials): a JSON object with an access key id, a secret, an
// optional token and an optional expiration.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "aws/credentials.h"

namespace awsmcp::aws {

struct CredentialsJsonKeys {
  const char* access_key_id = "AccessKeyId";
  const char* secret = "SecretAccessKey";
  const char* token = "Token";            // "SessionToken" for credential_process
  const char* expiration = "Expiration";  // ISO-8601, or epoch milliseconds (SSO)
};

// Parses `text` (untrusted, bounded by the caller) into credentials from `source`.
// Error messages name the source and the missing member, never a value.
Result<Credentials> ParseCredentialsJson(const std::string& text, const std::string& source,
                                         const CredentialsJsonKeys& keys = {});

}  // namespace awsmcp::aws
