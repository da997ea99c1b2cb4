// Parts: the independent pieces of one workflow answer (a service's tasks,
// targets, metrics, ...; one per repository), run at once on the server's
// executor, each giving its own JSON (an error part carries {"error": ...}).
//
//   Parts parts(executor);
//   size_t tasks = parts.Add([&] { return StoppedTasks(); });
//   parts.Run();
//   result["stoppedTasks"] = parts.Take(tasks);
#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/executor.h"

namespace awsmcp::tools {

// The most parts of one answer that run at once.
inline constexpr size_t kParallelParts = 8;

class Parts {
 public:
  explicit Parts(Executor* executor) : executor_(executor) {}

  // Adds a part; returns its index for Take.
  size_t Add(std::function<nlohmann::json()> part) {
    parts_.push_back(std::move(part));
    return parts_.size() - 1;
  }
  // Runs every part, at most kParallelParts at once; rethrows a part's
  // exception. `on_done` (may be empty) hears of each part as it finishes:
  // its index and how many are done, from the part's thread.
  void Run(const std::function<void(size_t index, size_t done)>& on_done = {}) {
    results_.assign(parts_.size(), nlohmann::json());
    std::atomic<size_t> done{0};
    executor_->ParallelFor(parts_.size(), kParallelParts, [&](size_t i) {
      results_[i] = parts_[i]();
      const size_t n = ++done;
      if (on_done) on_done(i, n);
    });
  }
  size_t size() const { return parts_.size(); }
  nlohmann::json Take(size_t index) { return std::move(results_[index]); }

 private:
  Executor* const executor_;
  std::vector<std::function<nlohmann::json()>> parts_;
  std::vector<nlohmann::json> results_;
};

}  // namespace awsmcp::tools
