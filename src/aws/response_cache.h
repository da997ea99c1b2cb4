// ResponseCache: read results kept in memory for a TTL (the seed's 30-60 s),
// with identical concurrent loads coalesced into one (single flight).
// Only successful results are kept. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <expected>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "aws/call_error.h"
#include "base/env.h"
#include "base/thread_annotations.h"

namespace awsmcp::aws {

struct ResponseCacheOptions {
  std::chrono::milliseconds ttl{30000};  // default 30 s; 0 disables caching (coalescing stays)
  size_t max_entries = 2048;             // default 2048: beyond it the soonest-expiring entries go
  size_t max_entry_bytes = 1u << 20;     // default 1 MiB: larger results are not kept
};

using CallResult = std::expected<nlohmann::json, CallError>;

class ResponseCache {
 public:
  ResponseCache(ResponseCacheOptions options, Env* env);

  // The cached result for `key` when fresh and !refresh; else the result of an
  // identical load already running; else runs `load` (on this thread) and keeps
  // a success. `hit` (optional) is set true when no load ran for this caller.
  CallResult GetOrLoad(const std::string& key, bool refresh, const std::function<CallResult()>& load,
                       bool* hit = nullptr);

  // Drops every entry (e.g. when credentials change identity).
  void Clear();
  size_t size() const;

 private:
  struct Flight {
    bool done = false;
    CallResult result;
  };
  struct Entry {
    std::chrono::steady_clock::time_point expires;
    std::shared_ptr<const nlohmann::json> value;
  };
  void InsertLocked(const std::string& key, const nlohmann::json& value) REQUIRES(mu_);

  const ResponseCacheOptions options_;
  Env* const env_;
  mutable Mutex mu_;
  std::condition_variable_any flight_done_;
  std::map<std::string, Entry> entries_ GUARDED_BY(mu_);
  std::map<std::string, std::shared_ptr<Flight>> flights_ GUARDED_BY(mu_);
};

// Key for one API call: identity, region, service, operation and canonical
// params (object keys sorted; nlohmann::json's dump already sorts them).
std::string CacheKey(const std::string& identity, const std::string& region, const std::string& service,
                     const std::string& operation, const nlohmann::json& params);

}  // namespace awsmcp::aws
