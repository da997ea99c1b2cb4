// An error answered by AWS, as parsed by the protocol's error parser.
#pragma once

#include <string>

namespace awsmcp::aws {

struct AwsError {
  int http_status = 0;
  std::string code;        // e.g. "ThrottlingException", "AccessDeniedException"
  std::string message;     // AWS's message, as sent
  std::string request_id;  // x-amzn-RequestId / RequestId, when present
};

}  // namespace awsmcp::aws
