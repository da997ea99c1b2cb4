#include "aws/response_cache.h"

#include "aws/crypto.h"

namespace awsmcp::aws {

ResponseCache::ResponseCache(ResponseCacheOptions options, Env* env) : options_(options), env_(env) {}

CallResult ResponseCache::GetOrLoad(const std::string& key, bool refresh, const std::function<CallResult()>& load,
                                    bool* hit) {
  if (hit) *hit = false;
  std::shared_ptr<Flight> flight;
  {
    MutexLock lock(mu_);
    if (!refresh) {
      auto it = entries_.find(key);
      if (it != entries_.end()) {
        if (env_->SteadyNow() < it->second.expires) {
          if (hit) *hit = true;
          return *it->second.value;
        }
        entries_.erase(it);
      }
    }
    auto running = flights_.find(key);
    if (running != flights_.end()) {
      std::shared_ptr<Flight> joined = running->second;
      while (!joined->done) flight_done_.wait(mu_);
      // A leader that was cancelled says nothing about this caller's request.
      if (joined->result || joined->result.error().code != kCancelled) {
        if (hit) *hit = true;
        return joined->result;
      }
    }
    flight = std::make_shared<Flight>();
    flights_[key] = flight;
  }
  CallResult result = load();
  {
    MutexLock lock(mu_);
    if (result && options_.ttl.count() > 0) InsertLocked(key, *result);
    flight->result = result;
    flight->done = true;
    auto it = flights_.find(key);
    if (it != flights_.end() && it->second == flight) flights_.erase(it);
  }
  flight_done_.notify_all();
  return result;
}

void ResponseCache::InsertLocked(const std::string& key, const nlohmann::json& value) {
  // Size is estimated by serialising only when the result might be large.
  if (value.size() > 64 && value.dump().size() > options_.max_entry_bytes) return;
  auto now = env_->SteadyNow();
  entries_[key] = Entry{now + options_.ttl, std::make_shared<const nlohmann::json>(value)};
  if (entries_.size() <= options_.max_entries) return;
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = it->second.expires <= now ? entries_.erase(it) : std::next(it);
  }
  while (entries_.size() > options_.max_entries) {
    auto oldest = entries_.begin();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->second.expires < oldest->second.expires) oldest = it;
    }
    entries_.erase(oldest);
  }
}

void ResponseCache::Clear() {
  MutexLock lock(mu_);
  entries_.clear();
}

size_t ResponseCache::size() const {
  MutexLock lock(mu_);
  return entries_.size();
}

std::string CacheKey(const std::string& identity, const std::string& region, const std::string& service,
                     const std::string& operation, const nlohmann::json& params) {
  // The identity is hashed so that a key id never sits in memory as a map key.
  return Sha256Hex(identity) + "|" + region + "|" + service + "|" + operation + "|" + params.dump();
}

}  // namespace awsmcp::aws
