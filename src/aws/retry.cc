#include "aws/retry.h"

#include <array>

namespace awsmcp::aws {
namespace {

// botocore/retries/standard.py: _THROTTLED_ERROR_CODES and _TRANSIENT_ERROR_CODES.
constexpr std::array<std::string_view, 15> kThrottlingCodes{
    "Throttling",          "ThrottlingException",       "ThrottledException",
    "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
    "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
    "LimitExceededException", "RequestThrottled",        "SlowDown",
    "PriorRequestNotComplete", "EC2ThrottledException",  "ThrottlingError"};
constexpr std::array<std::string_view, 3> kTransientCodes{"RequestTimeout", "RequestTimeoutException",
                                                           "PriorRequestNotComplete"};

bool In(std::string_view code, const auto& table) {
  for (auto c : table) {
    if (c == code) return true;
  }
  return false;
}

}  // namespace

ErrorClass ClassifyTransportError(const Status& status) {
  switch (status.code()) {
    case Code::kUnavailable:
    case Code::kDeadlineExceeded: return ErrorClass::kTransient;
    default: return ErrorClass::kClient;
  }
}

ErrorClass ClassifyHttpError(int http_status, std::string_view code) {
  if (http_status >= 200 && http_status < 300) return ErrorClass::kNone;
  if (In(code, kThrottlingCodes) || http_status == 429) return ErrorClass::kThrottling;
  if (In(code, kTransientCodes)) return ErrorClass::kTransient;
  if (http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504) return ErrorClass::kServer;
  return ErrorClass::kClient;
}

std::chrono::milliseconds RetryPolicy::Backoff(int retry, ErrorClass cls) const {
  auto base = cls == ErrorClass::kThrottling ? options_.throttle_base_delay : options_.base_delay;
  int shift = std::clamp(retry - 1, 0, 30);
  int64_t cap = std::min<int64_t>(options_.max_backoff.count(), base.count() * (int64_t{1} << shift));
  if (cap <= 0) return std::chrono::milliseconds(0);
  // Full jitter: uniform in [0, cap].
  return std::chrono::milliseconds(static_cast<int64_t>(env_->Random() % static_cast<uint64_t>(cap + 1)));
}

bool RetryPolicy::AcquireRetryToken(ErrorClass, bool after_timeout) {
  MutexLock lock(mu_);
  int cost = after_timeout ? options_.timeout_retry_cost : options_.retry_cost;
  if (tokens_ < cost) return false;
  tokens_ -= cost;
  return true;
}

void RetryPolicy::OnSuccess(bool was_retry) {
  MutexLock lock(mu_);
  tokens_ = std::min(options_.quota_capacity, tokens_ + (was_retry ? options_.retry_cost : 1));
}

int RetryPolicy::available_tokens() const {
  MutexLock lock(mu_);
  return tokens_;
}

}  // namespace awsmcp::aws
