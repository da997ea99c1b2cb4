#include "app/http_listener.h"

#include <netdb.h>
#include <poll.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <memory>
#include <optional>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "jsonrpc/message.h"

namespace awsmcp::app {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Reason(int status) {
  return std::string(http::obsolete_reason(http::int_to_status(static_cast<unsigned>(status))));
}

// The reply's status line and headers; a chunked one when `body_size` is unset.
std::string Head(const transport::HttpReply& reply, std::optional<size_t> body_size, bool keep_alive) {
  std::string head = "HTTP/1.1 " + std::to_string(reply.status) + " " + Reason(reply.status) + "\r\n";
  if (!reply.body.empty() || reply.next_chunk) head += "Content-Type: " + reply.content_type + "\r\n";
  head += body_size ? "Content-Length: " + std::to_string(*body_size) + "\r\n" : "Transfer-Encoding: chunked\r\n";
  for (const auto& [name, value] : reply.headers) head += name + ": " + value + "\r\n";
  head += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  return head;
}

class Server;

// One client connection: reads a request with deadlines (on the I/O thread),
// then serves it on a worker, which writes the reply and hands the
// connection back for the next request.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Server& server);
  ~Connection();
  void Start() { Read(true); }

 private:
  void Read(bool first);
  void OnHeader(const beast::error_code& ec);
  void OnRequest(const beast::error_code& ec);
  void Serve(transport::HttpRequest request, bool keep_alive);
  bool Stream(const transport::HttpReply& reply);
  // Writes `bytes` from a worker, waiting at most the write timeout.
  bool Write(std::string bytes);
  void Close();

  beast::tcp_stream stream_;
  Server& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string peer_;
};

class Server {
 public:
  Server(const ListenerOptions& options, Executor* workers) : options_(options), workers_(workers) {}

  Status Bind(const ListenAddress& address, int* port) {
    beast::error_code ec;
    auto ip = asio::ip::make_address(address.host, ec);
    tcp::endpoint endpoint;
    if (ec) {  // a name such as localhost
      tcp::resolver resolver(io_);
      auto found = resolver.resolve(address.host, std::to_string(address.port), ec);
      if (ec || found.empty()) return Status::Unavailable("cannot resolve " + address.host);
      endpoint = found.begin()->endpoint();
    } else {
      endpoint = tcp::endpoint(ip, static_cast<unsigned short>(address.port));
    }
    const std::string where = address.host + ":" + std::to_string(address.port);
    // SO_REUSEADDR only lets a restart bind while old connections linger in
    // TIME_WAIT; without SO_REUSEPORT no other process can share the port.
    if (acceptor_.open(endpoint.protocol(), ec); ec) return Status::Unavailable("cannot open a socket: " + ec.message());
    acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (acceptor_.bind(endpoint, ec); ec) {
      return Status::Unavailable("cannot listen on " + where + ": " +
                                 (ec == asio::error::address_in_use ? "the address is already in use" : ec.message()));
    }
    if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) {
      return Status::Unavailable("cannot listen on " + where + ": " + ec.message());
    }
    *port = acceptor_.local_endpoint().port();
    return Status::Ok();
  }

  void Run(transport::StreamableHttp* handler, const std::function<bool()>& stop) {
    handler_ = handler;
    Accept();
    asio::steady_timer watch(io_);
    std::function<void()> poll = [&] {
      watch.expires_after(std::chrono::milliseconds(100));
      watch.async_wait([&](const beast::error_code&) {
        if (stop()) {
          beast::error_code ignored;
          acceptor_.close(ignored);
          io_.stop();
          return;
        }
        poll();
      });
    };
    poll();
    io_.run();
  }

  const ListenerOptions& options() const { return options_; }
  Executor& workers() { return *workers_; }
  transport::StreamableHttp& handler() { return *handler_; }
  std::atomic<size_t>& connections() { return connections_; }

 private:
  void Accept() {
    acceptor_.async_accept(io_, [this](const beast::error_code& ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) {
        if (connections_ >= options_.max_connections) {
          beast::error_code ignored;
          socket.close(ignored);
        } else {
          std::make_shared<Connection>(std::move(socket), *this)->Start();
        }
      }
      Accept();
    });
  }

  const ListenerOptions options_;
  Executor* const workers_;
  asio::io_context io_{1};
  tcp::acceptor acceptor_{io_};
  transport::StreamableHttp* handler_ = nullptr;
  std::atomic<size_t> connections_{0};
};

Connection::Connection(tcp::socket socket, Server& server) : stream_(std::move(socket)), server_(server) {
  ++server_.connections();
  beast::error_code ec;
  auto remote = stream_.socket().remote_endpoint(ec);
  if (!ec) peer_ = remote.address().to_string();
  stream_.socket().set_option(tcp::no_delay(true), ec);  // answers are small: no Nagle delay on their last segment
}

Connection::~Connection() { --server_.connections(); }

