// ParamReader: reads a request's params with their types checked. A member
// of the wrong type is an RpcError (-32602) naming the member's path and the
// type expected, never an exception; the first problem is kept.
//
//   ParamReader in(m.params);
//   std::string version = in.String("protocolVersion").value_or("");
//   if (!in.ok()) return ReplyError(ctx, in.error());
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "jsonrpc/message.h"

namespace awsmcp::jsonrpc {

class ParamReader {
 public:
  // `params` must outlive the reader; `path` prefixes member names in errors.
  explicit ParamReader(const nlohmann::json& params, std::string path = "");

  // Each returns nullopt/nullptr when the member is absent or null, and also
  // (recording the error) when it has another type.
  std::optional<std::string> String(const char* name);
  const nlohmann::json* Object(const char* name);
  // A string or an integer (request ids, progress tokens).
  const nlohmann::json* Id(const char* name);
  // Records "missing required member" for `name` when `present` is false.
  void Require(const char* name, bool present);

  bool ok() const { return !error_; }
  const RpcError& error() const { return *error_; }

 private:
  const nlohmann::json* Find(const char* name);
  void Wrong(const char* name, const char* expected);

  const nlohmann::json& params_;
  const std::string path_;
  std::optional<RpcError> error_;
};

// "null", "a boolean", "a number", "a string", "an array", "an object".
const char* JsonTypeName(const nlohmann::json& value);

}  // namespace awsmcp::jsonrpc
