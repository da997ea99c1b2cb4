#include "base/executor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace awsmcp {
namespace {

TEST(Executor, RunsEveryItemOnceWithinItsBound) {
  Executor executor({.threads = 4, .max_queued = 16});
  std::atomic<int> running{0}, peak{0}, sum{0};
  executor.ParallelFor(100, 3, [&](size_t i) {
    int now = ++running;
    for (int p = peak; now > p && !peak.compare_exchange_weak(p, now);) {}
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    sum += static_cast<int>(i);
    --running;
  });
  EXPECT_EQ(sum, 4950);
  EXPECT_LE(peak, 3);
}

TEST(Executor, NestedFanOutsFinishWhenEveryThreadIsBusy) {
  // Two threads, each held by a task that fans out, whose items fan out again:
  // with no idle thread the callers run the items themselves.
  Executor executor({.threads = 2, .max_queued = 16});
  std::atomic<int> leaves{0};
  std::atomic<int> finished{0};
  for (int t = 0; t < 2; ++t) {
    ASSERT_TRUE(executor.TrySubmit([&] {
      executor.ParallelFor(4, 8, [&](size_t) { executor.ParallelFor(4, 8, [&](size_t) { ++leaves; }); });
      ++finished;
    }));
  }
  for (int i = 0; i < 500 && finished < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(finished, 2);
  EXPECT_EQ(leaves, 32);
}

TEST(Executor, RethrowsAnItemsExceptionAfterAllAreDone) {
  Executor executor({.threads = 2});
  std::atomic<int> done{0};
  EXPECT_THROW(executor.ParallelFor(10, 4, [&](size_t i) {
    ++done;
    if (i == 3) throw std::runtime_error("boom");
  }), std::runtime_error);
  EXPECT_EQ(done, 10);
}

TEST(Executor, RefusesBeyondItsQueue) {
  Executor executor({.threads = 1, .max_queued = 1});
  std::atomic<bool> release{false};
  ASSERT_TRUE(executor.TrySubmit([&] { while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1)); }));
  for (int i = 0; i < 200; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));  // let it start
  EXPECT_TRUE(executor.TrySubmit([] {}));
  EXPECT_FALSE(executor.TrySubmit([] {}));
  release = true;
}

}  // namespace
}  // namespace awsmcp
