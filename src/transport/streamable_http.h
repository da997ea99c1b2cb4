// StreamableHttp: the MCP Streamable HTTP transport (spec 2025-11-25) as a
// plain Handle(request) -> reply, with no HTTP library in sight (the listener
// in src/app adapts one). One endpoint:
//   POST   a JSON-RPC message. A request is answered with its response as JSON,
//          or, for tools/call and resources/read when the client accepts
//          text/event-stream, as an SSE stream carrying the request's progress
//          and log notifications and ending with the response. Notifications
//          and responses get 202.
//   GET    405: this server offers no standalone stream.
//   DELETE ends the session.
// Sessions: initialize (without a session header) starts one, with a
// cryptographically random MCP-Session-Id; other requests without one are 400,
// with an unknown or expired one 404. Each session runs its own protocol
// layer (`serve`) on its own thread.
// Protections: the Host header must name an allowed host (DNS rebinding), an
// Origin header, when sent, must be a loopback origin or an allowed one (else
// 403); an MCP-Protocol-Version header must be a supported version (else 400);
// with an authorizer set, a request it refuses is 401 (no or a bad token) or
// 403 (insufficient scope) with WWW-Authenticate naming the resource metadata.
// GET /.well-known/oauth-protected-resource serves that metadata (RFC 9728)
// without authentication.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/env.h"
#include "transport/session_transport.h"

namespace awsmcp::transport {

struct HttpRequest {
  std::string method;                          // "POST"
  std::string path;                            // "/mcp" (no query)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string Header(const std::string& lower_name) const;
};

struct HttpReply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string content_type = "application/json";
  std::string body;
  // Set for an SSE reply: each call gives the next chunk to send ("" = nothing
  // yet, keep waiting), nullopt when the stream is over.
  std::function<std::optional<std::string>()> next_chunk;
};

// What an authorizer decides about a request's bearer token ("" when none).
struct AuthVerdict {
  int status = 200;            // 200 allowed; 401 no or bad token; 403 insufficient scope
  std::string error;           // "invalid_token" or "insufficient_scope" for WWW-Authenticate; "" when no token
  std::string scope;           // the scopes needed, for a 403
};
using Authorizer = std::function<AuthVerdict(const std::string& bearer_token)>;

struct StreamableHttpOptions {
  std::string endpoint = "/mcp";                   // default "/mcp"
  std::vector<std::string> allowed_hosts;          // Host values accepted; default none (set by the listener)
  std::vector<std::string> allowed_origins;        // default none: only loopback origins
  std::vector<std::string> protocol_versions;      // accepted MCP-Protocol-Version values
  Authorizer authorize;                             // default none: no authentication
  std::string resource_metadata_url;               // default "": not named in WWW-Authenticate
  nlohmann::json resource_metadata;                // default null: no /.well-known/oauth-protected-resource
  size_t max_sessions = 1000;                      // default 1000 open sessions
  std::chrono::seconds session_idle{30 * 60};      // default 30 minutes without a request ends a session
  std::chrono::seconds request_timeout{10 * 60};   // default 10 minutes for a response
  size_t max_body_bytes = 4 * 1024 * 1024;         // default 4 MiB
};

class StreamableHttp {
 public:
  // `serve` runs one session's protocol layer until its transport ends.
  StreamableHttp(StreamableHttpOptions options, Env* env, std::function<void(SessionTransport&)> serve);
  ~StreamableHttp();  // ends every session

  HttpReply Handle(const HttpRequest& request);
  size_t session_count();

 private:
  struct Session {
    SessionTransport transport;
    std::thread thread;
    std::chrono::steady_clock::time_point last_used;  // GUARDED_BY(StreamableHttp::mu_)
    std::atomic<bool> served{false};                  // the protocol layer has returned
  };
  std::optional<HttpReply> Refuse(const HttpRequest& request) const;
  HttpReply Post(const HttpRequest& request);
  HttpReply Answer(const std::shared_ptr<Session>& session, const std::string& method,
                   std::shared_ptr<Exchange> exchange, bool stream, const std::string& session_id);
  std::shared_ptr<Session> Find(const std::string& id);
  std::string NewSession();
  void End(const std::string& id);
  void Sweep();

  const StreamableHttpOptions options_;
  Env* const env_;
  const std::function<void(SessionTransport&)> serve_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<Session>> sessions_;  // GUARDED_BY(mu_)
  std::vector<std::shared_ptr<Session>> ended_;               // GUARDED_BY(mu_): closed, not yet joined
};

}  // namespace awsmcp::transport
