// JSON-RPC 2.0 as MCP uses it, beneath both the transports and the protocol
// layer: classifying one framed message, and building answers. No batches
// (removed from MCP in 2025-06-18): an array is invalid.
//
// Every message is hostile until parsed here: ParseMessage never throws, and
// refuses nesting deeper than kMaxDepth before building any value, so no
// later recursion (copies, walks, serialisation) can run deep.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "jsonrpc/error_codes.h"

namespace awsmcp::jsonrpc {

using nlohmann::json;

// Deepest nesting of arrays and objects accepted in one message. MCP's
// deepest legitimate message (a tool call's arguments) needs far fewer.
inline constexpr size_t kMaxDepth = 64;

struct Message {
  enum class Kind { kRequest, kNotification, kResponse, kInvalid };
  Kind kind = Kind::kInvalid;
  json id;              // string or integer for requests; null otherwise
  std::string method;   // requests and notifications
  json params;          // object ({} when absent)
  int error_code = 0;   // for kInvalid: the error to answer with
  std::string error;    // for kInvalid: why
};

// Parses and classifies one framed message. Never throws. A message nested
// deeper than kMaxDepth is kInvalid (kInvalidRequest), with its id when the
// id can be read at the top level.
Message ParseMessage(std::string_view text);

// Parses `text` as JSON for a transport that must look inside a message
// (HTTP headers mirror the body): discarded when not JSON or nested deeper
// than kMaxDepth. Never throws.
json ParseBounded(std::string_view text);

// A JSON-RPC error to answer with.
struct RpcError {
  int code;
  std::string message;
  json data = nullptr;
};

std::string MakeResult(const json& id, json result);
std::string MakeError(const json& id, int code, const std::string& message, json data = nullptr);
std::string MakeError(const json& id, const RpcError& error);
std::string MakeNotification(const std::string& method, json params);

// UnsupportedProtocolVersionError for `requested`: data {supported, requested}.
RpcError UnsupportedVersion(const std::string& requested, const std::vector<std::string>& supported);

}  // namespace awsmcp::jsonrpc
