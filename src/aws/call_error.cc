#include "aws/call_error.h"

namespace awsmcp::aws {

CallError CallError::FromStatus(const Status& s) {
  switch (s.code()) {
    case Code::kCancelled: return Local(kCancelled, s.message());
    case Code::kDeadlineExceeded:
      return Local(kTimeout, s.message(), "The endpoint did not answer in time; check network connectivity and the region.");
    case Code::kUnavailable:
      return Local(kNetworkError, s.message(), "Check network connectivity, the region and the endpoint URL.");
    case Code::kResourceExhausted:
      return Local(kResponseTooLarge, s.message(), "Narrow the request (filters, smaller max_items).");
    case Code::kUnauthenticated:
    case Code::kNotFound: return Local(kCredentialsError, s.message());
    case Code::kInvalidArgument: return Local(kValidationError, s.message());
    default: return Local(CodeName(s.code()), s.message());
  }
}

}  // namespace awsmcp::aws
