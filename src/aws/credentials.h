// Credentials and the provider interface. A chain is itself a provider, and one
// caching decorator refreshes before expiry (see aws/credentials_chain.h).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "base/status.h"

namespace awsmcp::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
  // Unset for credentials that do not expire.
  std::optional<std::chrono::system_clock::time_point> expiration;
  // Which provider produced them ("environment", "shared-credentials-file:default", ...).
  std::string source;
  // Identifies the principal for cache keys without revealing the secret.
  std::string Identity() const { return access_key_id; }
};

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Current credentials. NotFound means "this provider has none" (a chain moves on);
  // any other error is reported to the user as is. Thread-safe.
  virtual Result<Credentials> Get() = 0;
  virtual std::string Name() const = 0;
};

}  // namespace awsmcp::aws
