// CallProgress: a quiet call gets a heartbeat naming what it does, values
// only increase, and nothing is sent after Close.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "mcp/progress_beat.h"

namespace awsmcp::mcp {
namespace {

struct Sent {
  double progress;
  std::optional<double> total;
  std::string message;
};

TEST(CallProgress, BeatsOnlyAfterAQuietSecondAndNamesTheStatus) {
  std::vector<Sent> sent;
  const auto start = CallProgress::Clock::now();
  CallProgress p([&](double v, std::optional<double> t, const std::string& m) { sent.push_back({v, t, m}); }, start);
  p.SetStatus("ecs ListClusters", false);
  EXPECT_TRUE(p.Beat(start + std::chrono::milliseconds(500), std::chrono::seconds(1)));
  EXPECT_TRUE(sent.empty());
  p.Beat(start + std::chrono::milliseconds(2100), std::chrono::seconds(1));
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].message, "ecs ListClusters (2 s)");
  p.Beat(start + std::chrono::milliseconds(2500), std::chrono::seconds(1));  // sent 0.4 s ago
  EXPECT_EQ(sent.size(), 1u);
}

TEST(CallProgress, ValuesOnlyIncrease) {
  std::vector<Sent> sent;
  const auto start = CallProgress::Clock::now();
  CallProgress p([&](double v, std::optional<double> t, const std::string& m) { sent.push_back({v, t, m}); }, start);
  p.Report(1, 3, "one");
  p.SetStatus("retrying", true);
  p.Report(1, 3, "one again");  // not larger: raised
  p.Report(2, 3, "two");
  ASSERT_EQ(sent.size(), 4u);
  for (size_t i = 1; i < sent.size(); ++i) EXPECT_GT(sent[i].progress, sent[i - 1].progress) << i;
  EXPECT_EQ(sent[3].progress, 2);
  EXPECT_EQ(sent[1].total, 3);
  p.Report(3, 3, "done");
  p.SetStatus("late", true);  // past the total: the total is left out
  EXPECT_FALSE(sent.back().total.has_value());
}

TEST(CallProgress, NothingAfterClose) {
  int sent = 0;
  const auto start = CallProgress::Clock::now();
  CallProgress p([&](double, std::optional<double>, const std::string&) { ++sent; }, start);
  p.Close();
  p.Report(1, std::nullopt, "x");
  p.SetStatus("y", true);
  EXPECT_FALSE(p.Beat(start + std::chrono::seconds(5), std::chrono::seconds(1)));
  EXPECT_EQ(sent, 0);
}

TEST(ProgressBeat, WakesAQuietCall) {
  ProgressBeat beat(std::chrono::milliseconds(50), std::chrono::milliseconds(10));
  std::atomic<int> sent{0};
  auto p = std::make_shared<CallProgress>([&](double, std::optional<double>, const std::string&) { ++sent; },
                                          CallProgress::Clock::now());
  beat.Watch(p);
  for (int i = 0; i < 200 && sent == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GT(sent.load(), 0);
  p->Close();
}

}  // namespace
}  // namespace awsmcp::mcp
