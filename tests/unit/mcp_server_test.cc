// The MCP protocol layer end to end over an in-memory transport pair.
#include "mcp/server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "jsonrpc/message.h"
#include "mcp_harness.h"
#include "transport/memory_transport.h"
#include "transport/stdio_transport.h"

namespace awsmcp::mcp {
namespace {

using transport::MemoryTransport;

TEST(McpServer, NegotiatesProtocolVersions) {
  ServerHarness h;
  for (const char* v : {"2025-11-25", "2025-06-18", "2025-03-26"}) {
    json r = h.Request(1, "initialize", {{"protocolVersion", v}, {"capabilities", json::object()}});
    EXPECT_EQ(r["result"]["protocolVersion"], v);
  }
  json r = h.Request(2, "initialize", {{"protocolVersion", "1999-01-01"}});
  EXPECT_EQ(r["result"]["protocolVersion"], "2025-11-25");
  EXPECT_TRUE(r["result"]["capabilities"].contains("tools"));
  EXPECT_TRUE(r["result"]["capabilities"].contains("logging"));
  EXPECT_FALSE(r["result"]["capabilities"].contains("resources"));  // honest: none served
}

TEST(McpServer, AnswersMalformedInputWithTheSpecsErrors) {
  ServerHarness h;
  h.SendRaw("{not json");
  json r = h.Next();
  EXPECT_EQ(r["error"]["code"], jsonrpc::kParseError);
  EXPECT_TRUE(r["id"].is_null());
  h.SendRaw("[1,2]");
  EXPECT_EQ(h.Next()["error"]["code"], jsonrpc::kInvalidRequest);
  h.SendRaw(R"({"jsonrpc":"2.0","id":3})");
  EXPECT_EQ(h.Next()["error"]["code"], jsonrpc::kInvalidRequest);
  h.SendRaw(R"({"jsonrpc":"1.0","id":4,"method":"ping"})");
  EXPECT_EQ(h.Next()["error"]["code"], jsonrpc::kInvalidRequest);
  h.SendRaw(R"({"jsonrpc":"2.0","id":{"x":1},"method":"ping"})");
  EXPECT_EQ(h.Next()["error"]["code"], jsonrpc::kInvalidRequest);
  EXPECT_EQ(h.Request(5, "no/such/method")["error"]["code"], jsonrpc::kMethodNotFound);
  EXPECT_EQ(h.Request(6, "ping")["result"], json::object());  // still serving
}

TEST(McpServer, PaginatesToolsAndRejectsBadCursors) {
  ServerOptions o;
  o.page_size = 2;
  ServerHarness h(o, {EchoTool("a"), EchoTool("b"), EchoTool("c")});
  json p1 = h.Request(1, "tools/list");
  ASSERT_EQ(p1["result"]["tools"].size(), 2u);
  std::string cursor = p1["result"]["nextCursor"];
  json p2 = h.Request(2, "tools/list", {{"cursor", cursor}});
  ASSERT_EQ(p2["result"]["tools"].size(), 1u);
  EXPECT_EQ(p2["result"]["tools"][0]["name"], "c");
  EXPECT_FALSE(p2["result"].contains("nextCursor"));
  EXPECT_EQ(p1["result"]["tools"][0]["annotations"]["readOnlyHint"], true);
  for (json bad : {json("zzz"), json("c99"), json(7)}) {
    EXPECT_EQ(h.Request(3, "tools/list", {{"cursor", bad}})["error"]["code"], jsonrpc::kInvalidParams);
  }
}

TEST(McpServer, CallsToolsAndReportsProgress) {
  ServerHarness h({}, {EchoTool("echo")});
  json r = h.Request(1, "tools/call", {{"name", "echo"}, {"arguments", {{"x", 1}}}, {"_meta", {{"progressToken", "p1"}}}});
  EXPECT_EQ(r["result"]["isError"], false);
  EXPECT_EQ(r["result"]["structuredContent"]["echo"]["x"], 1);
  EXPECT_EQ(json::parse(r["result"]["content"][0]["text"].get<std::string>()), r["result"]["structuredContent"]);
  ASSERT_EQ(h.notifications.size(), 1u);
  EXPECT_EQ(h.notifications[0]["method"], "notifications/progress");
  EXPECT_EQ(h.notifications[0]["params"]["progressToken"], "p1");
  EXPECT_EQ(h.Request(2, "tools/call", {{"name", "nope"}})["error"]["code"], jsonrpc::kInvalidParams);
  EXPECT_EQ(h.Request(3, "tools/call", {{"name", "echo"}, {"arguments", 5}})["error"]["code"], jsonrpc::kInvalidParams);
}

TEST(McpServer, AThrowingToolIsAnIsErrorResult) {
  Tool t = EchoTool("boom");
  t.handler = [](const json&, ToolContext&) -> ToolResult { throw std::runtime_error("bad"); };
  ServerHarness h({}, {t});
  json r = h.Request(1, "tools/call", {{"name", "boom"}});
  EXPECT_EQ(r["result"]["isError"], true);
  EXPECT_EQ(h.Request(2, "ping")["result"], json::object());
}

TEST(McpServer, SlowCallDoesNotBlockPingAndCancellationSuppressesItsAnswer) {
  std::atomic<bool> started{false}, saw_cancel{false};
  Tool slow = EchoTool("slow");
  slow.handler = [&](const json&, ToolContext& ctx) {
    started = true;
    while (ctx.cancel.SleepFor(std::chrono::milliseconds(5))) {
    }
    saw_cancel = true;
    return ToolResult{};
  };
  ServerHarness h({}, {slow});
  h.Send({{"jsonrpc", "2.0"}, {"id", 10}, {"method", "tools/call"}, {"params", {{"name", "slow"}}}});
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_EQ(h.Request(11, "ping")["id"], 11);
  h.Send({{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", 10}}}});
  EXPECT_EQ(h.Request(12, "ping")["id"], 12);  // the cancelled call's answer never arrives
  while (!saw_cancel) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(h.Request(13, "ping")["id"], 13);  // had id 10 been answered, it would come first
  h.Finish();
}

TEST(McpServer, SetLevelValidatesAndFiltersLogNotifications) {
  Tool logger = EchoTool("log");
  logger.handler = [](const json&, ToolContext& ctx) {
    ctx.log(LogLevel::kDebug, "quiet");
    ctx.log(LogLevel::kError, "loud");
    return ToolResult{};
  };
  ServerHarness h({}, {logger});
  EXPECT_EQ(h.Request(1, "logging/setLevel", {{"level", "verbose"}})["error"]["code"], jsonrpc::kInvalidParams);
  EXPECT_TRUE(h.Request(2, "logging/setLevel", {{"level", "warning"}}).contains("result"));
  h.Request(3, "tools/call", {{"name", "log"}});
  ASSERT_EQ(h.notifications.size(), 1u);
  EXPECT_EQ(h.notifications[0]["params"]["level"], "error");
}

TEST(McpServer, EndOfInputWaitsForCallsInFlight) {
  std::atomic<bool> release{false};
  Tool slow = EchoTool("slow");
  slow.handler = [&](const json&, ToolContext&) {
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ToolResult r;
    r.structured = {{"done", true}};
    return r;
  };
  McpServer server({});
  server.AddTool(slow);
  auto [client, end] = MemoryTransport::CreatePair();
  std::atomic<bool> returned{false};
  std::thread t([&] {
    server.Serve(*end);
    returned = true;
  });
  client->Write(R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"slow"}})");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  end->Close();  // the server reads end of input
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(returned);
  release = true;
  t.join();
  EXPECT_TRUE(returned);
}

TEST(StdioTransport, FramesLinesSkipsOversizeAndCloseUnblocks) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  transport::StdioTransport t({.in_fd = fds[0], .out_fd = -1, .max_message_bytes = 16});
  std::string input = "{\"a\":1}\r\n\n" + std::string(40, 'x') + "\n{\"b\":2}\n";
  ASSERT_EQ(write(fds[1], input.data(), input.size()), static_cast<ssize_t>(input.size()));
  EXPECT_EQ(t.Read().value_or(""), "{\"a\":1}");
  auto over = t.Read();
  ASSERT_FALSE(over.has_value());
  EXPECT_EQ(over.error().code(), Code::kResourceExhausted);
  EXPECT_EQ(t.Read().value_or(""), "{\"b\":2}");
  std::thread closer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    t.Close();
  });
  auto blocked = t.Read();
  closer.join();
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().code(), Code::kCancelled);
  close(fds[1]);
  close(fds[0]);
}

