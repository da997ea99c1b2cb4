#include "transport/memory_transport.h"

namespace awsmcp::transport {

std::pair<std::unique_ptr<MemoryTransport>, std::unique_ptr<MemoryTransport>> MemoryTransport::CreatePair() {
  auto a_to_b = std::make_shared<Queue>();
  auto b_to_a = std::make_shared<Queue>();
  return {std::unique_ptr<MemoryTransport>(new MemoryTransport(b_to_a, a_to_b)),
          std::unique_ptr<MemoryTransport>(new MemoryTransport(a_to_b, b_to_a))};
}

Result<std::string> MemoryTransport::Read() {
  MutexLock lock(in_->mu);
  while (in_->messages.empty() && !in_->writer_closed && !in_->reader_closed) in_->cv.wait(in_->mu);
  if (in_->reader_closed) return Fail(Status::Cancelled("transport closed"));
  if (in_->messages.empty()) return Fail(Status::NotFound("end of input"));
  std::string m = std::move(in_->messages.front());
  in_->messages.pop_front();
  return m;
}

Status MemoryTransport::Write(const std::string& message) {
  MutexLock lock(out_->mu);
  if (out_->writer_closed) return Status::Unavailable("transport closed");
  out_->messages.push_back(message);
  out_->cv.notify_all();
  return Status::Ok();
}

void MemoryTransport::Close() {
  for (auto* q : {in_.get(), out_.get()}) {
    MutexLock lock(q->mu);
    if (q == in_.get()) q->reader_closed = true; else q->writer_closed = true;
    q->cv.notify_all();
  }
}

}  // namespace awsmcp::transport
