// What a tool is to the MCP server: a name, a schema, annotations and a handler.
// The handler never throws; a failure is a ToolResult with is_error set, which
// the server sends as a tools/call result with isError: true.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/cancel.h"
#include "base/log.h"

namespace awsmcp::mcp {

using nlohmann::json;

struct ToolAnnotations {
  bool read_only = true;
  bool destructive = false;
  bool idempotent = true;
  bool open_world = true;
};

// Per-call services the server gives a handler.
struct ToolContext {
  CancelToken cancel;  // fired by notifications/cancelled or shutdown
  // Sends notifications/progress if the request carried a progressToken; no-op otherwise.
  std::function<void(double progress, std::optional<double> total, const std::string& message)> progress =
      [](double, std::optional<double>, const std::string&) {};
  // Says what the call is doing now ("ecs DescribeServices: attempt 2 of 3").
  // `now`: sent at once as progress (a retry); otherwise kept, and sent as a
  // heartbeat once the call has been quiet for about a second. Thread-safe;
  // no-op without a progressToken.
  std::function<void(const std::string& doing, bool now)> status = [](const std::string&, bool) {};
  // Sends notifications/message at the session's logging level.
  std::function<void(LogLevel level, const std::string& message)> log = [](LogLevel, const std::string&) {};
};

struct ToolResult {
  json structured = json::object();  // structuredContent; must be an object
  std::string text;                  // content[0].text; if empty, structured is serialized
  std::vector<std::string> notes;    // further text blocks for a person or model (e.g. "truncated")
  bool is_error = false;

  static ToolResult Error(std::string message, json details = json::object()) {
    ToolResult r;
    r.is_error = true;
    r.text = std::move(message);
    r.structured = std::move(details);
    return r;
  }
};

struct Tool {
  std::string name;
  std::string title;
  std::string description;
  json input_schema;                  // JSON Schema object
  std::optional<json> output_schema;  // when set, structured conforms to it
  ToolAnnotations annotations;
  std::function<ToolResult(const json& arguments, ToolContext& ctx)> handler;
};

}  // namespace awsmcp::mcp
