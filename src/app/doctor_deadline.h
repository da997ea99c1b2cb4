// DoctorDeadline: the one time limit of a whole `aws-mcp doctor` run. At the
// deadline its token is cancelled, which stops the AWS call in flight (curl
// checks the token while it waits), so a server that accepts and never
// answers costs the deadline once, not a timeout per probe.
#pragma once

#include <chrono>
#include <thread>

#include "base/cancel.h"
#include "base/env.h"

namespace awsmcp::app {

class DoctorDeadline {
 public:
  // Starts counting now (env's monotonic clock) and arms the watchdog.
  DoctorDeadline(Env& env, std::chrono::milliseconds limit);
  ~DoctorDeadline();  // stops the watchdog
  DoctorDeadline(const DoctorDeadline&) = delete;
  DoctorDeadline& operator=(const DoctorDeadline&) = delete;

  // Cancelled at the deadline: give it to every call.
  const CancelToken& token() const { return expired_; }
  bool passed() const { return expired_.cancelled() || elapsed() >= limit_; }
  std::chrono::milliseconds elapsed() const;
  std::chrono::milliseconds limit() const { return limit_; }

 private:
  Env& env_;
  const std::chrono::milliseconds limit_;
  const std::chrono::steady_clock::time_point start_;
  CancelToken expired_;
  CancelToken finished_;  // wakes the watchdog early when the run ends first
  std::thread watchdog_;
};

}  // namespace awsmcp::app
