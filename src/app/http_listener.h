// The one file that knows the HTTP library (Boost.Beast over Asio): it binds,
// reads each request with deadlines, hands it to StreamableHttp on a bounded
// pool of workers and writes the reply back, streaming SSE replies chunk by
// chunk.
//
// Reading is asynchronous, on one I/O thread: a client that is slow to send
// its request holds a socket and a timer, never a worker, and loses its
// connection at the deadline. Only a request read whole takes a worker.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "base/executor.h"
#include "base/status.h"
#include "transport/streamable_http.h"

namespace awsmcp::app {

struct ListenAddress {
  std::string host;  // "127.0.0.1"
  int port = 0;      // 0 = any free port
};

// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:80" -> address; InvalidArgument otherwise.
Result<ListenAddress> ParseListenAddress(const std::string& text);

// True when `host` resolves, and every address it resolves to is a loopback
// one (127.0.0.0/8, ::1). A name that does not resolve is not loopback.
bool IsLoopbackAddress(const std::string& host);

struct ListenerOptions {
  size_t max_connections = 4096;                 // default 4096 open connections; more are closed at once
  size_t max_header_bytes = 16 * 1024;           // default 16 KiB of request line and headers
  size_t max_body_bytes = 8 * 1024 * 1024;       // default 8 MiB (StreamableHttp refuses above its own cap)
  std::chrono::seconds header_timeout{10};       // default 10 s for a new connection's request headers
  std::chrono::seconds request_timeout{30};      // default 30 s more for the request's body
  std::chrono::seconds keep_alive{60};           // default 60 s for the next request on a kept connection
  std::chrono::seconds write_timeout{30};        // default 30 s for the client to take a reply or an SSE chunk
};

// Binds `address` (never sharing the port: no SO_REUSEPORT), asks
// `on_bound(port)` (the port chosen when 0 was asked) for the handler, and
// serves it with `workers` running the handler, until `stop()` is true.
// Unavailable, naming the address, when it cannot be bound (in use, say).
Status ListenHttp(const ListenAddress& address, const ListenerOptions& options, Executor* workers,
                  const std::function<transport::StreamableHttp*(int port)>& on_bound,
                  const std::function<bool()>& stop);

}  // namespace awsmcp::app
