// SessionTransport: the transport one HTTP session's McpServer reads and
// writes. Requests arrive by Push (one per POST); what the server writes is
// routed back to the POST that asked: a response by its id, a progress
// notification by the request's progressToken, any other notification to the
// newest open request. A POST waits on its Exchange until its response comes.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/thread_annotations.h"
#include "transport/transport.h"

namespace awsmcp::transport {

// The messages for one request, in order; the last one is its response.
class Exchange {
 public:
  // The next message, waiting up to `timeout`; nullopt on timeout or after the response was taken.
  std::optional<std::string> Next(std::chrono::milliseconds timeout);
  bool finished() const;
  // Adds a message; `last` marks the response. Ignored once the response is in.
  void Put(std::string message, bool last);
  // Ends the exchange without a response (the request was cancelled).
  void End();

 private:
  mutable Mutex mu_;
  std::condition_variable_any cv_;
  std::deque<std::string> messages_ GUARDED_BY(mu_);
  bool got_response_ GUARDED_BY(mu_) = false;
  bool response_taken_ GUARDED_BY(mu_) = false;
};

class SessionTransport final : public Transport {
 public:
  // Registers a request about to be pushed; nullptr when a request with the same id is still open.
  std::shared_ptr<Exchange> Expect(const nlohmann::json& id, const nlohmann::json& progress_token);
  // Ends the exchange of a request that will get no response (it was cancelled).
  void Abandon(const nlohmann::json& id);
  // Hands one message to the server. False after Close.
  bool Push(std::string message);

  Result<std::string> Read() override;
  Status Write(const std::string& message) override;
  void Close() override;

 private:
  Mutex mu_;
  std::condition_variable_any inbound_ready_;
  std::deque<std::string> inbound_ GUARDED_BY(mu_);
  bool closed_ GUARDED_BY(mu_) = false;
  std::map<std::string, std::shared_ptr<Exchange>> open_ GUARDED_BY(mu_);  // id.dump() -> exchange
  std::map<std::string, std::string> progress_ GUARDED_BY(mu_);            // token.dump() -> id.dump()
  std::string newest_ GUARDED_BY(mu_);  // id.dump() of the newest open request
};

}  // namespace awsmcp::transport
