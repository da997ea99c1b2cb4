// The endpoint rules engine against botocore's own endpoint test suite:
// tests/data/endpoints/botocore-endpoint-tests-1.43.11.json.gz holds every case
// of boto/botocore tests/functional/endpoint-rules/*/endpoint-tests-1.json at
// tag 1.43.11 (the installed botocore), minified, keyed by service. Each case
// gives rule parameters and the URL, headers and properties, or the error.
#include <gtest/gtest.h>

#include "aws/endpoint_functions.h"
#include "base/closest_names.h"
#include "endpoint_data.h"

namespace awsmcp::aws {
namespace {

using nlohmann::json;
using testing::ReadJson;
using testing::TestPartitions;
using testing::TestRuleSet;

json Actual(const RuleEndpoint& ep) {
  json headers = json::object();
  for (const auto& [k, v] : ep.headers) headers[k] = v;
  return json{{"url", ep.url}, {"headers", headers}, {"properties", ep.properties}};
}

json Expected(const json& endpoint) {
  return json{{"url", endpoint.value("url", "")},
              {"headers", endpoint.value("headers", json::object())},
              {"properties", endpoint.value("properties", json::object())}};
}

TEST(EndpointRules, EveryBotocoreTestCaseOfEveryService) {
  json suites = ReadJson(std::string(AWSMCP_TEST_DATA) + "/endpoints/botocore-endpoint-tests-1.43.11.json.gz");
  ASSERT_TRUE(suites.is_object() && suites.size() > 400);
  size_t cases = 0, failures = 0;
  std::string report;
  for (const auto& [service, tests] : suites.items()) {
    auto rules = TestRuleSet(service);
    if (!rules) {
      ADD_FAILURE() << service << ": " << rules.error().message();
      continue;
    }
    for (const auto& t : tests) {
      ++cases;
      auto got = (*rules)->Evaluate(t.value("params", json::object()));
      const json& expect = t["expect"];
      std::string problem;
      if (expect.contains("error")) {
        if (got) problem = "wanted error " + expect["error"].dump() + ", got " + got->url;
        else if (got.error().message() != expect["error"].get<std::string>()) problem = "error " + got.error().message();
      } else if (!got) {
        problem = "error " + got.error().message();
      } else if (Actual(*got) != Expected(expect["endpoint"])) {
        problem = "got " + Actual(*got).dump() + " want " + Expected(expect["endpoint"]).dump();
      }
      if (!problem.empty() && ++failures <= 20) {
        report += service + " [" + t.value("documentation", "") + "]: " + problem + "\n";
      }
    }
  }
  EXPECT_GT(cases, 13000u);
  EXPECT_EQ(failures, 0u) << failures << " of " << cases << " cases differ:\n" << report;
}

TEST(EndpointRules, RejectsUnknownFunctionsAndNamesOutOfScope) {
  auto parts = TestPartitions();
  ASSERT_TRUE(parts);
  json bad_fn = json::parse(R"({"version":"1.0","parameters":{},"rules":[
      {"type":"error","conditions":[{"fn":"launchRockets","argv":[]}],"error":"x"}]})");
  EXPECT_FALSE(EndpointRuleSet::Parse(bad_fn, parts).has_value());
  json bad_ref = json::parse(R"({"version":"1.0","parameters":{},"rules":[
      {"type":"endpoint","conditions":[],"endpoint":{"url":"https://{Nowhere}"}}]})");
  EXPECT_FALSE(EndpointRuleSet::Parse(bad_ref, parts).has_value());
}

TEST(EndpointRules, AssignedNamesStayInTheirRule) {
  json doc = json::parse(R"({"version":"1.0","parameters":{"R":{"type":"string"}},"rules":[
      {"type":"tree","conditions":[{"fn":"aws.partition","argv":[{"ref":"R"}],"assign":"P"},
                                   {"fn":"booleanEquals","argv":[true,false]}],
       "rules":[{"type":"error","conditions":[],"error":"never"}]},
      {"type":"endpoint","conditions":[{"fn":"aws.partition","argv":[{"ref":"R"}],"assign":"P"}],
       "endpoint":{"url":"https://x.{R}.{P#dnsSuffix}","headers":{"h":["{{R}}", "{not one"]}}}]})");
  auto set = EndpointRuleSet::Parse(doc, TestPartitions());
  ASSERT_TRUE(set) << set.error().message();
  auto ep = (*set)->Evaluate(json{{"R", "cn-north-1"}});
  ASSERT_TRUE(ep) << ep.error().message();
  EXPECT_EQ(ep->url, "https://x.cn-north-1.amazonaws.com.cn");
  // Python's format syntax, as botocore reads it: {{ is a brace; no {name} means no template.
  EXPECT_EQ(ep->headers.at("h"), (std::vector<std::string>{"{R}", "{not one"}));
}

