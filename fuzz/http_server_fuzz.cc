// Streamable HTTP end to end: transport::StreamableHttp with the real
// protocol layer, tools, prompts and resources behind it (fake AWS, see
// fake_app.h), wired as app/server_app.cc's RunHttpServer wires them: legacy
// sessions through `serve` (a protocol layer per session), modern requests
// through `stateless` (one shared protocol layer), the modern _meta check,
// the tools' mirrored Mcp-Param-* headers, and an authorizer.
//
// Input: the first byte picks the authorizer (% 3):
//   0  app::StaticTokenAuthorizer("fuzz-token-0123456789abcdef");
//   1  app::OAuthAuthorizer (JWTs verified with auth::VerifyJwt) for the
//      issuer, audience and JWKS of tests/data/jwt/vectors.json, at its "now",
//      requiring scope aws:read;
//   2  the same requiring aws:read and aws:write (only one vector has both).
// Then up to kMaxRequests HTTP requests separated by a line "%%":
//   POST /mcp                 (method and path; a line without a space is the method, path /mcp)
//   Name: value               (headers up to an empty line; Host defaults to 127.0.0.1:8080)
//
//   body                      (the rest)
// In header values $SESSION is replaced by the MCP-Session-Id the last
// initialize answer returned (so sessions are exercised), $TOKEN by the
// variant's valid token and $TOKEN2 by another valid one (ES256 for OAuth).
// Invariants (__builtin_trap() when broken): the process survives; every
// reply's status is in 200..599; a JSON reply's body, when not empty, is
// valid JSON; an SSE reply, drained up to a bound, is made of SSE events
// whose data is valid JSON (and keep-alive comments).
// FUZZ_DEBUG=1 in the environment prints each request and reply.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/http_auth.h"
#include "fake_app.h"
#include "mcp/eras.h"
#include "transport/mirrored_headers.h"
#include "transport/streamable_http.h"

#ifndef AWSMCP_JWT_VECTORS
#define AWSMCP_JWT_VECTORS "tests/data/jwt/vectors.json"
#endif

