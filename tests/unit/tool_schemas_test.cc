// Every argument of every tool, as a client sees it in tools/list, says what
// it is: a model reads only the description to decide what to pass.
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/server_app.h"
#include "transport/memory_transport.h"

namespace awsmcp::app {
namespace {

using nlohmann::json;

// The tools/list pages of the app's own server, over an in-memory pair.
json ListTools() {
  auto [client, server] = transport::MemoryTransport::CreatePair();
  AppOptions options;
  options.region = "us-east-1";
  std::thread serving([&, end = server.get()] { (void)ServeSession(options, *end); });
  auto ask = [&](int id, const std::string& method, json params) -> json {
    EXPECT_TRUE(client->Write(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump()).ok());
    while (true) {
      auto line = client->Read();
      if (!line) return json();
      json m = json::parse(*line, nullptr, false);
      if (m.value("id", json()) == id) return m.value("result", json());
    }
  };
  ask(1, "initialize", {{"protocolVersion", "2025-06-18"}, {"capabilities", json::object()},
                        {"clientInfo", {{"name", "t"}, {"version", "1"}}}});
  EXPECT_TRUE(client->Write(R"({"jsonrpc":"2.0","method":"notifications/initialized"})").ok());
  json tools = json::array();
  json params = json::object();
  for (int id = 2; id < 20; ++id) {
    json page = ask(id, "tools/list", params);
    for (const auto& t : page.value("tools", json::array())) tools.push_back(t);
    if (!page.contains("nextCursor")) break;
    params = {{"cursor", page["nextCursor"]}};
  }
  client->Close();
  serving.join();
  return tools;
}

// Paths of the properties without a description, at any depth.
void Undescribed(const json& schema, const std::string& path, std::vector<std::string>* out) {
  if (!schema.is_object()) return;
  const json properties = schema.value("properties", json::object());
  for (const auto& [name, prop] : properties.items()) {
    const std::string here = path + "." + name;
    if (!prop.is_object() || prop.value("description", "").empty()) out->push_back(here);
    Undescribed(prop, here, out);
  }
  if (schema.contains("items")) Undescribed(schema["items"], path + "[]", out);
}

TEST(ToolSchemas, EveryArgumentHasADescription) {
  json tools = ListTools();
  ASSERT_GE(tools.size(), 7u);
  std::vector<std::string> missing;
  for (const auto& t : tools) Undescribed(t["inputSchema"], t.value("name", "?"), &missing);
  std::string all;
  for (const auto& m : missing) all += m + "\n";
  EXPECT_TRUE(missing.empty()) << "arguments without a description:\n" << all;
}

}  // namespace
}  // namespace awsmcp::app
