// Pieces StreamableHttp's two eras share (streamable_http.cc for sessions,
// streamable_http_stateless.cc for stateless requests). Not for other users.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "transport/streamable_http.h"

namespace awsmcp::transport {

// An HTTP reply whose body is one JSON-RPC error.
HttpReply RpcErrorReply(int status, const nlohmann::json& id, int code, const std::string& message,
                        const nlohmann::json& data = nullptr);
// True when the answer to `method` is to be an SSE stream: the client accepts
// one and the method can be long (it may report progress).
bool WantsStream(const HttpRequest& request, const std::string& method);
// Parses a POST body as one JSON-RPC message into `message`, or the reply
// refusing it: too deep, not JSON, not one object.
std::optional<HttpReply> ParseBody(const std::string& body, nlohmann::json* message);
// The message's id when it is a valid one at the top level, else null.
nlohmann::json TopLevelId(const nlohmann::json& message);
bool IsIn(const std::vector<std::string>& list, const std::string& value);

}  // namespace awsmcp::transport