namespace {

using nlohmann::json;
namespace transport = awsmcp::transport;

constexpr size_t kMaxRequests = 8;
constexpr int kMaxChunks = 40;
constexpr auto kStreamBound = std::chrono::seconds(2);
constexpr auto kInputBudget = std::chrono::seconds(5);  // then the rest of the requests are skipped
constexpr char kStaticToken[] = "fuzz-token-0123456789abcdef";

bool Debug() {
  static const bool debug = std::getenv("FUZZ_DEBUG") != nullptr;
  return debug;
}

[[noreturn]] void Violation(const char* what, const std::string& detail) {
  std::fprintf(stderr, "http_server_fuzz: invariant broken: %s: %.2000s\n", what, detail.c_str());
  __builtin_trap();
}

awsmcp::fuzz::FakeApp& App() {
  static auto* app = new awsmcp::fuzz::FakeApp();
  return *app;
}

awsmcp::mcp::McpServer& Stateless() {
  static auto* server = App().MakeServer().release();
  return *server;
}

// tests/data/jwt/vectors.json: the issuer's JWKS and tokens signed by its keys.
const json& Vectors() {
  static const json* vectors = [] {
    const char* path = std::getenv("AWSMCP_JWT_VECTORS");
    std::ifstream file(path ? path : AWSMCP_JWT_VECTORS);
    std::stringstream text;
    text << file.rdbuf();
    auto* doc = new json(json::parse(text.str(), nullptr, false));
    if (!doc->is_object() || !doc->contains("jwks") || !doc->contains("cases")) {
      std::fprintf(stderr, "http_server_fuzz: cannot read the JWT vectors at %s\n", path ? path : AWSMCP_JWT_VECTORS);
      std::abort();
    }
    return doc;
  }();
  return *vectors;
}

std::string VectorToken(const std::string& name) {
  for (const auto& c : Vectors()["cases"]) {
    if (c.value("name", "") == name) return c.value("token", "");
  }
  std::fprintf(stderr, "http_server_fuzz: no JWT vector named %s\n", name.c_str());
  std::abort();
}

// The issuer's metadata and keys, as its HTTPS server would answer them.
class FakeIssuer final : public awsmcp::aws::HttpClient {
 public:
  awsmcp::Result<awsmcp::aws::HttpResponse> Send(const awsmcp::aws::HttpRequest& request, const awsmcp::CancelToken&) override {
    awsmcp::aws::HttpResponse r;
    r.status = 200;
    r.headers = {{"content-type", "application/json"}};
    if (request.url == "https://auth.example.test/.well-known/oauth-authorization-server") {
      r.body = json{{"issuer", "https://auth.example.test"}, {"jwks_uri", "https://auth.example.test/jwks.json"}}.dump();
    } else if (request.url == "https://auth.example.test/jwks.json") {
      r.body = Vectors()["jwks"].dump();
    } else {
      r.status = 404;
    }
    return r;
  }
};

struct Variant {
  transport::StreamableHttpOptions options;
  std::string token, token2;
};

Variant MakeVariant(int kind) {
  Variant v;
  transport::StreamableHttpOptions& o = v.options;
  // What RunHttpServer's on_bound allows for 127.0.0.1:8080.
  o.allowed_hosts = {"127.0.0.1:8080", "localhost:8080", "[::1]:8080"};
  o.legacy_versions = awsmcp::mcp::LegacyVersions();
  o.modern_versions = awsmcp::mcp::ModernVersions();
  o.check_modern_meta = awsmcp::mcp::CheckModernMeta;
  for (const auto& tool : App().tools()) o.mirrored_params[tool.name] = transport::FindMirroredParams(tool.input_schema);
  o.max_sessions = 4;                              // small: the limit is reached
  o.request_timeout = std::chrono::seconds(1);     // an answer that never comes costs 1 s, not 10 min
  if (kind == 0) {
    o.authorize = awsmcp::app::StaticTokenAuthorizer(kStaticToken);
    v.token = v.token2 = kStaticToken;
    return v;
  }
  const json& vectors = Vectors();
  awsmcp::app::OAuthOptions oauth{.issuer = vectors["issuer"].get<std::string>(),
                                  .audience = vectors["audience"].get<std::string>(), .jwks_url = "",
                                  .scopes = {"aws:read"}};
  if (kind == 2) oauth.scopes.push_back("aws:write");
  auto authorizer = awsmcp::app::OAuthAuthorizer(oauth, App().env(), std::make_shared<FakeIssuer>());
  if (!authorizer) {
    std::fprintf(stderr, "http_server_fuzz: OAuthAuthorizer: %s\n", authorizer.error().ToString().c_str());
    std::abort();
  }
  o.authorize = std::move(*authorizer);
  o.resource_metadata = awsmcp::app::ResourceMetadata(oauth);
  o.resource_metadata_url = "https://mcp.example.test/.well-known/oauth-protected-resource";
  v.token = VectorToken(kind == 2 ? "scp list" : "rs256 valid");
  v.token2 = VectorToken("es256 valid");
  return v;
}

const Variant& GetVariant(int kind) {
  static const Variant* variants[3] = {new Variant(MakeVariant(0)), new Variant(MakeVariant(1)),
                                       new Variant(MakeVariant(2))};
  return *variants[kind];
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

transport::HttpRequest ParseRequest(const std::string& text, const Variant& v, const std::string& session) {
  transport::HttpRequest req;
  req.method = "POST";
  req.path = "/mcp";
  req.peer = "127.0.0.1";  // as the listener sets it for a local client
  size_t pos = 0;
  auto next_line = [&](std::string* line) {
    if (pos >= text.size()) return false;
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    *line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line->empty() && line->back() == '\r') line->pop_back();
    return true;
  };
  std::string line;
  if (next_line(&line) && !line.empty()) {
    auto space = line.find(' ');
    req.method = line.substr(0, space);
    if (space != std::string::npos) req.path = line.substr(space + 1);
  }
  while (next_line(&line) && !line.empty()) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    size_t start = value.find_first_not_of(" \t");
    value = start == std::string::npos ? "" : value.substr(start);
    ReplaceAll(value, "$SESSION", session);
    ReplaceAll(value, "$TOKEN2", v.token2);
    ReplaceAll(value, "$TOKEN", v.token);
    req.headers[Lower(line.substr(0, colon))] = value;
  }
  if (!req.headers.count("host")) req.headers["host"] = "127.0.0.1:8080";
  if (pos < text.size()) req.body = text.substr(pos);
  return req;
}