void Connection::Read(bool first) {
  const ListenerOptions& o = server_.options();
  parser_.emplace();
  parser_->header_limit(static_cast<uint32_t>(o.max_header_bytes));
  parser_->body_limit(o.max_body_bytes);
  // One deadline for the whole header: a client dribbling a byte at a time
  // loses its connection then, however steadily it sends.
  stream_.expires_after(first ? o.header_timeout : o.keep_alive);
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](const beast::error_code& ec, size_t) { self->OnHeader(ec); });
}

void Connection::OnHeader(const beast::error_code& ec) {
  if (ec) return Close();
  stream_.expires_after(server_.options().request_timeout);
  if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
    // curl asks before sending a large body; answering is a short write on this thread.
    static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    asio::async_write(stream_, asio::buffer(kContinue), [self = shared_from_this()](const beast::error_code& ec, size_t) {
      if (ec) return self->Close();
      http::async_read(self->stream_, self->buffer_, *self->parser_,
                       [self](const beast::error_code& ec, size_t) { self->OnRequest(ec); });
    });
    return;
  }
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](const beast::error_code& ec, size_t) { self->OnRequest(ec); });
}

void Connection::OnRequest(const beast::error_code& ec) {
  if (ec) return Close();
  stream_.expires_never();
  http::request<http::string_body> req = parser_->release();
  transport::HttpRequest in;
  in.method = std::string(req.method_string());
  const std::string target(req.target());
  in.path = target.substr(0, target.find('?'));
  in.peer = peer_;
  for (const auto& field : req) in.headers[Lower(std::string(field.name_string()))] = std::string(field.value());
  in.body = std::move(req.body());
  const bool keep_alive = req.keep_alive();
  auto self = shared_from_this();
  if (!server_.workers().TrySubmit([self, in = std::move(in), keep_alive]() mutable {
        self->Serve(std::move(in), keep_alive);
      })) {
    transport::HttpReply busy;
    busy.status = 503;
    busy.body = jsonrpc::MakeError(nullptr, jsonrpc::kInternalError, "Server busy: too many requests at once");
    auto bytes = std::make_shared<std::string>(Head(busy, busy.body.size(), false) + busy.body);
    stream_.expires_after(server_.options().write_timeout);
    asio::async_write(stream_, asio::buffer(*bytes),
                      [self, bytes](const beast::error_code&, size_t) { self->Close(); });
  }
}

void Connection::Serve(transport::HttpRequest request, bool keep_alive) {
  transport::HttpReply reply = server_.handler().Handle(request);
  bool ok;
  if (reply.next_chunk) {
    ok = Write(Head(reply, std::nullopt, keep_alive)) && Stream(reply);
  } else {
    ok = Write(Head(reply, reply.body.size(), keep_alive) + reply.body);
  }
  if (!ok || !keep_alive) return Close();
  asio::post(stream_.get_executor(), [self = shared_from_this()] { self->Read(false); });
}

bool Connection::Stream(const transport::HttpReply& reply) {
  while (true) {
    std::optional<std::string> chunk;
    try {
      chunk = reply.next_chunk();
    } catch (...) {
      chunk = std::nullopt;
    }
    if (!chunk) return Write("0\r\n\r\n");
    if (chunk->empty()) continue;  // next_chunk waited and has nothing yet
    char size[24];
    std::snprintf(size, sizeof size, "%zx\r\n", chunk->size());
    if (!Write(size + *chunk + "\r\n")) {  // the client went away
      if (reply.abandoned) reply.abandoned();
      return false;
    }
  }
}

bool Connection::Write(std::string bytes) {
  // The worker owns the connection while it serves a request (no read is
  // pending until it hands the connection back), so it writes on the socket
  // itself: no hop to the I/O thread and back for every reply.
  const int fd = stream_.socket().native_handle();
  const auto deadline = std::chrono::steady_clock::now() + server_.options().write_timeout;
  for (size_t sent = 0; sent < bytes.size();) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      sent += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) return false;
    // The client is slow to take the reply: wait for room, within the write timeout.
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{fd, POLLOUT, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  }
  return true;
}

void Connection::Close() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    beast::error_code ignored;
    self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    self->stream_.close();
  });
}

}  // namespace

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
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || found == nullptr) return false;
  bool all_loopback = true;
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    if (a->ai_family == AF_INET) {
      const auto* v4 = reinterpret_cast<const sockaddr_in*>(a->ai_addr);
      all_loopback &= (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
    } else if (a->ai_family == AF_INET6) {
      const auto* v6 = reinterpret_cast<const sockaddr_in6*>(a->ai_addr);
      all_loopback &= IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr) != 0;
    } else {
      all_loopback = false;
    }
  }
  freeaddrinfo(found);
  return all_loopback;
}

Status ListenHttp(const ListenAddress& address, const ListenerOptions& options, Executor* workers,
                  const std::function<transport::StreamableHttp*(int port)>& on_bound,
                  const std::function<bool()>& stop) {
  Server server(options, workers);
  int port = 0;
  Status bound = server.Bind(address, &port);
  if (!bound.ok()) return bound;
  server.Run(on_bound(port), stop);
  return Status::Ok();
}

}  // namespace awsmcp::app
