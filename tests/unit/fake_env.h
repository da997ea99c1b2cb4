// FakeEnv: an Env for tests. Time stands still until advanced; variables and
// files live in maps; Random() returns a scripted sequence (then repeats the last).
#pragma once

#include <map>
#include <mutex>
#include <vector>

#include "base/env.h"

namespace awsmcp::testing {

class FakeEnv : public Env {
 public:
  std::chrono::system_clock::time_point now = std::chrono::system_clock::from_time_t(1700000000);
  std::chrono::steady_clock::time_point steady_now{};
  std::vector<uint64_t> randoms{0};
  std::map<std::string, std::string, std::less<>> vars;
  std::map<std::string, std::string> files;
  std::map<std::string, FileStamp> stamps;  // defaults to (0, size) when absent

  void Advance(std::chrono::nanoseconds d) {
    std::lock_guard<std::mutex> lock(mu_);
    now += std::chrono::duration_cast<std::chrono::system_clock::duration>(d);
    steady_now += d;
  }
  void SetFile(const std::string& path, std::string content, int64_t mtime_ns = 1) {
    std::lock_guard<std::mutex> lock(mu_);
    stamps[path] = FileStamp{mtime_ns, static_cast<int64_t>(content.size())};
    files[path] = std::move(content);
  }

  std::chrono::system_clock::time_point Now() override {
    std::lock_guard<std::mutex> lock(mu_);
    return now;
  }
  std::chrono::steady_clock::time_point SteadyNow() override {
    std::lock_guard<std::mutex> lock(mu_);
    return steady_now;
  }
  uint64_t Random() override {
    std::lock_guard<std::mutex> lock(mu_);
    uint64_t v = randoms[next_random_ < randoms.size() ? next_random_ : randoms.size() - 1];
    ++next_random_;
    return v;
  }
  std::optional<std::string> GetVar(std::string_view name) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  }
  Result<std::string> ReadFile(const std::string& path, size_t max_bytes) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = files.find(path);
    if (it == files.end()) return Fail(Status::NotFound("no file " + path));
    if (it->second.size() > max_bytes) return Fail(Status::ResourceExhausted("too large: " + path));
    return it->second;
  }
  Result<FileStamp> StatFile(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (!files.count(path)) return Fail(Status::NotFound("no file " + path));
    auto it = stamps.find(path);
    return it != stamps.end() ? it->second : FileStamp{0, static_cast<int64_t>(files[path].size())};
  }

 private:
  std::mutex mu_;
  size_t next_random_ = 0;
};

}  // namespace awsmcp::testing
