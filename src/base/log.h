// Process log. Lines go to stderr only (stdout belongs to JSON-RPC in stdio
// mode), and optionally to one sink (the MCP server forwards them to the client
// as notifications/message). Callers must never pass credentials, signatures or
// secret values: log what happened, not the material.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace awsmcp {

// The syslog levels MCP uses, lowest first.
enum class LogLevel { kDebug = 0, kInfo, kNotice, kWarning, kError, kCritical, kAlert, kEmergency };

const char* LogLevelName(LogLevel level);
// Parses an MCP level name ("debug", "info", ...); false if unknown.
bool ParseLogLevel(std::string_view name, LogLevel* out);

// Minimum level written to stderr. Default: kWarning (quiet unless asked).
void SetStderrLogLevel(LogLevel level);

// A sink receives every line at or above its own level (set by whoever installs it).
using LogSink = std::function<void(LogLevel, std::string_view logger, std::string_view message)>;
void SetLogSink(LogSink sink);

void Log(LogLevel level, std::string_view logger, std::string_view message);

}  // namespace awsmcp
