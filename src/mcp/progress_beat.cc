#include "mcp/progress_beat.h"

#include <cmath>

namespace awsmcp::mcp {
namespace {

// Small against a tool's own steps (1, 2, ... or parts of a total), so that a
// beat between two of them never reaches the next.
constexpr double kStep = 0.001;

}  // namespace

void CallProgress::SendLocked(double progress, const std::string& message, Clock::time_point now) {
  last_ = progress > last_ ? progress : last_ + kStep;
  last_sent_ = now;
  // A total below the value would be a lie; it is left out then.
  std::optional<double> total = total_ && *total_ >= last_ ? total_ : std::nullopt;
  send_(last_, total, message);
}

void CallProgress::Report(double progress, std::optional<double> total, const std::string& message) {
  MutexLock lock(mu_);
  if (closed_) return;
  if (total) total_ = total;
  SendLocked(progress, message, Clock::now());
}

void CallProgress::SetStatus(const std::string& doing, bool now) {
  MutexLock lock(mu_);
  if (closed_) return;
  doing_ = doing;
  if (now) SendLocked(last_, doing, Clock::now());
}

bool CallProgress::Beat(Clock::time_point now, Clock::duration quiet) {
  MutexLock lock(mu_);
  if (closed_) return false;
  if (now - last_sent_ < quiet) return true;
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now - started_).count();
  SendLocked(last_, (doing_.empty() ? std::string("working") : doing_) + " (" + std::to_string(seconds) + " s)", now);
  return true;
}

void CallProgress::Close() {
  MutexLock lock(mu_);
  closed_ = true;
}

ProgressBeat::ProgressBeat(std::chrono::milliseconds quiet, std::chrono::milliseconds tick)
    : quiet_(quiet), tick_(tick), thread_([this] { Run(); }) {}

ProgressBeat::~ProgressBeat() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ProgressBeat::Watch(const std::shared_ptr<CallProgress>& call) {
  MutexLock lock(mu_);
  calls_.push_back(call);
}

void ProgressBeat::Run() {
  while (true) {
    std::vector<std::shared_ptr<CallProgress>> open;
    {
      MutexLock lock(mu_);
      wake_.wait_for(mu_, tick_, [this]() NO_THREAD_SAFETY_ANALYSIS { return stopping_; });
      if (stopping_) return;
      std::erase_if(calls_, [](const auto& w) { return w.expired(); });
      for (const auto& w : calls_) {
        if (auto c = w.lock()) open.push_back(std::move(c));
      }
    }
    // Beats are sent without mu_: a slow client's write holds up no Watch.
    const auto now = CallProgress::Clock::now();
    for (const auto& c : open) (void)c->Beat(now, quiet_);
  }
}

ProgressBeat& ProgressBeat::Shared() {
  static ProgressBeat beat;
  return beat;
}

}  // namespace awsmcp::mcp
