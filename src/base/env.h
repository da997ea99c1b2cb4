// Env: everything that touches time, randomness, the process environment and
// the file system, behind one interface so tests can inject a fake clock,
// fixed random numbers, variables and files. Env::Default() is the real one.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace awsmcp {

// Identifies one version of a file cheaply, to notice that it changed.
struct FileStamp {
  int64_t mtime_ns = 0;
  int64_t size = -1;
  // Someone besides this process's user may change the file: it is group- or
  // world-writable, or owned by another user.
  bool writable_by_others = false;
  bool operator==(const FileStamp&) const = default;
};

class Env {
 public:
  virtual ~Env() = default;

  // Wall-clock time: request signing, credential expiry.
  virtual std::chrono::system_clock::time_point Now() = 0;
  // Monotonic time: cache TTLs, timeouts.
  virtual std::chrono::steady_clock::time_point SteadyNow() = 0;
  // A uniformly distributed 64-bit random number (for jitter, ids).
  virtual uint64_t Random() = 0;
  // An environment variable; nullopt when unset. Empty strings are returned as set.
  virtual std::optional<std::string> GetVar(std::string_view name) = 0;
  // Whole file, refused (ResourceExhausted) if larger than max_bytes; NotFound if absent.
  virtual Result<std::string> ReadFile(const std::string& path, size_t max_bytes) = 0;
  // Stamp of a file; NotFound if absent.
  virtual Result<FileStamp> StatFile(const std::string& path) = 0;
  // The user's home directory ($HOME), or "" when unknown.
  virtual std::string HomeDir();

  // The process-wide real Env. Never deleted.
  static Env* Default();
};

}  // namespace awsmcp