TEST(StdioTransport, EndOfInput) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  transport::StdioTransport t({.in_fd = fds[0], .out_fd = -1});
  ASSERT_EQ(write(fds[1], "{}\n{\"x\":2}", 10), 10);
  close(fds[1]);
  EXPECT_EQ(t.Read().value_or(""), "{}");
  EXPECT_EQ(t.Read().value_or(""), "{\"x\":2}");  // a last line without newline still counts
  EXPECT_EQ(t.Read().error().code(), Code::kNotFound);
  close(fds[0]);
}

}  // namespace
}  // namespace awsmcp::mcp

namespace awsmcp::mcp {
namespace {

TEST(McpServerBoundary, WrongTypesAreInvalidParamsAndTheServerGoesOn) {
  ServerHarness h;
  auto r = h.Request(1, "initialize", {{"protocolVersion", 1}});
  EXPECT_EQ(r["error"]["code"], jsonrpc::kInvalidParams);
  EXPECT_NE(r["error"]["message"].get<std::string>().find("protocolVersion"), std::string::npos);
  EXPECT_EQ(h.Request(2, "initialize", {{"capabilities", "x"}})["error"]["code"], jsonrpc::kInvalidParams);
  EXPECT_EQ(h.Request(3, "tools/call", {{"name", 5}})["error"]["code"], jsonrpc::kInvalidParams);
  EXPECT_EQ(h.Request(4, "tools/call", {{"name", "echo"}, {"arguments", json::array()}})["error"]["code"],
            jsonrpc::kInvalidParams);
  EXPECT_EQ(h.Request(5, "logging/setLevel", {{"level", json::object()}})["error"]["code"], jsonrpc::kInvalidParams);
  EXPECT_TRUE(h.Request(6, "ping").contains("result"));
}

}  // namespace
}  // namespace awsmcp::mcp

namespace awsmcp::mcp {
namespace {

// Found by the mcp_server fuzzer: every request of a connection shared one
// cancel token, so cancelling one call dropped every later one unanswered.
TEST(McpServerBoundary, CancellingOneCallLeavesTheOthersAnswered) {
  Tool waits = EchoTool("waits");
  waits.handler = [](const json&, ToolContext& ctx) {
    for (int i = 0; i < 5000 && !ctx.cancel.cancelled(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return ToolResult();
  };
  ServerHarness h({}, {waits, EchoTool("echo")});
  h.Send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "tools/call"}, {"params", {{"name", "waits"}}}});
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // call 1 is in flight
  h.Send({{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", 1}}}});
  auto r = h.Request(2, "tools/call", {{"name", "echo"}, {"arguments", json::object()}});
  EXPECT_EQ(r["id"], 2) << r.dump();
  EXPECT_TRUE(r.contains("result")) << r.dump();
}

}  // namespace
}  // namespace awsmcp::mcp
