// Executor: the one bounded pool of threads that runs the server's
// concurrent work (tool calls, resource reads, fan-outs across regions,
// repositories and health parts). It is created once by the application and
// injected, like Env, so nothing starts a thread of its own.
//
// Nesting never deadlocks: ParallelFor's caller runs the items no worker has
// taken, so a fan-out inside a fan-out (or inside a call that holds a worker)
// always finishes, sequentially at worst when every thread is busy.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "base/thread_annotations.h"

namespace awsmcp {

struct ExecutorOptions {
  size_t threads = 16;       // default 16 threads at most, started as needed
  size_t max_queued = 1024;  // default 1024 tasks waiting; TrySubmit refuses beyond
};

class Executor {
 public:
  explicit Executor(ExecutorOptions options = {});
  // Runs the tasks still queued, then joins every thread.
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Queues `task` (which must not throw; one that does is logged and
  // dropped). False, without queueing, when max_queued tasks already wait.
  bool TrySubmit(std::function<void()> task);

  // Calls fn(i) for every i in [0, n), at most `parallelism` at once, the
  // caller's thread among them; returns when all are done. The first
  // exception an fn throws is rethrown here, after all are done.
  void ParallelFor(size_t n, size_t parallelism, const std::function<void(size_t)>& fn);

  const ExecutorOptions& options() const { return options_; }

 private:
  // Queues `task` only when a thread is free to start it now.
  bool TrySubmitIfIdle(std::function<void()> task);
  bool SubmitLocked(std::function<void()> task) REQUIRES(mu_);
  void WorkerLoop();

  const ExecutorOptions options_;
  Mutex mu_;
  std::condition_variable_any work_ready_;
  std::deque<std::function<void()>> queue_ GUARDED_BY(mu_);
  std::vector<std::thread> threads_ GUARDED_BY(mu_);
  size_t idle_ GUARDED_BY(mu_) = 0;
  bool stopping_ GUARDED_BY(mu_) = false;
};

}  // namespace awsmcp
