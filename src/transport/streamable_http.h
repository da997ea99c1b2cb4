// StreamableHttp: the MCP Streamable HTTP transport as a plain
// Handle(request) -> reply, with no HTTP library in sight (the listener in
// src/app adapts one). It serves both protocol eras on one endpoint, chosen
// per request by the MCP-Protocol-Version header:
//
// Modern (2026-07-28, stateless): every POST is one request, checked
//   (Mcp-Method, Mcp-Name and the _meta protocol version must match the body:
//   else 400 with HeaderMismatch -32020; _meta without a version or
//   capabilities: 400 with -32602) and answered on its own by `stateless`:
//   as JSON, or, for tools/call and resources/read when the client accepts
//   text/event-stream, as an SSE stream of the request's notifications ending
//   with the response. Closing that stream cancels the request. An unknown
//   method is 404 (-32601). Sessions, GET and DELETE do not exist (405).
// Legacy (2025-11-25 and earlier, or no header): initialize (without a
//   session header) starts a session with a cryptographically random
//   MCP-Session-Id; other requests without one are 400, with an unknown or
//   expired one 404; DELETE ends one. Each session runs its own protocol layer
//   (`serve`) on its own thread. Answers are JSON or SSE as above; GET is 405.
// An MCP-Protocol-Version this server does not speak is 400 with
//   UnsupportedProtocolVersionError (-32022) listing the ones it does.
//
// Protections, for both: the Host header must name an allowed host (DNS
// rebinding); an Origin header, when sent, must be a loopback origin or an
// allowed one (else 403); with an authorizer set, a request it refuses is 401
// (no or a bad token) or 403 (insufficient scope) with WWW-Authenticate naming
// the resource metadata. GET /.well-known/oauth-protected-resource serves that
// metadata (RFC 9728) without authentication, and GET /health answers 200
// for a load balancer's health check (no Host, Origin or token check: it
// carries no data).
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

#include "base/cancel.h"
#include "base/env.h"
#include "base/thread_annotations.h"
#include "jsonrpc/message.h"
#include "transport/mirrored_headers.h"
#include "transport/session_transport.h"

namespace awsmcp::transport {

struct HttpRequest {
  std::string method;                          // "POST"
  std::string path;                            // "/mcp" (no query)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string peer;                            // the client's address, for per-client limits; "" when unknown
  // The HTTP library percent-decoded the header values (cpp-httplib before
  // 0.44 does): mirrored values are then compared with the body's decoded.
  bool header_values_percent_decoded = false;
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
  // Called when the client goes away before the stream is over.
  std::function<void()> abandoned;
};

// Serves one modern-era request: `out` gets its messages, the last with
// final set; `cancel` fires when the client goes away.
using StatelessHandler = std::function<void(const std::string& message,
                                            std::function<void(const std::string&, bool final)> out,
                                            CancelToken cancel)>;

// What an authorizer decides about a request's bearer token ("" when none).
struct AuthVerdict {
  int status = 200;            // 200 allowed; 401 no or bad token; 403 insufficient scope
  std::string error;           // "invalid_token" or "insufficient_scope" for WWW-Authenticate; "" when no token
  std::string scope;           // the scopes needed, for a 403
};
using Authorizer = std::function<AuthVerdict(const std::string& bearer_token)>;

struct StreamableHttpOptions {
  std::string endpoint = "/mcp";                   // default "/mcp"
  std::string health_path = "/health";             // default "/health": GET is 200, unauthenticated; "" = none
  std::vector<std::string> allowed_hosts;          // Host values accepted; default none (set by the listener)
  std::vector<std::string> allowed_origins;        // default none: only loopback origins
  std::vector<std::string> legacy_versions;        // MCP-Protocol-Version values served with sessions
  std::vector<std::string> modern_versions;        // MCP-Protocol-Version values served statelessly
  MirroredParams mirrored_params;                  // per tool, its x-mcp-header parameters; default none
  // Checks a modern request's params._meta (the protocol layer's rule), so
  // that a refusal is a 400; default none: left to the protocol layer.
  std::function<std::optional<jsonrpc::RpcError>(const nlohmann::json& params)> check_modern_meta;
  Authorizer authorize;                             // default none: no authentication
  std::string resource_metadata_url;               // default "": not named in WWW-Authenticate
  nlohmann::json resource_metadata;                // default null: no /.well-known/oauth-protected-resource
  size_t max_sessions = 1000;                      // default 1000 open sessions
  size_t max_sessions_per_client = 100;            // default 100 open sessions per client address (HttpRequest::peer)
  std::chrono::seconds session_idle{30 * 60};      // default 30 minutes without a request ends a session
  std::chrono::seconds request_timeout{10 * 60};   // default 10 minutes for a response
  size_t max_body_bytes = 4 * 1024 * 1024;         // default 4 MiB
};

class StreamableHttp {
 public:
  // `serve` runs one legacy session's protocol layer until its transport
  // ends; `stateless` serves one modern request.
  StreamableHttp(StreamableHttpOptions options, Env* env, std::function<void(SessionTransport&)> serve,
                 StatelessHandler stateless);
  ~StreamableHttp();  // ends every session

  // Never throws: a failure inside is a 500 with a JSON-RPC error.
  HttpReply Handle(const HttpRequest& request);
  size_t session_count();

 private:
  struct Session {
    SessionTransport transport;
    std::thread thread;
    // Guarded by StreamableHttp::mu_: not annotated, the analysis cannot name
    // the enclosing object's mutex from a member of Session.
    std::chrono::steady_clock::time_point last_used;
    std::atomic<bool> served{false};                  // the protocol layer has returned
    std::string peer;                                 // the client that opened it
  };
  HttpReply HandleUnguarded(const HttpRequest& request);
  AuthVerdict Authorize(const std::string& token) const;
  std::optional<HttpReply> Refuse(const HttpRequest& request) const;
  std::vector<std::string> SupportedVersions() const;  // modern, then legacy
  HttpReply Post(const HttpRequest& request);
  HttpReply PostStateless(const HttpRequest& request);  // streamable_http_stateless.cc
  // Waits for the exchange's response (JSON) or streams it (SSE).
  HttpReply Answer(std::shared_ptr<Exchange> exchange, bool stream);
  std::shared_ptr<Session> Find(const std::string& id);
  // "" when no more sessions may be opened (in all, or for this client).
  std::string NewSession(const std::string& peer);
  void End(const std::string& id);
  void Sweep();

  const StreamableHttpOptions options_;
  Env* const env_;
  const std::function<void(SessionTransport&)> serve_;
  const StatelessHandler stateless_;
  Mutex mu_;
  std::map<std::string, std::shared_ptr<Session>> sessions_ GUARDED_BY(mu_);
  std::vector<std::shared_ptr<Session>> ended_ GUARDED_BY(mu_);  // closed, not yet joined
};

}  // namespace awsmcp::transport
