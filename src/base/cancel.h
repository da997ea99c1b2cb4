// CancelToken: a shared, thread-safe "stop now" flag that can also wake a
// sleeper. Copies share one state; a default-constructed token is never
// cancelled unless Cancel() is called on it or a copy.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace awsmcp {

class CancelToken {
 public:
  CancelToken() : state_(std::make_shared<State>()) {}

  void Cancel() const {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->cancelled = true;
    state_->cv.notify_all();
  }
  bool cancelled() const {
    std::lock_guard<std::mutex> lock(state_->mu);
    return state_->cancelled;
  }
  // Sleeps up to `d`; returns false at once if cancelled (before or during).
  bool SleepFor(std::chrono::steady_clock::duration d) const {
    std::unique_lock<std::mutex> lock(state_->mu);
    return !state_->cv.wait_for(lock, d, [&] { return state_->cancelled; });
  }

 private:
  struct State {
    std::mutex mu;
    std::condition_variable cv;
    bool cancelled = false;
  };
  std::shared_ptr<State> state_;
};

}  // namespace awsmcp
