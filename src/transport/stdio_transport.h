// StdioTransport: newline-delimited messages over two file descriptors (MCP's
// stdio transport). A message has no embedded newline; a trailing '\r' is
// dropped. Lines over the size cap are skipped whole and reported.
#pragma once

#include <mutex>
#include <string>

#include "base/thread_annotations.h"
#include "transport/transport.h"

namespace awsmcp::transport {

struct StdioOptions {
  int in_fd = 0;                         // default stdin
  int out_fd = 1;                        // default stdout
  size_t max_message_bytes = 4u << 20;   // default 4 MiB
};

class StdioTransport final : public Transport {
 public:
  explicit StdioTransport(StdioOptions options = {});
  ~StdioTransport() override;

  Result<std::string> Read() override;
  Status Write(const std::string& message) override;
  void Close() override;

 private:
  const StdioOptions options_;
  int wake_[2] = {-1, -1};  // self-pipe: Close() writes, Read() polls it
  std::string buffer_;      // bytes read past the last message (reader thread only)
  bool eof_ = false;        // reader thread only
  Mutex write_mu_;  // one Write at a time on out_fd (it guards no member)
};

}  // namespace awsmcp::transport
