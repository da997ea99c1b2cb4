#include "aws/error_hints.h"

#include <array>
#include <cctype>
#include <string_view>

namespace awsmcp::aws {
namespace {

bool Contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

bool AnyOf(std::string_view code, std::initializer_list<std::string_view> codes) {
  for (auto c : codes) {
    if (code == c) return true;
  }
  return false;
}

// The identifying values of a call's params ("cluster", "logGroupName",
// "SecretId", "services": [...]), quoted, for a not-found hint.
std::string NamedResources(const nlohmann::json& params) {
  std::string out;
  int n = 0;
  auto add = [&](const nlohmann::json& v) {
    if (!v.is_string() || n >= 3) return;
    if (n++ > 0) out += ", ";
    out += '\'';
    out.append(v.get_ref<const std::string&>(), 0, 100);
    out += '\'';
  };
  if (!params.is_object()) return out;
  for (const auto& [key, value] : params.items()) {
    std::string k;
    for (char c : key) k.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    bool names = Contains(k, "name") || Contains(k, "id") || Contains(k, "arn") || Contains(k, "cluster") ||
                 Contains(k, "service") || Contains(k, "identifier");
    if (!names || Contains(k, "token")) continue;
    if (value.is_array()) {
      for (const auto& v : value) add(v);
    } else {
      add(value);
    }
  }
  return out;
}

std::string ExpiredHint(const std::string& source) {
  const std::string lead = "The credentials have expired. ";
  const std::string from_env =
      "Credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SESSION_TOKEN) are read when the server starts: "
      "export fresh ones and restart the server (or the MCP client that starts it).";
  const std::string from_profile =
      "Refresh them: `aws sso login --profile <profile>` for SSO profiles, or renew the profile's session "
      "credentials; the server re-reads the profile without a restart.";
  if (source == "environment") return lead + from_env;
  if (source.empty()) return lead + from_profile + " " + from_env;
  return lead + from_profile;
}

}  // namespace

std::string HintFor(const CallError& error, const models::ServiceMetadata& service, const std::string& operation,
                    const std::string& region, const nlohmann::json& params, const std::string& credentials_source) {
  const std::string& code = error.code;
  if (Contains(code, "AccessDenied") || AnyOf(code, {"UnauthorizedOperation", "AuthorizationError",
                                                     "AuthorizationErrorException", "NotAuthorized"})) {
    return "Your AWS identity is not allowed to call " + service.signing_name + ":" + operation +
           ". Grant that IAM action to the role or user (least privilege: read actions only), or check that "
           "the right profile is in use (aws sts get-caller-identity).";
  }
  if (AnyOf(code, {"ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"})) {
    return ExpiredHint(credentials_source);
  }
  if (AnyOf(code, {"InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId",
                   "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature"})) {
    return "AWS did not accept the credentials. Check the access key and secret for the profile in use "
           "(aws configure list), and that the system clock is correct.";
  }
  if (Contains(code, "NotFound") || AnyOf(code, {"NoSuchEntity", "ResourceNotFoundException"})) {
    std::string named = NamedResources(params);
    return "Check the name or ARN" + (named.empty() ? std::string() : " (" + named + ")") +
           ", and that the resource is in region " + region + " of this account: pass \"region\" to look elsewhere.";
  }
  if (Contains(code, "Throttl") || AnyOf(code, {"TooManyRequestsException", "RequestLimitExceeded",
                                                "LimitExceededException", "SlowDown"})) {
    return "AWS is rate-limiting these calls and the retries ran out. Wait a few seconds, narrow the request, "
           "or rely on cached answers (omit refresh).";
  }
  if (AnyOf(code, {"ValidationException", "InvalidParameterException", "InvalidParameterValue",
                   "InvalidParameterValueException", "InvalidParameterCombination"})) {
    return "AWS rejected a parameter; aws_describe shows the operation's members and their types.";
  }
  if (code == kConfigError && Contains(error.message, "region")) {
    return "Set a region: --region, AWS_REGION, the profile's region, or pass \"region\" on the call.";
  }
  return error.hint;
}

}  // namespace awsmcp::aws
