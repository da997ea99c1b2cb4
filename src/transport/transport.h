// A transport moves framed messages and nothing else: no ids, no JSON-RPC
// semantics. Read blocks until a whole message, end of input or Close().
#pragma once

#include <string>

#include "base/status.h"

namespace awsmcp::transport {

class Transport {
 public:
  virtual ~Transport() = default;
  // Next message. NotFound at clean end of input; Cancelled after Close();
  // ResourceExhausted for a message over the size cap (the transport skips it
  // and stays usable). Called from one reader thread.
  virtual Result<std::string> Read() = 0;
  // Writes one message atomically (thread-safe: many writers).
  virtual Status Write(const std::string& message) = 0;
  // Unblocks a pending Read; later Reads return Cancelled.
  virtual void Close() = 0;
};

}  // namespace awsmcp::transport