// Drains an SSE reply up to a bound, checking each chunk; then the client
// goes away if the stream is not over.
void Drain(transport::HttpReply& reply) {
  const auto until = std::chrono::steady_clock::now() + kStreamBound;
  bool over = false;
  for (int i = 0; i < kMaxChunks && std::chrono::steady_clock::now() < until; ++i) {
    std::optional<std::string> chunk = reply.next_chunk();
    if (!chunk) {
      over = true;
      break;
    }
    if (chunk->empty() || *chunk == ":\n\n") continue;  // nothing yet; a keep-alive comment
    constexpr std::string_view kHead = "event: message\ndata: ";
    if (!chunk->starts_with(kHead) || !chunk->ends_with("\n\n")) Violation("not an SSE event", *chunk);
    std::string data = chunk->substr(kHead.size(), chunk->size() - kHead.size() - 2);
    if (data.find('\n') != std::string::npos) Violation("an SSE event's data spans lines", *chunk);
    if (!json::accept(data)) Violation("an SSE event's data is not valid JSON", data);
    if (Debug()) std::fprintf(stderr, "   sse %.400s\n", data.c_str());
  }
  if (!over && reply.abandoned) reply.abandoned();
}

std::vector<std::string> SplitRequests(const std::string& in) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= in.size() && out.size() < kMaxRequests) {
    size_t sep = in.find("\n%%\n", pos);
    if (sep == std::string::npos) {
      out.push_back(in.substr(pos));
      break;
    }
    out.push_back(in.substr(pos, sep - pos));
    pos = sep + 4;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Stateless();
  for (int kind = 0; kind < 3; ++kind) GetVariant(kind);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const Variant& v = GetVariant(data[0] % 3);
  const std::string in(reinterpret_cast<const char*>(data + 1), size - 1);
  // A handler per input: its destructor ends the input's sessions and waits for their threads.
  transport::StreamableHttp handler(
      v.options, awsmcp::Env::Default(),
      [](transport::SessionTransport& t) { (void)App().MakeServer()->Serve(t); },
      [](const std::string& message, awsmcp::mcp::Sink out, awsmcp::CancelToken cancel) {
        Stateless().HandleStateless(message, std::move(out), std::move(cancel));
      });
  const auto start = std::chrono::steady_clock::now();
  std::string session;
  for (const std::string& text : SplitRequests(in)) {
    if (std::chrono::steady_clock::now() - start > kInputBudget) break;
    transport::HttpRequest req = ParseRequest(text, v, session);
    if (Debug()) std::fprintf(stderr, "-> %s %s (%zu headers) %.300s\n", req.method.c_str(), req.path.c_str(), req.headers.size(), req.body.c_str());
    transport::HttpReply reply = handler.Handle(req);
    if (Debug()) std::fprintf(stderr, "<- %d %s %.600s\n", reply.status, reply.content_type.c_str(), reply.body.c_str());
    if (reply.status < 200 || reply.status > 599) Violation("status out of 200..599", std::to_string(reply.status));
    for (const auto& [name, value] : reply.headers) {
      if (Lower(name) == "mcp-session-id") session = value;
    }
    if (reply.next_chunk) {
      Drain(reply);
    } else if (reply.content_type == "application/json" && !reply.body.empty() && !json::accept(reply.body)) {
      Violation("a JSON reply's body is not valid JSON", reply.body);
    }
  }
  return 0;
}
