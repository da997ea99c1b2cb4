#include "transport/session_transport.h"

#include "jsonrpc/message.h"

namespace awsmcp::transport {

using nlohmann::json;

std::optional<std::string> Exchange::Next(std::chrono::milliseconds timeout) {
  MutexLock lock(mu_);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (messages_.empty() && !response_taken_) {
    if (cv_.wait_until(mu_, deadline) == std::cv_status::timeout) break;
  }
  if (messages_.empty()) return std::nullopt;  // timed out, or the response was taken
  std::string m = std::move(messages_.front());
  messages_.pop_front();
  if (messages_.empty() && got_response_) response_taken_ = true;
  return m;
}

bool Exchange::finished() const {
  MutexLock lock(mu_);
  return response_taken_;
}

void Exchange::Put(std::string message, bool last) {
  {
    MutexLock lock(mu_);
    if (got_response_) return;
    messages_.push_back(std::move(message));
    got_response_ = last;
  }
  cv_.notify_all();
}

void Exchange::End() {
  {
    MutexLock lock(mu_);
    got_response_ = true;
    if (messages_.empty()) response_taken_ = true;
  }
  cv_.notify_all();
}

void SessionTransport::Abandon(const json& id) {
  std::shared_ptr<Exchange> target;
  {
    MutexLock lock(mu_);
    const std::string key = id.dump();
    auto it = open_.find(key);
    if (it == open_.end()) return;
    target = it->second;
    open_.erase(it);
    std::erase_if(progress_, [&](const auto& p) { return p.second == key; });
    if (newest_ == key) newest_ = open_.empty() ? "" : open_.rbegin()->first;
  }
  target->End();
}

std::shared_ptr<Exchange> SessionTransport::Expect(const json& id, const json& progress_token) {
  MutexLock lock(mu_);
  const std::string key = id.dump();
  if (open_.count(key)) return nullptr;
  auto exchange = std::make_shared<Exchange>();
  open_[key] = exchange;
  if (progress_token.is_string() || progress_token.is_number_integer()) progress_[progress_token.dump()] = key;
  newest_ = key;
  return exchange;
}

bool SessionTransport::Push(std::string message) {
  {
    MutexLock lock(mu_);
    if (closed_) return false;
    inbound_.push_back(std::move(message));
  }
  inbound_ready_.notify_one();
  return true;
}

Result<std::string> SessionTransport::Read() {
  MutexLock lock(mu_);
  while (!closed_ && inbound_.empty()) inbound_ready_.wait(mu_);
  if (inbound_.empty()) return Fail(Status::NotFound("session closed"));
  std::string m = std::move(inbound_.front());
  inbound_.pop_front();
  return m;
}

Status SessionTransport::Write(const std::string& message) {
  json m = jsonrpc::ParseBounded(message);
  if (!m.is_object()) return Status::Ok();
  std::shared_ptr<Exchange> target;
  bool last = false;
  {
    MutexLock lock(mu_);
    std::string key;
    if (m.contains("id") && !m.contains("method")) {  // a response
      key = m["id"].dump();
      last = true;
    } else if (m.value("method", "") == "notifications/progress" && m.contains("params")) {
      auto it = progress_.find(m["params"].value("progressToken", json()).dump());
      if (it != progress_.end()) key = it->second;
    } else {
      key = newest_;
    }
    auto it = open_.find(key);
    if (it == open_.end()) return Status::Ok();  // nobody is listening: dropped, as the spec allows
    target = it->second;
    if (last) {
      open_.erase(it);
      std::erase_if(progress_, [&](const auto& p) { return p.second == key; });
      if (newest_ == key) newest_ = open_.empty() ? "" : open_.rbegin()->first;
    }
  }
  target->Put(message, last);
  return Status::Ok();
}

void SessionTransport::Close() {
  std::map<std::string, std::shared_ptr<Exchange>> open;
  {
    MutexLock lock(mu_);
    closed_ = true;
    open.swap(open_);
    progress_.clear();
    newest_.clear();
  }
  inbound_ready_.notify_all();
  for (auto& [id, exchange] : open) exchange->End();  // no answer will come for them
}

}  // namespace awsmcp::transport
