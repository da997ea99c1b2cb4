// A McpServer served over an in-memory transport pair, driven as a client
// would, for the protocol layer's tests.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <thread>
#include <vector>

#include "mcp/server.h"
#include "transport/memory_transport.h"

namespace awsmcp::mcp {

class ServerHarness {
 public:
  // `setup` configures the server before it starts serving.
  explicit ServerHarness(ServerOptions options = {}, std::vector<Tool> tools = {},
                         const std::function<void(McpServer&)>& setup = {})
      : server_(options) {
    for (auto& t : tools) server_.AddTool(std::move(t));
    if (setup) setup(server_);
    auto [client, server] = transport::MemoryTransport::CreatePair();
    client_ = std::move(client);
    server_end_ = std::move(server);
    thread_ = std::thread([this] { status_ = server_.Serve(*server_end_); });
  }
  ~ServerHarness() { Finish(); }
  void Finish() {
    if (!thread_.joinable()) return;
    client_->Close();
    thread_.join();
  }
  void Send(const json& m) { ASSERT_TRUE(client_->Write(m.dump()).ok()); }
  void SendRaw(const std::string& s) { ASSERT_TRUE(client_->Write(s).ok()); }
  json Next() {
    auto m = client_->Read();
    EXPECT_TRUE(m.has_value());
    return m ? json::parse(*m) : json();
  }
  // The next message that is not a notification.
  json NextResponse() {
    while (true) {
      json m = Next();
      if (!m.contains("method") || m.is_null()) return m;
      notifications.push_back(m);
    }
  }
  json Request(int id, const std::string& method, json params = json::object()) {
    Send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    return NextResponse();
  }
  std::vector<json> notifications;

 private:
  McpServer server_;
  std::unique_ptr<transport::MemoryTransport> client_, server_end_;
  std::thread thread_;
  Status status_;
};

inline Tool EchoTool(const std::string& name) {
  Tool t;
  t.name = name;
  t.description = "echo";
  t.input_schema = {{"type", "object"}};
  t.handler = [](const json& args, ToolContext& ctx) {
    ctx.progress(1, 2, "half");
    ToolResult r;
    r.structured = {{"echo", args}};
    return r;
  };
  return t;
}

}  // namespace awsmcp::mcp
