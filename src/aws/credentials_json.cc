#include "aws/credentials_json.h"

#include "base/json_depth.h"
#include "models/timestamp.h"

namespace awsmcp::aws {

Result<Credentials> ParseCredentialsJson(const std::string& text, const std::string& source,
                                         const CredentialsJsonKeys& keys) {
  nlohmann::json doc = ParseJsonBounded(text);
  if (!doc.is_object()) return Fail(Status::Unauthenticated(source + " did not return a JSON object"));
  auto str = [&](const char* key) -> std::string {
    auto it = doc.find(key);
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  Credentials c;
  c.access_key_id = str(keys.access_key_id);
  c.secret_access_key = str(keys.secret);
  c.session_token = str(keys.token);
  c.source = source;
  if (c.access_key_id.empty() || c.secret_access_key.empty()) {
    return Fail(Status::Unauthenticated(source + " returned no " + keys.access_key_id + "/" + keys.secret));
  }
  auto exp = doc.find(keys.expiration);
  if (exp != doc.end() && !exp->is_null()) {
    std::chrono::system_clock::time_point when;
    if (exp->is_number()) {  // epoch milliseconds
      when = std::chrono::system_clock::time_point(std::chrono::milliseconds(exp->get<int64_t>()));
    } else {
      auto t = models::ParseTimestampJson(*exp);
      if (!t) return Fail(Status::Unauthenticated(source + " returned an unreadable " + keys.expiration));
      when = std::chrono::system_clock::time_point(std::chrono::seconds(t->seconds));
    }
    c.expiration = when;
  }
  return c;
}

}  // namespace awsmcp::aws
