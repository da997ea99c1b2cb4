// Pieces StreamableHttp's two eras share (streamable_http.cc for sessions,
// streamable_http_stateless.cc for stateless requests). Not for other users.
#pragma once

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
bool IsIn(const std::vector<std::string>& list, const std::string& value);

}  // namespace awsmcp::transport
