// The one file that knows the HTTP library (cpp-httplib): it binds, turns
// each request into a transport::HttpRequest, hands it to StreamableHttp and
// writes the reply back, streaming SSE replies chunk by chunk.
#pragma once

#include <functional>
#include <string>

#include "base/status.h"
#include "transport/streamable_http.h"

namespace awsmcp::app {

struct ListenAddress {
  std::string host;  // "127.0.0.1"
  int port = 0;      // 0 = any free port
};

// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:80" -> address; InvalidArgument otherwise.
Result<ListenAddress> ParseListenAddress(const std::string& text);

bool IsLoopbackAddress(const std::string& host);

// Binds `address`, asks `on_bound(port)` (the port chosen when 0 was asked)
// for the handler, and serves it on `threads` threads until `stop()` is true.
Status ListenHttp(const ListenAddress& address, size_t threads,
                  const std::function<transport::StreamableHttp*(int port)>& on_bound,
                  const std::function<bool()>& stop);

}  // namespace awsmcp::app
