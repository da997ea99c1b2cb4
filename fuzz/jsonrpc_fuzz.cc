// JSON-RPC framing: any line a client sends is classified without a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "jsonrpc/message.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  awsmcp::jsonrpc::Message m = awsmcp::jsonrpc::ParseMessage(std::string(reinterpret_cast<const char*>(data), size));
  if (m.kind == awsmcp::jsonrpc::Message::Kind::kInvalid && m.error_code == 0) __builtin_trap();  // an error needs a code
  return 0;
}
