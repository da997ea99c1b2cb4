// Mcp-Method / Mcp-Name / MCP-Protocol-Version against the body, with the
// encodings from the spec's own examples (2026-07-28, Streamable HTTP).
#include "transport/mirrored_headers.h"

#include <gtest/gtest.h>

#include "transport/streamable_http.h"

namespace awsmcp::transport {
namespace {

using nlohmann::json;

TEST(MirroredHeaders, DecodesTheSpecsBase64Examples) {
  EXPECT_EQ(DecodeHeaderValue("us-west1"), "us-west1");
  EXPECT_EQ(DecodeHeaderValue("=?base64?SGVsbG8sIOS4lueVjA==?="), "Hello, \xe4\xb8\x96\xe7\x95\x8c");
  EXPECT_EQ(DecodeHeaderValue("=?base64?IHBhZGRlZCA=?="), " padded ");
  EXPECT_EQ(DecodeHeaderValue("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?="), "=?base64?literal?=");
  EXPECT_EQ(DecodeHeaderValue("=?base64?not base64!?="), std::nullopt);
}

HttpRequest Post(std::map<std::string, std::string> headers) {
  HttpRequest r;
  r.method = "POST";
  r.headers = std::move(headers);
  r.headers["mcp-protocol-version"] = "2026-07-28";
  return r;
}

json Call(const std::string& name) {
  return {{"jsonrpc", "2.0"}, {"id", 1}, {"method", "tools/call"},
          {"params", {{"name", name}, {"_meta", {{"io.modelcontextprotocol/protocolVersion", "2026-07-28"}}}}}};
}

TEST(MirroredHeaders, AgreeingHeadersPassWithSpacesAroundValues) {
  EXPECT_EQ(HeaderMismatch(Post({{"mcp-method", " tools/call\t"}, {"mcp-name", "  get_weather "}}),
                           Call("get_weather")),
            std::nullopt);
  EXPECT_EQ(HeaderMismatch(Post({{"mcp-method", "tools/call"}, {"mcp-name", "=?base64?d2VhdGhlcg==?="}}),
                           Call("weather")),
            std::nullopt);
  json list = {{"jsonrpc", "2.0"}, {"id", 2}, {"method", "tools/list"}};
  EXPECT_EQ(HeaderMismatch(Post({{"mcp-method", "tools/list"}}), list), std::nullopt);
}

TEST(MirroredHeaders, EachDisagreementIsNamed) {
  EXPECT_NE(HeaderMismatch(Post({}), Call("x")), std::nullopt);  // no Mcp-Method
  EXPECT_NE(HeaderMismatch(Post({{"mcp-method", "TOOLS/CALL"}, {"mcp-name", "x"}}), Call("x")), std::nullopt);
  EXPECT_NE(HeaderMismatch(Post({{"mcp-method", "tools/call"}}), Call("x")), std::nullopt);  // no Mcp-Name
  EXPECT_NE(HeaderMismatch(Post({{"mcp-method", "tools/call"}, {"mcp-name", "y"}}), Call("x")), std::nullopt);
  json read = {{"jsonrpc", "2.0"}, {"id", 3}, {"method", "resources/read"}, {"params", {{"uri", "aws://ecr/a"}}}};
  EXPECT_NE(HeaderMismatch(Post({{"mcp-method", "resources/read"}, {"mcp-name", "aws://ecr/b"}}), read), std::nullopt);
  EXPECT_EQ(HeaderMismatch(Post({{"mcp-method", "resources/read"}, {"mcp-name", "aws://ecr/a"}}), read), std::nullopt);
  HttpRequest old = Post({{"mcp-method", "tools/call"}, {"mcp-name", "x"}});
  old.headers["mcp-protocol-version"] = "2025-11-25";  // disagrees with the body's _meta
  EXPECT_NE(HeaderMismatch(old, Call("x")), std::nullopt);
}

TEST(MirroredHeaders, AHeaderTheLibraryPercentDecodedMatchesTheBodyDecodedTheSameWay) {
  json read = {{"jsonrpc", "2.0"}, {"id", 4}, {"method", "resources/read"}, {"params", {{"uri", "aws://logs/%2Fa"}}}};
  HttpRequest sent = Post({{"mcp-method", "resources/read"}, {"mcp-name", "aws://logs//a"}});  // as decoded
  EXPECT_NE(HeaderMismatch(sent, read), std::nullopt);  // the library left it alone: it differs
  sent.header_values_percent_decoded = true;
  EXPECT_EQ(HeaderMismatch(sent, read), std::nullopt);
  sent.headers["mcp-name"] = "aws://logs//b";
  EXPECT_NE(HeaderMismatch(sent, read), std::nullopt);
}

TEST(MirroredHeaders, FindsAnnotatedParametersReachableThroughPropertiesOnly) {
  json schema = json::parse(R"({"type": "object", "properties": {
      "region": {"type": "string", "x-mcp-header": "Region"},
      "target": {"type": "object", "properties": {"id": {"type": "string", "x-mcp-header": "Target"}}},
      "list": {"type": "array", "items": {"type": "object", "properties": {}}}}})");
  auto found = FindMirroredParams(schema);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].path, (std::vector<std::string>{"region"}));
  EXPECT_EQ(found[0].header, "Region");
  EXPECT_EQ(found[1].path, (std::vector<std::string>{"target", "id"}));
}

TEST(MirroredHeaders, ToolArgumentsMustMatchTheirParamHeaders) {
  MirroredParams tools = {{"get", {{{"region"}, "Region"}, {{"n"}, "N"}}}};
  json call = Call("get");
  call["params"]["arguments"] = {{"region", "us-west1"}, {"n", 42}};
  auto with = [&](std::map<std::string, std::string> extra) {
    HttpRequest r = Post({{"mcp-method", "tools/call"}, {"mcp-name", "get"}});
    for (auto& [k, v] : extra) r.headers[k] = v;
    return HeaderMismatch(r, call, tools);
  };
  EXPECT_EQ(with({{"mcp-param-region", "us-west1"}, {"mcp-param-n", "42.0"}}), std::nullopt);  // numbers as numbers
  EXPECT_EQ(with({{"mcp-param-region", "=?base64?dXMtd2VzdDE=?="}, {"mcp-param-n", "42"}}), std::nullopt);
  EXPECT_NE(with({{"mcp-param-n", "42"}}), std::nullopt);                                     // Region missing
  EXPECT_NE(with({{"mcp-param-region", "us-east1"}, {"mcp-param-n", "42"}}), std::nullopt);   // differs
  EXPECT_NE(with({{"mcp-param-region", "us-west1"}, {"mcp-param-n", "43"}}), std::nullopt);
  EXPECT_NE(with({{"mcp-param-region", "us-west1\n"}, {"mcp-param-n", "42"}}), std::nullopt); // not a header value
  EXPECT_NE(with({{"mcp-param-region", "=?base64?SGVsbG8?="}, {"mcp-param-n", "42"}}), std::nullopt);  // unpadded
  call["params"]["arguments"] = {{"n", 42}};
  EXPECT_EQ(with({{"mcp-param-n", "42"}}), std::nullopt);  // an argument not given needs no header
}

}  // namespace
}  // namespace awsmcp::transport
