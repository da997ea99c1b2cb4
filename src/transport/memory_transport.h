// MemoryTransport: an in-process connected pair, for end-to-end tests of the
// protocol layer without pipes. What one end writes, the other reads.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <utility>

#include "base/thread_annotations.h"
#include "transport/transport.h"

namespace awsmcp::transport {

class MemoryTransport final : public Transport {
 public:
  // Two connected ends.
  static std::pair<std::unique_ptr<MemoryTransport>, std::unique_ptr<MemoryTransport>> CreatePair();

  Result<std::string> Read() override;
  Status Write(const std::string& message) override;
  // Closes this end: its pending Read returns Cancelled, the peer then reads end of input.
  void Close() override;

 private:
  struct Queue {
    Mutex mu;
    std::condition_variable_any cv;
    std::deque<std::string> messages GUARDED_BY(mu);
    bool writer_closed GUARDED_BY(mu) = false;
    bool reader_closed GUARDED_BY(mu) = false;
  };
  MemoryTransport(std::shared_ptr<Queue> in, std::shared_ptr<Queue> out) : in_(std::move(in)), out_(std::move(out)) {}
  std::shared_ptr<Queue> in_;
  std::shared_ptr<Queue> out_;
};

}  // namespace awsmcp::transport
