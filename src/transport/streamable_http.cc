#include "transport/streamable_http.h"

#include <openssl/rand.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/json_depth.h"
#include "jsonrpc/message.h"
#include "transport/streamable_http_internal.h"

namespace awsmcp::transport {
namespace {

using nlohmann::json;

constexpr auto kPoll = std::chrono::milliseconds(250);
// An SSE comment after this long without a message: keeps intermediaries from
// closing a quiet stream, and a failed write tells that the client went away.
constexpr auto kKeepAlive = std::chrono::seconds(2);

HttpReply Status(int status, const std::string& message) {
  return RpcErrorReply(status, nullptr, jsonrpc::kInvalidRequest, message);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// "http://localhost:3000" -> "localhost"; "" when it is not an http(s) origin.
std::string OriginHost(const std::string& origin) {
  auto scheme = origin.find("://");
  if (scheme == std::string::npos) return "";
  std::string rest = origin.substr(scheme + 3);
  if (rest.starts_with("[")) return rest.substr(0, rest.find(']') + 1);
  return rest.substr(0, rest.find(':'));
}

bool IsLoopbackName(const std::string& host) {
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

// The token of an "Authorization: Bearer <token>" header; the scheme is
// case-insensitive (RFC 7235), and "" when there is none.
std::string BearerToken(const std::string& authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size() || Lower(authorization.substr(0, kScheme.size())) != kScheme) return "";
  const size_t start = authorization.find_first_not_of(' ', kScheme.size());
  return start == std::string::npos ? "" : authorization.substr(start);
}

std::string SseEvent(const std::string& message) { return "event: message\ndata: " + message + "\n\n"; }

}  // namespace

HttpReply RpcErrorReply(int status, const json& id, int code, const std::string& message, const json& data) {
  HttpReply r;
  r.status = status;
  r.body = jsonrpc::MakeError(id, code, message, data);
  return r;
}

std::string HttpRequest::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

StreamableHttp::StreamableHttp(StreamableHttpOptions options, Env* env, std::function<void(SessionTransport&)> serve,
                               StatelessHandler stateless)
    : options_(std::move(options)), env_(env), serve_(std::move(serve)), stateless_(std::move(stateless)) {}

StreamableHttp::~StreamableHttp() {
  std::vector<std::shared_ptr<Session>> all;
  {
    MutexLock lock(mu_);
    for (auto& [id, s] : sessions_) all.push_back(s);
    for (auto& s : ended_) all.push_back(s);
    sessions_.clear();
    ended_.clear();
  }
  for (auto& s : all) s->transport.Close();
  for (auto& s : all) {
    if (s->thread.joinable()) s->thread.join();
  }
}

size_t StreamableHttp::session_count() {
  MutexLock lock(mu_);
  return sessions_.size();
}

std::optional<HttpReply> StreamableHttp::Refuse(const HttpRequest& request) const {
  if (request.path != options_.endpoint) return Status(404, "Not Found: the MCP endpoint is " + options_.endpoint);
  const std::string host = Lower(request.Header("host"));
  if (std::find(options_.allowed_hosts.begin(), options_.allowed_hosts.end(), host) == options_.allowed_hosts.end()) {
    return Status(403, "Forbidden: Host header not allowed");
  }
  const std::string origin = request.Header("origin");
  if (!origin.empty() && !IsLoopbackName(Lower(OriginHost(origin))) &&
      std::find(options_.allowed_origins.begin(), options_.allowed_origins.end(), origin) ==
          options_.allowed_origins.end()) {
    return Status(403, "Forbidden: Origin not allowed");
  }
  if (options_.authorize) {
    const AuthVerdict verdict = Authorize(BearerToken(request.Header("authorization")));
    if (verdict.status != 200) {
      HttpReply r = Status(verdict.status == 403 ? 403 : 401,
                           verdict.status == 403 ? "Forbidden: insufficient scope" : "Unauthorized: a valid bearer token "
                                                                                     "is required");
      std::string challenge = "Bearer realm=\"aws-mcp\"";
      if (!verdict.error.empty()) challenge += ", error=\"" + verdict.error + "\"";
      if (!verdict.scope.empty()) challenge += ", scope=\"" + verdict.scope + "\"";
      if (!options_.resource_metadata_url.empty()) {
        challenge += ", resource_metadata=\"" + options_.resource_metadata_url + "\"";
      }
      r.headers.emplace_back("WWW-Authenticate", challenge);
      return r;
    }
  }
  return std::nullopt;
}

AuthVerdict StreamableHttp::Authorize(const std::string& token) const {
  // An authorizer that fails refuses: fail closed.
  try {
    return options_.authorize(token);
  } catch (...) {
    return AuthVerdict{401, "invalid_token", ""};
  }
}

HttpReply StreamableHttp::Handle(const HttpRequest& request) {
  // The one boundary for HTTP: whatever fails inside answers 500, and the
  // server goes on serving everyone else.
  try {
    return HandleUnguarded(request);
  } catch (const std::exception&) {
    return RpcErrorReply(500, nullptr, jsonrpc::kInternalError, "Internal error");
  } catch (...) {
    return RpcErrorReply(500, nullptr, jsonrpc::kInternalError, "Internal error");
  }
}

HttpReply StreamableHttp::HandleUnguarded(const HttpRequest& request) {
  Sweep();
  if (request.method == "GET" && request.path.starts_with("/.well-known/oauth-protected-resource") &&
      !options_.resource_metadata.is_null()) {
    HttpReply r;
    r.body = options_.resource_metadata.dump();
    r.headers.emplace_back("Cache-Control", "max-age=3600");
    return r;
  }
  if (request.method == "GET" && !options_.health_path.empty() && request.path == options_.health_path) {
    // For a load balancer's health check, which sends the task's own address
    // as Host and no token: it reveals nothing and does nothing.
    HttpReply r;
    r.body = R"({"status":"ok"})";
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  }
  if (auto refused = Refuse(request)) return *refused;
  const std::string version = request.Header("mcp-protocol-version");
  const bool modern = IsIn(options_.modern_versions, version);
  if (!version.empty() && !modern && !IsIn(options_.legacy_versions, version)) {
    const bool readable = request.method == "POST" && request.body.size() <= options_.max_body_bytes;
    json m = readable ? jsonrpc::ParseBounded(request.body) : json();
    const json id = TopLevelId(m);
    jsonrpc::RpcError error = jsonrpc::UnsupportedVersion(version, SupportedVersions());
    return RpcErrorReply(400, id, error.code, error.message, error.data);
  }
  if (request.method == "POST") return modern ? PostStateless(request) : Post(request);
  if (request.method == "DELETE" && !modern) {
    const std::string id = request.Header("mcp-session-id");
    if (id.empty()) return Status(400, "Bad Request: MCP-Session-Id header is required");
    if (!Find(id)) return Status(404, "Not Found: unknown or expired session");
    End(id);
    HttpReply r;
    r.body.clear();
    return r;
  }
  HttpReply r = Status(405, "Method Not Allowed");
  r.headers.emplace_back("Allow", modern ? "POST" : "POST, DELETE");
  return r;
}

HttpReply StreamableHttp::Post(const HttpRequest& request) {
  if (request.body.size() > options_.max_body_bytes) return Status(413, "Payload Too Large");
  json m;
  if (auto bad = ParseBody(request.body, &m)) return *bad;
  const std::string method = m.contains("method") && m["method"].is_string() ? m["method"].get<std::string>() : "";
  const bool is_request = !method.empty() && m.contains("id");
  if (is_request && !m["id"].is_string() && !m["id"].is_number_integer()) {
    // The protocol layer would answer with id null, which no waiting request matches.
    return Status(400, "Invalid Request: id must be a string or an integer");
  }
  std::string session_id = request.Header("mcp-session-id");
  std::shared_ptr<Session> session;
  if (method == "initialize" && session_id.empty()) {
    session_id = NewSession(request.peer);
    if (session_id.empty()) return Status(503, "Service Unavailable: too many sessions; end one with DELETE");
  } else if (session_id.empty()) {
    // A modern request that left out its version header: say which header, not "no session".
    const json meta = m.contains("params") && m["params"].is_object() ? m["params"].value("_meta", json()) : json();
    if (meta.is_object() && meta.contains("io.modelcontextprotocol/protocolVersion")) {
      return RpcErrorReply(400, TopLevelId(m), jsonrpc::kHeaderMismatch,
                           "Header mismatch: the MCP-Protocol-Version header is required");
    }
    return Status(400, "Bad Request: MCP-Session-Id header is required");
  }
  session = Find(session_id);
  if (!session) return Status(404, "Not Found: unknown or expired session");

  if (!is_request) {
    if (method == "notifications/cancelled" && m.contains("params") && m["params"].is_object()) {
      session->transport.Abandon(m["params"].value("requestId", json()));
    }
    session->transport.Push(request.body);
    HttpReply r;
    r.status = 202;
    return r;
  }
  json token;
  if (m.contains("params") && m["params"].is_object() && m["params"].contains("_meta") &&
      m["params"]["_meta"].is_object()) {
    token = m["params"]["_meta"].value("progressToken", json());
  }
  auto exchange = session->transport.Expect(m["id"], token);
  if (!exchange) return Status(400, "Invalid Request: id already in use by a request in flight");
  session->transport.Push(request.body);
  HttpReply r = Answer(std::move(exchange), WantsStream(request, method));
  if (method == "initialize") r.headers.emplace_back("MCP-Session-Id", session_id);
  return r;
}

std::optional<HttpReply> ParseBody(const std::string& body, json* message) {
  if (NestedDeeperThan(body, jsonrpc::kMaxDepth)) {
    const jsonrpc::Message refused = jsonrpc::ParseMessage(body);  // reads only the top level, for the id
    return RpcErrorReply(400, refused.id, refused.error_code, refused.error);
  }
  *message = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (message->is_discarded()) return RpcErrorReply(400, nullptr, jsonrpc::kParseError, "Parse error");
  if (!message->is_object()) {
    return RpcErrorReply(400, nullptr, jsonrpc::kInvalidRequest, "Invalid Request: one JSON-RPC message per POST");
  }
  return std::nullopt;
}

json TopLevelId(const json& message) {
  if (!message.is_object()) return nullptr;
  auto id = message.find("id");
  return id != message.end() && (id->is_string() || id->is_number_integer()) ? *id : json();
}

std::vector<std::string> StreamableHttp::SupportedVersions() const {
  std::vector<std::string> all = options_.modern_versions;
  all.insert(all.end(), options_.legacy_versions.begin(), options_.legacy_versions.end());
  return all;
}

bool WantsStream(const HttpRequest& request, const std::string& method) {
  return request.Header("accept").find("text/event-stream") != std::string::npos &&
         (method == "tools/call" || method == "resources/read");
}

bool IsIn(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

HttpReply StreamableHttp::Answer(std::shared_ptr<Exchange> exchange, bool stream) {
  HttpReply r;
  const auto deadline = env_->SteadyNow() + options_.request_timeout;
  if (stream) {
    r.content_type = "text/event-stream";
    r.headers.emplace_back("Cache-Control", "no-cache");
    r.headers.emplace_back("X-Accel-Buffering", "no");  // a proxy must not hold progress back
    auto last_sent = std::make_shared<std::chrono::steady_clock::time_point>(env_->SteadyNow());
    r.next_chunk = [this, exchange, deadline, last_sent]() -> std::optional<std::string> {
      const auto now = env_->SteadyNow();
      if (exchange->finished() || now > deadline) return std::nullopt;
      if (auto m = exchange->Next(kPoll)) {
        *last_sent = env_->SteadyNow();
        return SseEvent(*m);
      }
      if (env_->SteadyNow() - *last_sent < kKeepAlive) return std::string();
      *last_sent = env_->SteadyNow();
      return std::string(":\n\n");
    };
    return r;
  }
  // JSON: the last message is the response; notifications on the way are dropped.
  std::string last;
  while (!exchange->finished() && env_->SteadyNow() < deadline) {
    if (auto m = exchange->Next(kPoll)) last = std::move(*m);
  }
  if (!exchange->finished()) return Status(504, "Gateway Timeout: no response in time");
  if (last.empty()) {  // cancelled: no response will come
    r.status = 202;
    return r;
  }
  r.body = std::move(last);
  return r;
}

std::shared_ptr<StreamableHttp::Session> StreamableHttp::Find(const std::string& id) {
  MutexLock lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return nullptr;
  it->second->last_used = env_->SteadyNow();
  return it->second;
}

std::string StreamableHttp::NewSession(const std::string& peer) {
  unsigned char raw[16];
  if (RAND_bytes(raw, sizeof raw) != 1) return "";
  static const char kHex[] = "0123456789abcdef";
  std::string id;
  for (unsigned char c : raw) id += {kHex[c >> 4], kHex[c & 15]};
  auto session = std::make_shared<Session>();
  {
    MutexLock lock(mu_);
    if (sessions_.size() >= options_.max_sessions) return "";
    const size_t mine = static_cast<size_t>(
        std::count_if(sessions_.begin(), sessions_.end(), [&](const auto& s) { return s.second->peer == peer; }));
    if (mine >= options_.max_sessions_per_client) return "";
    session->peer = peer;
    session->last_used = env_->SteadyNow();
    sessions_[id] = session;
  }
  session->thread = std::thread([this, session] {
    serve_(session->transport);
    session->served = true;
  });
  return id;
}

void StreamableHttp::End(const std::string& id) {
  std::shared_ptr<Session> session;
  {
    MutexLock lock(mu_);
    auto it = sessions_.find(id);
    if (it == sessions_.end()) return;
    session = it->second;
    sessions_.erase(it);
    ended_.push_back(session);
  }
  session->transport.Close();
}

void StreamableHttp::Sweep() {
  std::vector<std::string> idle;
  std::vector<std::shared_ptr<Session>> finished;
  {
    MutexLock lock(mu_);
    auto served = std::partition(ended_.begin(), ended_.end(), [](const auto& s) { return !s->served; });
    finished.assign(served, ended_.end());
    ended_.erase(served, ended_.end());
    const auto now = env_->SteadyNow();
    for (const auto& [id, s] : sessions_) {
      if (now - s->last_used > options_.session_idle) idle.push_back(id);
    }
  }
  for (const auto& id : idle) End(id);
  for (auto& s : finished) s->thread.join();  // returns at once: the thread is done
}

}  // namespace awsmcp::transport
