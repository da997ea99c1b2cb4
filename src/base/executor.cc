#include "base/executor.h"

#include <atomic>
#include <exception>
#include <memory>

#include "base/log.h"

namespace awsmcp {

Executor::Executor(ExecutorOptions options) : options_(options) {}

Executor::~Executor() {
  std::vector<std::thread> threads;
  {
    MutexLock lock(mu_);
    stopping_ = true;
    threads.swap(threads_);
  }
  work_ready_.notify_all();
  for (auto& t : threads) t.join();
}

bool Executor::SubmitLocked(std::function<void()> task) {
  queue_.push_back(std::move(task));
  if (idle_ < queue_.size() && threads_.size() < std::max<size_t>(1, options_.threads)) {
    threads_.emplace_back([this] { WorkerLoop(); });
  }
  work_ready_.notify_one();
  return true;
}

bool Executor::TrySubmit(std::function<void()> task) {
  MutexLock lock(mu_);
  if (stopping_ || queue_.size() >= options_.max_queued) return false;
  return SubmitLocked(std::move(task));
}

bool Executor::TrySubmitIfIdle(std::function<void()> task) {
  MutexLock lock(mu_);
  const bool can_start = idle_ > queue_.size() || threads_.size() < std::max<size_t>(1, options_.threads);
  if (stopping_ || !can_start) return false;
  return SubmitLocked(std::move(task));
}

void Executor::WorkerLoop() {
  MutexLock lock(mu_);
  while (true) {
    ++idle_;
    while (!stopping_ && queue_.empty()) work_ready_.wait(mu_);
    --idle_;
    if (queue_.empty()) return;  // stopping, and nothing left to run
    std::function<void()> task = std::move(queue_.front());
    queue_.pop_front();
    mu_.unlock();
    try {
      task();
    } catch (const std::exception& e) {
      Log(LogLevel::kError, "executor", std::string("a task failed: ") + e.what());
    } catch (...) {
      Log(LogLevel::kError, "executor", "a task failed");
    }
    task = nullptr;  // its captures go before the lock is taken again
    mu_.lock();
  }
}

void Executor::ParallelFor(size_t n, size_t parallelism, const std::function<void(size_t)>& fn) {
  if (n == 0) return;
  // Shared with helpers that may start after the caller has done every item:
  // they find nothing left and never touch `fn`.
  struct Group {
    std::atomic<size_t> next{0};
    size_t n = 0;
    const std::function<void(size_t)>* fn = nullptr;
    std::mutex mu;
    std::condition_variable all_done;
    size_t done = 0;
    std::exception_ptr error;
  };
  auto group = std::make_shared<Group>();
  group->n = n;
  group->fn = &fn;
  auto run = [group] {
    for (size_t i = group->next++; i < group->n; i = group->next++) {
      std::exception_ptr error;
      try {
        (*group->fn)(i);
      } catch (...) {
        error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(group->mu);
      if (error && !group->error) group->error = error;
      if (++group->done == group->n) group->all_done.notify_all();
    }
  };
  for (size_t helpers = 1; helpers < std::min(n, parallelism); ++helpers) {
    if (!TrySubmitIfIdle(run)) break;
  }
  run();
  std::unique_lock<std::mutex> lock(group->mu);
  group->all_done.wait(lock, [&] { return group->done == group->n; });
  if (group->error) std::rethrow_exception(group->error);
}

}  // namespace awsmcp