TEST(EndpointFunctions, ParseUrl) {
  json u = endpoint_fn::ParseUrl("https://Example.com:8443/a/./b/../c");
  EXPECT_EQ(u["scheme"], "https");
  EXPECT_EQ(u["authority"], "Example.com:8443");
  EXPECT_EQ(u["path"], "/a/./b/../c");
  EXPECT_EQ(u["normalizedPath"], "/a/c/");
  EXPECT_EQ(u["isIp"], false);
  EXPECT_EQ(endpoint_fn::ParseUrl("http://[::1]:80")["isIp"], true);
  EXPECT_EQ(endpoint_fn::ParseUrl("http://10.0.0.1")["normalizedPath"], "/");
  EXPECT_TRUE(endpoint_fn::ParseUrl("https://a.com?x=1").is_null());
  EXPECT_TRUE(endpoint_fn::ParseUrl("ftp://a.com").is_null());
  EXPECT_TRUE(endpoint_fn::ParseUrl("https://a.com:port").is_null());
}

TEST(EndpointFunctions, ArnLabelsAndSubstrings) {
  json arn = endpoint_fn::ParseArn("arn:aws:s3:us-west-2:123456789012:accesspoint:my/ap");
  EXPECT_EQ(arn["resourceId"], json({"accesspoint", "my", "ap"}));
  EXPECT_EQ(arn["accountId"], "123456789012");
  EXPECT_TRUE(endpoint_fn::ParseArn("arn:aws:s3:::").is_null());
  EXPECT_TRUE(endpoint_fn::IsValidHostLabel("a-b.c", true));
  EXPECT_FALSE(endpoint_fn::IsValidHostLabel("a-b.c", false));
  EXPECT_FALSE(endpoint_fn::IsValidHostLabel("-ab", false));
  EXPECT_FALSE(endpoint_fn::IsVirtualHostableS3Bucket("192.168.1.1", true));
  EXPECT_FALSE(endpoint_fn::IsVirtualHostableS3Bucket("Bucket", false));
  EXPECT_EQ(endpoint_fn::Substring("abcdef", 0, 4, true), "cdef");
  EXPECT_EQ(endpoint_fn::Substring("abc", 0, 4, false), std::nullopt);
}

TEST(Partitions, UnknownRegionsAndTheirNeighbours) {
  auto parts = TestPartitions();
  ASSERT_TRUE(parts);
  EXPECT_TRUE(parts->IsKnownRegion("us-east-1"));
  EXPECT_FALSE(parts->IsKnownRegion("us-esat-1"));
  EXPECT_EQ(parts->Match("us-esat-1")["name"], "aws");  // the regex is looser than the list
  EXPECT_EQ(parts->Match("us-gov-west-1")["name"], "aws-us-gov");
  EXPECT_EQ(parts->Match("eu-isoe-west-1")["name"], "aws-iso-e");
  auto close = parts->CloseRegions("us-esat-1");
  ASSERT_FALSE(close.empty());
  EXPECT_EQ(close.front(), "us-east-1");
  EXPECT_TRUE(parts->CloseRegions("zzzzzzzzzzzzzzzz").empty());
  EXPECT_EQ(EditDistance("us-esat-1", "us-east-1"), 1u);
  EXPECT_EQ(EditDistance("eu-west-1", "eu-west-2"), 1u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(parts->CloseRegions("eu-west-4"), (std::vector<std::string>{"eu-west-1", "eu-west-2", "eu-west-3"}));
}

}  // namespace
}  // namespace awsmcp::aws
