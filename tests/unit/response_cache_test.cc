#include "aws/response_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "fake_env.h"

namespace awsmcp::aws {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

TEST(ResponseCacheTest, ServesWithinTtlAndReloadsAfter) {
  testing::FakeEnv env;
  ResponseCache cache({.ttl = milliseconds(30000)}, &env);
  int loads = 0;
  auto load = [&] { return CallResult(json{{"n", ++loads}}); };
  bool hit = false;
  EXPECT_EQ((*cache.GetOrLoad("k", false, load, &hit))["n"], 1);
  EXPECT_FALSE(hit);
  env.Advance(milliseconds(29999));
  EXPECT_EQ((*cache.GetOrLoad("k", false, load, &hit))["n"], 1);
  EXPECT_TRUE(hit);
  env.Advance(milliseconds(1));
  EXPECT_EQ((*cache.GetOrLoad("k", false, load, &hit))["n"], 2);
  EXPECT_FALSE(hit);
}

TEST(ResponseCacheTest, RefreshBypassesAndStoresTheFreshAnswer) {
  testing::FakeEnv env;
  ResponseCache cache({}, &env);
  int loads = 0;
  auto load = [&] { return CallResult(json{{"n", ++loads}}); };
  cache.GetOrLoad("k", false, load);
  EXPECT_EQ((*cache.GetOrLoad("k", true, load))["n"], 2);
  EXPECT_EQ((*cache.GetOrLoad("k", false, load))["n"], 2);
}

TEST(ResponseCacheTest, ZeroTtlDisablesAndErrorsAreNotKept) {
  testing::FakeEnv env;
  ResponseCache off({.ttl = milliseconds(0)}, &env);
  int loads = 0;
  auto load = [&] { return CallResult(json{{"n", ++loads}}); };
  off.GetOrLoad("k", false, load);
  off.GetOrLoad("k", false, load);
  EXPECT_EQ(loads, 2);

  ResponseCache on({}, &env);
  int failures = 0;
  auto failing = [&] {
    ++failures;
    return CallResult(std::unexpected(CallError::Local("NetworkError", "down")));
  };
  EXPECT_FALSE(on.GetOrLoad("k", false, failing).has_value());
  EXPECT_FALSE(on.GetOrLoad("k", false, failing).has_value());
  EXPECT_EQ(failures, 2);
}

TEST(ResponseCacheTest, CoalescesIdenticalConcurrentLoads) {
  testing::FakeEnv env;
  ResponseCache cache({}, &env);
  std::atomic<int> loads{0};
  std::atomic<bool> release{false};
  auto slow = [&] {
    ++loads;
    while (!release) std::this_thread::sleep_for(milliseconds(1));
    return CallResult(json{{"v", 1}});
  };
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (cache.GetOrLoad("same", false, slow).has_value()) ++ok;
    });
  }
  while (loads == 0) std::this_thread::sleep_for(milliseconds(1));
  std::this_thread::sleep_for(milliseconds(50));  // let the others queue behind the first
  release = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(loads.load(), 1);
  EXPECT_EQ(ok.load(), 8);
}

TEST(ResponseCacheTest, KeyDependsOnEveryPart) {
  json p = {{"cluster", "a"}};
  std::string base = CacheKey("AKID1", "us-east-1", "ecs", "DescribeServices", p);
  EXPECT_NE(base, CacheKey("AKID2", "us-east-1", "ecs", "DescribeServices", p));
  EXPECT_NE(base, CacheKey("AKID1", "eu-west-1", "ecs", "DescribeServices", p));
  EXPECT_NE(base, CacheKey("AKID1", "us-east-1", "ecr", "DescribeServices", p));
  EXPECT_NE(base, CacheKey("AKID1", "us-east-1", "ecs", "ListServices", p));
  EXPECT_NE(base, CacheKey("AKID1", "us-east-1", "ecs", "DescribeServices", json{{"cluster", "b"}}));
  // Canonical params: member order does not matter.
  EXPECT_EQ(CacheKey("A", "r", "s", "o", json::parse(R"({"a":1,"b":2})")),
            CacheKey("A", "r", "s", "o", json::parse(R"({"b":2,"a":1})")));
  EXPECT_EQ(base.find("AKID1"), std::string::npos);
}

}  // namespace
}  // namespace awsmcp::aws
