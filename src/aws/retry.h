// Retries as the AWS SDKs' "standard" mode: errors are classed, throttling,
// transient and server errors are retried with exponential backoff and full
// jitter (from an injected random source), attempts and total time are
// bounded, a token-bucket quota stops retry storms, and cancellation wakes
// any backoff at once.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <mutex>
#include <string_view>

#include "base/cancel.h"
#include "base/env.h"
#include "base/status.h"
#include "base/thread_annotations.h"

namespace awsmcp::aws {

enum class ErrorClass {
  kNone,        // success
  kTransient,   // connection failure, timeout, RequestTimeout: retry
  kThrottling,  // throttling codes, 429: retry
  kServer,      // 500, 502, 503, 504: retry
  kClient,      // anything else: do not retry
};

// Transport failures: Unavailable and DeadlineExceeded are transient;
// Cancelled and the rest are not retried.
ErrorClass ClassifyTransportError(const Status& status);
// An HTTP answer with the AWS error code its protocol parsed ("" if none).
ErrorClass ClassifyHttpError(int http_status, std::string_view aws_code);

struct RetryOptions {
  int max_attempts = 3;                                   // default 3 (standard mode), first try included
  std::chrono::milliseconds base_delay{1000};             // default 1 s: the first backoff's upper bound
  std::chrono::milliseconds throttle_base_delay{1000};    // default 1 s for throttling
  std::chrono::milliseconds max_backoff{20000};           // default 20 s cap per backoff
  std::chrono::milliseconds max_total{60000};             // default 60 s for all attempts and backoffs
  int quota_capacity = 500;                               // default 500 tokens
  int retry_cost = 5;                                     // default 5 per retry
  int timeout_retry_cost = 10;                            // default 10 per retry after a timeout
};

class RetryPolicy {
 public:
  RetryPolicy(RetryOptions options, Env* env) : options_(options), env_(env), tokens_(options.quota_capacity) {}

  const RetryOptions& options() const { return options_; }
  // Backoff before retry number `retry` (1 = first retry): uniformly random in
  // [0, min(max_backoff, base * 2^(retry-1))].
  std::chrono::milliseconds Backoff(int retry, ErrorClass cls) const;
  // Takes quota for one retry; false when the quota is spent (then do not retry).
  bool AcquireRetryToken(ErrorClass cls, bool after_timeout);
  // A success returns quota (one retry's cost when it was a retry, 1 otherwise).
  void OnSuccess(bool was_retry);
  int available_tokens() const;

 private:
  const RetryOptions options_;
  Env* const env_;
  mutable Mutex mu_;
  int tokens_ GUARDED_BY(mu_);
};

// Told before each backoff: the attempt that failed, its outcome and class,
// and how long the wait before the next attempt is.
template <typename T>
using RetryListener =
    std::function<void(int failed_attempt, const Result<T>& outcome, ErrorClass cls, std::chrono::milliseconds delay)>;

// Runs attempt(1), attempt(2), ... until success, a non-retryable class, the
// attempt limit, the quota, the total time bound or cancellation. Returns the
// last outcome (Cancelled when cancelled during a backoff). `on_retry`, when
// set, hears of each retry before its backoff.
template <typename T>
Result<T> RunWithRetry(RetryPolicy& policy, Env& env, const CancelToken& cancel,
                       const std::function<Result<T>(int attempt)>& attempt,
                       const std::function<ErrorClass(const Result<T>&)>& classify,
                       const RetryListener<T>& on_retry = {}) {
  const auto start = env.SteadyNow();
  for (int n = 1;; ++n) {
    if (cancel.cancelled()) return Fail(Status::Cancelled());
    Result<T> outcome = attempt(n);
    ErrorClass cls = classify(outcome);
    if (cls == ErrorClass::kNone) {
      policy.OnSuccess(n > 1);
      return outcome;
    }
    if (cls == ErrorClass::kClient || n >= policy.options().max_attempts) return outcome;
    bool timeout = !outcome && outcome.error().code() == Code::kDeadlineExceeded;
    if (!policy.AcquireRetryToken(cls, timeout)) return outcome;
    auto delay = policy.Backoff(n, cls);
    if (env.SteadyNow() - start + delay > policy.options().max_total) return outcome;
    if (on_retry) on_retry(n, outcome, cls, delay);
    if (!cancel.SleepFor(delay)) return Fail(Status::Cancelled());
  }
}

}  // namespace awsmcp::aws
