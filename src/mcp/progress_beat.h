// Progress for calls that go quiet. A call whose request carried a
// progressToken gets a CallProgress: what its tool reports goes out at once;
// when it has sent nothing for `quiet` (about a second), a heartbeat says what
// it is doing now and how long it has run ("ecs DescribeServices: attempt 1
// of 3 (2 s)"). ProgressBeat is the one thread that wakes the quiet calls.
//
// MCP requires each progress value to be larger than the last: a heartbeat
// adds a small step to the last value sent, and a tool's value that is not
// larger than the last is raised to it plus that step.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/thread_annotations.h"

namespace awsmcp::mcp {

class CallProgress {
 public:
  using Clock = std::chrono::steady_clock;
  using Send = std::function<void(double progress, std::optional<double> total, const std::string& message)>;

  CallProgress(Send send, Clock::time_point started) : send_(std::move(send)), started_(started), last_sent_(started) {}

  // A tool's own progress: sent now.
  void Report(double progress, std::optional<double> total, const std::string& message) EXCLUDES(mu_);
  // What the call is doing now; `now` sends it at once, else it waits for a beat.
  void SetStatus(const std::string& doing, bool now) EXCLUDES(mu_);
  // Sends a heartbeat when nothing was sent for `quiet`. True while the call is open.
  bool Beat(Clock::time_point now, Clock::duration quiet) EXCLUDES(mu_);
  // Nothing is sent after Close returns (the request's sink may be gone).
  void Close() EXCLUDES(mu_);

 private:
  void SendLocked(double progress, const std::string& message, Clock::time_point now) REQUIRES(mu_);

  const Send send_;
  const Clock::time_point started_;
  Mutex mu_;
  bool closed_ GUARDED_BY(mu_) = false;
  double last_ GUARDED_BY(mu_) = 0;
  std::optional<double> total_ GUARDED_BY(mu_);
  std::string doing_ GUARDED_BY(mu_);
  Clock::time_point last_sent_ GUARDED_BY(mu_);
};

class ProgressBeat {
 public:
  // Beats a call after `quiet` without progress, checking every `tick`.
  explicit ProgressBeat(std::chrono::milliseconds quiet = std::chrono::milliseconds(1000),
                        std::chrono::milliseconds tick = std::chrono::milliseconds(200));
  // Stops the thread; calls still open get no more beats.
  ~ProgressBeat();
  ProgressBeat(const ProgressBeat&) = delete;
  ProgressBeat& operator=(const ProgressBeat&) = delete;

  // Watches `call` until it is closed (held weakly: a call that is gone drops out).
  void Watch(const std::shared_ptr<CallProgress>& call) EXCLUDES(mu_);

  // The process's heartbeat, shared by every server.
  static ProgressBeat& Shared();

 private:
  void Run() EXCLUDES(mu_);

  const std::chrono::milliseconds quiet_, tick_;
  Mutex mu_;
  std::condition_variable_any wake_;
  bool stopping_ GUARDED_BY(mu_) = false;
  std::vector<std::weak_ptr<CallProgress>> calls_ GUARDED_BY(mu_);
  std::thread thread_;  // started last, after the members it reads
};

}  // namespace awsmcp::mcp
