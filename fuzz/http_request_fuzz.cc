// The Streamable HTTP handler gets untrusted requests: method, headers and
// body from the input (lines "Name: value" up to an empty line, then the
// body), answered by a real protocol layer with no tools, in both eras (the
// MCP-Protocol-Version header picks one).
#include <cstddef>
#include <cstdint>
#include <string>

#include "mcp/server.h"
#include "transport/streamable_http.h"

namespace {

awsmcp::transport::StreamableHttp& Handler() {
  static auto* handler = [] {
    awsmcp::transport::StreamableHttpOptions o;
    o.allowed_hosts = {"127.0.0.1:8080"};
    o.legacy_versions = awsmcp::mcp::LegacyVersions();
    o.modern_versions = awsmcp::mcp::ModernVersions();
    o.mirrored_params = {{"t", {{{"region"}, "Region"}, {{"a", "n"}, "N"}}}};  // Mcp-Param-* checks
    o.max_sessions = 8;
    o.request_timeout = std::chrono::seconds(2);
    static auto* stateless = new awsmcp::mcp::McpServer({});
    return new awsmcp::transport::StreamableHttp(
        o, awsmcp::Env::Default(),
        [](awsmcp::transport::SessionTransport& t) {
          awsmcp::mcp::McpServer server({});
          (void)server.Serve(t);
        },
        [](const std::string& message, awsmcp::mcp::Sink out, awsmcp::CancelToken cancel) {
          stateless->HandleStateless(message, std::move(out), std::move(cancel));
        });
  }();
  return *handler;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  awsmcp::transport::HttpRequest req;
  static const char* kMethods[] = {"POST", "GET", "DELETE", "PUT"};
  req.method = kMethods[size ? data[0] % 4 : 0];
  req.path = "/mcp";
  req.headers["host"] = "127.0.0.1:8080";
  size_t pos = in.empty() ? 0 : 1;
  while (pos < in.size()) {
    size_t end = in.find('\n', pos);
    if (end == std::string::npos) end = in.size();
    std::string line = in.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) break;
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers[name] = line.substr(colon + 1 + (colon + 1 < line.size() && line[colon + 1] == ' '));
  }
  if (pos < in.size()) req.body = in.substr(pos);
  awsmcp::transport::HttpReply reply = Handler().Handle(req);
  if (reply.status < 200 || reply.status > 599) __builtin_trap();
  if (reply.next_chunk) {
    for (int i = 0; i < 100; ++i) {
      if (!reply.next_chunk()) break;
    }
  }
  return 0;
}
