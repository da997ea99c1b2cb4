#include "base/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace awsmcp {
namespace {
std::atomic<int> g_stderr_level{static_cast<int>(LogLevel::kWarning)};
std::mutex g_mu;
LogSink g_sink;  // guarded by g_mu
constexpr const char* kNames[] = {"debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"};
}  // namespace

const char* LogLevelName(LogLevel level) { return kNames[static_cast<int>(level)]; }

bool ParseLogLevel(std::string_view name, LogLevel* out) {
  for (int i = 0; i < 8; ++i) {
    if (name == kNames[i]) {
      *out = static_cast<LogLevel>(i);
      return true;
    }
  }
  return false;
}

void SetStderrLogLevel(LogLevel level) { g_stderr_level = static_cast<int>(level); }

void SetLogSink(LogSink sink) {
  std::lock_guard<std::mutex> lock(g_mu);
  g_sink = std::move(sink);
}

void Log(LogLevel level, std::string_view logger, std::string_view message) {
  if (static_cast<int>(level) >= g_stderr_level.load()) {
    std::fprintf(stderr, "[aws-mcp] %s %.*s: %.*s\n", LogLevelName(level), static_cast<int>(logger.size()),
                 logger.data(), static_cast<int>(message.size()), message.data());
  }
  LogSink sink;
  {
    std::lock_guard<std::mutex> lock(g_mu);
    sink = g_sink;
  }
  if (sink) sink(level, logger, message);
}

}  // namespace awsmcp
