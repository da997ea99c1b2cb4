#include "aws/retry.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "fake_env.h"

namespace awsmcp::aws {
namespace {

using std::chrono::milliseconds;
using testing::FakeEnv;

// botocore/retries/standard.py lists these codes; spot-check each class.
TEST(Retry, ClassifiesLikeTheStandardMode) {
  EXPECT_EQ(ClassifyHttpError(400, "ThrottlingException"), ErrorClass::kThrottling);
  EXPECT_EQ(ClassifyHttpError(400, "Throttling"), ErrorClass::kThrottling);
  EXPECT_EQ(ClassifyHttpError(400, "RequestLimitExceeded"), ErrorClass::kThrottling);
  EXPECT_EQ(ClassifyHttpError(429, ""), ErrorClass::kThrottling);
  EXPECT_EQ(ClassifyHttpError(400, "RequestTimeout"), ErrorClass::kTransient);
  EXPECT_EQ(ClassifyHttpError(503, "ServiceUnavailable"), ErrorClass::kServer);
  EXPECT_EQ(ClassifyHttpError(500, ""), ErrorClass::kServer);
  EXPECT_EQ(ClassifyHttpError(400, "ValidationException"), ErrorClass::kClient);
  EXPECT_EQ(ClassifyHttpError(403, "AccessDeniedException"), ErrorClass::kClient);
  EXPECT_EQ(ClassifyHttpError(200, ""), ErrorClass::kNone);
  EXPECT_EQ(ClassifyTransportError(Status::Unavailable("reset")), ErrorClass::kTransient);
  EXPECT_EQ(ClassifyTransportError(Status::DeadlineExceeded("slow")), ErrorClass::kTransient);
  EXPECT_EQ(ClassifyTransportError(Status::Cancelled()), ErrorClass::kClient);
}

TEST(Retry, FullJitterWithinTheCappedExponentialBound) {
  FakeEnv env;
  RetryPolicy policy({.base_delay = milliseconds(100), .max_backoff = milliseconds(1000)}, &env);
  env.randoms = {~uint64_t{0}};  // the largest draw gives the bound itself... modulo (cap + 1)
  for (int retry = 1; retry <= 6; ++retry) {
    int64_t cap = std::min<int64_t>(1000, 100 << (retry - 1));
    EXPECT_LE(policy.Backoff(retry, ErrorClass::kServer).count(), cap);
  }
  env.randoms = {0};
  EXPECT_EQ(policy.Backoff(3, ErrorClass::kServer).count(), 0);
  env.randoms = {400};
  EXPECT_EQ(policy.Backoff(3, ErrorClass::kServer).count(), 400);  // 400 % 401
  EXPECT_EQ(policy.Backoff(1, ErrorClass::kServer).count(), 400 % 101);
}

TEST(Retry, StopsAtMaxAttemptsAndNeverRetriesClientErrors) {
  FakeEnv env;
  RetryPolicy policy({.max_attempts = 3, .base_delay = milliseconds(0)}, &env);
  int calls = 0;
  std::function<Result<int>(int)> failing = [&](int) -> Result<int> {
    ++calls;
    return Fail(Status::Unavailable("down"));
  };
  std::function<ErrorClass(const Result<int>&)> classify = [](const Result<int>& r) {
    return r ? ErrorClass::kNone : ClassifyTransportError(r.error());
  };
  EXPECT_FALSE(RunWithRetry<int>(policy, env, CancelToken(), failing, classify).has_value());
  EXPECT_EQ(calls, 3);
  calls = 0;
  std::function<ErrorClass(const Result<int>&)> client = [](const Result<int>&) { return ErrorClass::kClient; };
  RunWithRetry<int>(policy, env, CancelToken(), failing, client);
  EXPECT_EQ(calls, 1);
}

TEST(Retry, TheListenerHearsEachRetryWithItsDelay) {
  FakeEnv env;
  RetryPolicy policy({.max_attempts = 3, .base_delay = milliseconds(0)}, &env);
  std::function<Result<int>(int)> failing = [](int) -> Result<int> { return Fail(Status::DeadlineExceeded("slow")); };
  std::function<ErrorClass(const Result<int>&)> classify = [](const Result<int>& r) {
    return r ? ErrorClass::kNone : ClassifyTransportError(r.error());
  };
  std::vector<int> heard;
  RetryListener<int> listener = [&](int n, const Result<int>& outcome, ErrorClass cls, milliseconds delay) {
    EXPECT_FALSE(outcome.has_value());
    EXPECT_EQ(cls, ErrorClass::kTransient);
    EXPECT_EQ(delay.count(), 0);
    heard.push_back(n);
  };
  EXPECT_FALSE(RunWithRetry<int>(policy, env, CancelToken(), failing, classify, listener).has_value());
  EXPECT_EQ(heard, (std::vector<int>{1, 2}));  // the third attempt is the last: no retry follows it
}

TEST(Retry, QuotaRunsOutAndSuccessRefundsIt) {
  FakeEnv env;
  RetryPolicy policy({.quota_capacity = 12, .retry_cost = 5}, &env);
  EXPECT_TRUE(policy.AcquireRetryToken(ErrorClass::kServer, false));
  EXPECT_TRUE(policy.AcquireRetryToken(ErrorClass::kServer, false));
  EXPECT_FALSE(policy.AcquireRetryToken(ErrorClass::kServer, false));
  policy.OnSuccess(true);
  EXPECT_EQ(policy.available_tokens(), 7);
}

TEST(Retry, CancellationDuringBackoffReturnsAtOnce) {
  RetryPolicy policy({.max_attempts = 5, .base_delay = milliseconds(60000), .max_backoff = milliseconds(60000),
                      .max_total = milliseconds(600000)},
                     Env::Default());
  CancelToken cancel;
  std::function<Result<int>(int)> failing = [](int) -> Result<int> { return Fail(Status::Unavailable("down")); };
  std::function<ErrorClass(const Result<int>&)> classify = [](const Result<int>&) { return ErrorClass::kServer; };
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(50));
    cancel.Cancel();
  });
  auto start = std::chrono::steady_clock::now();
  auto r = RunWithRetry<int>(policy, *Env::Default(), cancel, failing, classify);
  canceller.join();
  ASSERT_FALSE(r.has_value());
  // Either the draw was short enough to retry again before the cancel or the
  // sleep was cut short; in both cases well under the minute-long backoff.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(r.error().code(), Code::kCancelled);
}

}  // namespace
}  // namespace awsmcp::aws
