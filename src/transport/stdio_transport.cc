#include "transport/stdio_transport.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

namespace awsmcp::transport {

StdioTransport::StdioTransport(StdioOptions options) : options_(options) {
  if (::pipe(wake_) != 0) wake_[0] = wake_[1] = -1;
  std::signal(SIGPIPE, SIG_IGN);  // a closed stdout is an error value, not a death
}

StdioTransport::~StdioTransport() {
  for (int fd : wake_) {
    if (fd >= 0) ::close(fd);
  }
}

Result<std::string> StdioTransport::Read() {
  bool skipping = false;  // inside an oversize line: drop bytes up to its newline
  while (true) {
    size_t nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      if (skipping) {
        return Fail(Status::ResourceExhausted("message larger than " + std::to_string(options_.max_message_bytes) +
                                              " bytes skipped"));
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.size() > options_.max_message_bytes) {
        return Fail(Status::ResourceExhausted("message larger than " + std::to_string(options_.max_message_bytes) +
                                              " bytes skipped"));
      }
      if (line.empty()) continue;  // blank lines between messages are harmless
      return line;
    }
    if (buffer_.size() > options_.max_message_bytes) {
      skipping = true;
      buffer_.clear();
    }
    if (eof_) {
      if (!buffer_.empty() && !skipping) {  // a last message without its newline
        std::string line = std::move(buffer_);
        buffer_.clear();
        return line;
      }
      return Fail(Status::NotFound("end of input"));
    }
    pollfd fds[2] = {{options_.in_fd, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    int n = ::poll(fds, wake_[0] >= 0 ? 2 : 1, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail(Status::Unavailable("poll failed"));
    }
    if (wake_[0] >= 0 && (fds[1].revents & POLLIN)) return Fail(Status::Cancelled("transport closed"));
    char chunk[65536];
    ssize_t got = ::read(options_.in_fd, chunk, sizeof chunk);
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      eof_ = true;
      continue;
    }
    if (got == 0) {
      eof_ = true;
      continue;
    }
    buffer_.append(chunk, static_cast<size_t>(got));
  }
}

Status StdioTransport::Write(const std::string& message) {
  MutexLock lock(write_mu_);
  std::string framed = message;
  framed.push_back('\n');
  size_t off = 0;
  while (off < framed.size()) {
    ssize_t n = ::write(options_.out_fd, framed.data() + off, framed.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Unavailable("write to the client failed");
    }
    off += static_cast<size_t>(n);
  }
  return Status::Ok();
}

void StdioTransport::Close() {
  if (wake_[1] >= 0) {
    char b = 1;
    ssize_t ignored = ::write(wake_[1], &b, 1);
    (void)ignored;
  }
}

}  // namespace awsmcp::transport
