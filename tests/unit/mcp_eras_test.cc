// The two protocol eras in one server: 2026-07-28 stateless requests next to
// 2025 sessions. Key names and codes are written out as the spec gives them,
// not taken from the code under test.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "jsonrpc/message.h"
#include "mcp/server.h"
#include "mcp_harness.h"

namespace awsmcp::mcp {
namespace {

json ModernMeta(json extra = json::object()) {
  json meta = {{"io.modelcontextprotocol/protocolVersion", "2026-07-28"},
               {"io.modelcontextprotocol/clientCapabilities", json::object()}};
  meta.update(extra);
  return meta;
}

class OneResource : public ResourceCatalog {
 public:
  std::vector<Resource> List() const override { return {{.uri = "test://one", .name = "one"}}; }
  std::vector<ResourceTemplate> Templates() const override { return {{.uri_template = "test://{x}", .name = "x"}}; }
  Result<std::vector<ResourceContents>> Read(const std::string& uri, ToolContext&) const override {
    if (uri != "test://one") return Fail(Status::NotFound("no such thing"));
    return std::vector<ResourceContents>{{.uri = uri, .text = "{}"}};
  }
};

Tool Logger() {
  Tool t = EchoTool("log");
  t.handler = [](const json&, ToolContext& ctx) {
    ctx.log(LogLevel::kDebug, "quiet");
    ctx.log(LogLevel::kError, "loud");
    return ToolResult{};
  };
  return t;
}

TEST(ModernEra, DiscoverNamesVersionsCapabilitiesAndServer) {
  ServerOptions o;
  o.instructions = "use the tools";
  ServerHarness h(o, {EchoTool("echo")});
  json r = h.Request(1, "server/discover", {{"_meta", ModernMeta()}})["result"];
  EXPECT_EQ(r["resultType"], "complete");
  EXPECT_EQ(r["supportedVersions"], json::array({"2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"}));
  EXPECT_TRUE(r["capabilities"].contains("tools"));
  EXPECT_FALSE(r["capabilities"].contains("prompts"));  // none registered
  EXPECT_EQ(r["_meta"]["io.modelcontextprotocol/serverInfo"]["name"], "aws-mcp");
  EXPECT_EQ(r["instructions"], "use the tools");
  EXPECT_EQ(r["cacheScope"], "public");
  EXPECT_GE(r["ttlMs"].get<long long>(), 0);
}

TEST(ModernEra, MetaIsCheckedOnEveryRequest) {
  ServerHarness h({}, {EchoTool("echo")});
  // server/discover exists only in the modern era, so it is judged as one even without _meta.
  EXPECT_EQ(h.Request(1, "server/discover")["error"]["code"], -32602);
  json no_caps = {{"io.modelcontextprotocol/protocolVersion", "2026-07-28"}};
  EXPECT_EQ(h.Request(2, "tools/list", {{"_meta", no_caps}})["error"]["code"], -32602);
  json caps_not_object = ModernMeta({{"io.modelcontextprotocol/clientCapabilities", "all"}});
  EXPECT_EQ(h.Request(3, "tools/list", {{"_meta", caps_not_object}})["error"]["code"], -32602);
  json r = h.Request(4, "tools/list", {{"_meta", ModernMeta({{"io.modelcontextprotocol/protocolVersion", "1900-01-01"}})}});
  EXPECT_EQ(r["id"], 4);
  EXPECT_EQ(r["error"]["code"], -32022);
  EXPECT_EQ(r["error"]["data"]["requested"], "1900-01-01");
  EXPECT_EQ(r["error"]["data"]["supported"][0], "2026-07-28");
  // clientInfo is optional.
  EXPECT_EQ(h.Request(5, "tools/list", {{"_meta", ModernMeta()}})["result"]["tools"][0]["name"], "echo");
}

TEST(ModernEra, RemovedMethodsAreNotFoundButLegacyStillWorksOnTheSameConnection) {
  ServerHarness h;
  for (const char* method : {"ping", "initialize", "logging/setLevel", "resources/subscribe"}) {
    EXPECT_EQ(h.Request(1, method, {{"_meta", ModernMeta()}})["error"]["code"], -32601) << method;
  }
  json init = h.Request(2, "initialize", {{"protocolVersion", "2025-06-18"}, {"capabilities", json::object()}});
  EXPECT_EQ(init["result"]["protocolVersion"], "2025-06-18");
  EXPECT_FALSE(init["result"].contains("resultType"));
  EXPECT_EQ(h.Request(3, "ping")["result"], json::object());
}

TEST(ModernEra, ListsAndReadsCarryCachingHintsOnlyInTheModernEra) {
  OneResource catalog;
  ServerOptions o;
  o.read_ttl = std::chrono::milliseconds(1234);
  ServerHarness h(o, {EchoTool("echo")}, [&](McpServer& s) { s.SetResources(&catalog); });
  for (const char* method : {"tools/list", "resources/list", "resources/templates/list", "prompts/list"}) {
    json modern = h.Request(1, method, {{"_meta", ModernMeta()}})["result"];
    EXPECT_TRUE(modern["ttlMs"].is_number_integer()) << method;
    EXPECT_TRUE(modern["cacheScope"] == "public" || modern["cacheScope"] == "private") << method;
    EXPECT_EQ(modern["resultType"], "complete") << method;
    json legacy = h.Request(2, method)["result"];
    EXPECT_FALSE(legacy.contains("ttlMs") || legacy.contains("cacheScope") || legacy.contains("resultType")) << method;
  }
  json read = h.Request(3, "resources/read", {{"uri", "test://one"}, {"_meta", ModernMeta()}})["result"];
  EXPECT_EQ(read["ttlMs"], 1234);
  EXPECT_EQ(read["cacheScope"], "private");
  EXPECT_EQ(h.Request(4, "resources/list", {{"_meta", ModernMeta()}})["result"]["cacheScope"], "private");
}

TEST(ModernEra, AnUnknownResourceIsInvalidParamsInTheModernEraAndResourceNotFoundInTheLegacyOne) {
  OneResource catalog;
  ServerHarness h({}, {}, [&](McpServer& s) { s.SetResources(&catalog); });
  json modern = h.Request(1, "resources/read", {{"uri", "test://two"}, {"_meta", ModernMeta()}});
  EXPECT_EQ(modern["error"]["code"], -32602);
  EXPECT_EQ(modern["error"]["data"]["uri"], "test://two");
  EXPECT_EQ(h.Request(2, "resources/read", {{"uri", "test://two"}})["error"]["code"], -32002);
}

TEST(ModernEra, LogNotificationsOnlyAtTheLevelTheRequestAsks) {
  ServerHarness h({}, {Logger()});
  h.Request(1, "tools/call", {{"name", "log"}, {"_meta", ModernMeta()}});
  EXPECT_TRUE(h.notifications.empty());  // no logLevel: no notifications/message
  h.Request(2, "tools/call", {{"name", "log"}, {"_meta", ModernMeta({{"io.modelcontextprotocol/logLevel", "debug"}})}});
  ASSERT_EQ(h.notifications.size(), 2u);
  h.notifications.clear();
  h.Request(3, "tools/call", {{"name", "log"}, {"_meta", ModernMeta({{"io.modelcontextprotocol/logLevel", "error"}})}});
  ASSERT_EQ(h.notifications.size(), 1u);
  EXPECT_EQ(h.notifications[0]["params"]["data"], "loud");
  h.notifications.clear();
  h.Request(4, "tools/call", {{"name", "log"}});  // legacy: the connection's level (default info)
  ASSERT_EQ(h.notifications.size(), 1u);
}

// Stateless requests from many clients share one server: equal ids must not collide.
TEST(ModernEra, StatelessRequestsWithEqualIdsAreAnsweredEachOnItsOwnSink) {
  std::atomic<bool> release{false};
  Tool slow = EchoTool("slow");
  slow.handler = [&](const json& args, ToolContext&) {
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ToolResult r;
    r.structured = {{"who", args.value("who", "")}};
    return r;
  };
  McpServer server({});
  server.AddTool(slow);
  std::mutex mu;
  std::vector<json> a, b;
  auto sink = [&](std::vector<json>* into) {
    return [&mu, into](const std::string& message, bool) {
      std::lock_guard<std::mutex> lock(mu);
      into->push_back(json::parse(message));
    };
  };
  auto call = [](const std::string& who) {
    return json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", "tools/call"},
                {"params", {{"name", "slow"}, {"arguments", {{"who", who}}}, {"_meta", ModernMeta()}}}}.dump();
  };
  CancelToken cancel_b;
  server.HandleStateless(call("a"), sink(&a), CancelToken());
  server.HandleStateless(call("b"), sink(&b), cancel_b);
  cancel_b.Cancel();  // b's client went away
  release = true;
  for (int i = 0; i < 2000; ++i) {
    std::lock_guard<std::mutex> lock(mu);
    if (!a.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0]["result"]["structuredContent"]["who"], "a");
  EXPECT_TRUE(b.empty());  // a cancelled request gets no answer
}

TEST(ModernEra, StatelessHandlingNeverFallsBackToTheLegacyEra) {
  McpServer server({});
  std::vector<json> out;
  auto sink = [&](const std::string& message, bool final) {
    EXPECT_TRUE(final);
    out.push_back(json::parse(message));
  };
  server.HandleStateless(R"({"jsonrpc":"2.0","id":"x","method":"ping"})", sink, CancelToken());
  server.HandleStateless(R"({"jsonrpc":"2.0","id":"y","method":"tools/list","params":{}})", sink, CancelToken());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0]["error"]["code"], -32602);  // no _meta: not a modern request
  EXPECT_EQ(out[0]["id"], "x");
  EXPECT_EQ(out[1]["error"]["code"], -32602);
}

}  // namespace
}  // namespace awsmcp::mcp
