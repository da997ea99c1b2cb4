#include "app/http_listener.h"

#include <httplib.h>

#include <atomic>
#include <thread>

namespace awsmcp::app {

Result<ListenAddress> ParseListenAddress(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Fail(Status::InvalidArgument("--http takes HOST:PORT, e.g. 127.0.0.1:8080"));
  }
  ListenAddress a;
  a.host = text.substr(0, colon);
  if (a.host.size() > 2 && a.host.front() == '[' && a.host.back() == ']') a.host = a.host.substr(1, a.host.size() - 2);
  const std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) > 65535) {
    return Fail(Status::InvalidArgument("--http port must be 0-65535: " + text));
  }
  a.port = std::stoi(port);
  return a;
}

bool IsLoopbackAddress(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

Status ListenHttp(const ListenAddress& address, size_t threads,
                  const std::function<transport::StreamableHttp*(int port)>& on_bound,
                  const std::function<bool()>& stop) {
  transport::StreamableHttp* handler = nullptr;
  httplib::Server server;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(8 * 1024 * 1024);  // StreamableHttp refuses above its own, smaller cap
  server.set_read_timeout(30, 0);
  server.set_keep_alive_max_count(1000);
  server.set_tcp_nodelay(true);  // answers are small; no Nagle delay on a response's last segment
  auto handle = [&handler](const httplib::Request& req, httplib::Response& res) {
    transport::HttpRequest in;
    in.method = req.method;
    in.path = req.path;
    in.body = req.body;
    in.header_values_percent_decoded = true;  // cpp-httplib 0.11 decodes %XX in header values
    for (const auto& [name, value] : req.headers) {
      std::string lower = name;
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      in.headers[lower] = value;
    }
    transport::HttpReply out = handler->Handle(in);
    res.status = out.status;
    for (const auto& [name, value] : out.headers) res.set_header(name, value);
    if (!out.next_chunk) {
      if (!out.body.empty()) res.set_content(out.body, out.content_type);
      return;
    }
    res.set_chunked_content_provider(out.content_type, [next = std::move(out.next_chunk),
                                                        abandoned = std::move(out.abandoned)](
                                                           size_t, httplib::DataSink& sink) {
      auto chunk = next();
      if (!chunk) {
        sink.done();
        return true;
      }
      if (!chunk->empty() && !sink.write(chunk->data(), chunk->size())) {  // the client went away
        if (abandoned) abandoned();
        return false;
      }
      return true;
    });
  };
  server.Get(".*", handle);
  server.Post(".*", handle);
  server.Delete(".*", handle);
  server.Put(".*", handle);
  server.Patch(".*", handle);
  server.Options(".*", handle);
  int port = address.port;
  if (port == 0) {
    port = server.bind_to_any_port(address.host);
    if (port < 0) return Status::Unavailable("cannot bind " + address.host);
  } else if (!server.bind_to_port(address.host, port)) {
    return Status::Unavailable("cannot bind " + address.host + ":" + std::to_string(port));
  }
  std::atomic<bool> listening_ended{false};
  std::thread watcher([&] {
    while (!stop() && !listening_ended) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
  });
  handler = on_bound(port);
  server.listen_after_bind();
  listening_ended = true;
  watcher.join();
  return Status::Ok();
}

}  // namespace awsmcp::app
