// CallError: why an AWS call did not produce an output. Either AWS answered
// with an error (from_aws, code is AWS's), or aws-mcp stopped it first (code is
// one of the local codes below). Messages never carry credentials.
#pragma once

#include <string>

#include "aws/aws_error.h"
#include "base/status.h"

namespace awsmcp::aws {

// Local codes.
inline constexpr const char kValidationError[] = "ValidationError";  // params do not fit the model
inline constexpr const char kReadOnly[] = "ReadOnly";                // mutating action, read-only mode
inline constexpr const char kSecretRead[] = "SecretRead";            // reads secret material, not allowed
inline constexpr const char kUnknownService[] = "UnknownService";
inline constexpr const char kUnknownAction[] = "UnknownAction";
inline constexpr const char kCredentialsError[] = "CredentialsError";
inline constexpr const char kConfigError[] = "ConfigError";          // region/endpoint/profile
inline constexpr const char kNetworkError[] = "NetworkError";
inline constexpr const char kTimeout[] = "Timeout";
inline constexpr const char kCancelled[] = "Cancelled";
inline constexpr const char kResponseTooLarge[] = "ResponseTooLarge";
inline constexpr const char kInvalidResponse[] = "InvalidResponse";
inline constexpr const char kUnsupportedProtocol[] = "UnsupportedProtocol";
inline constexpr const char kInvalidToken[] = "InvalidStartingToken";

struct CallError {
  std::string code;
  std::string message;
  std::string hint;        // what the user can do; "" when nothing useful
  bool from_aws = false;   // AWS answered with this error
  int http_status = 0;     // when from_aws
  std::string request_id;  // when from_aws

  static CallError Local(std::string code, std::string message, std::string hint = "") {
    return CallError{std::move(code), std::move(message), std::move(hint), false, 0, ""};
  }
  static CallError FromAws(const AwsError& e) {
    return CallError{e.code, e.message, "", true, e.http_status, e.request_id};
  }
  // Maps a transport/credentials Status to a local error.
  static CallError FromStatus(const Status& s);
};

}  // namespace awsmcp::aws
