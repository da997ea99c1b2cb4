// EndpointResolver against botocore's EndpointRulesetResolver: the rows of
// tests/data/endpoints/botocore-resolver-vectors.json.gz (written by
// scripts/gen_endpoint_vectors.py) cover every service over regions of every
// partition with FIPS and dual-stack on and off. Also: built-ins, context
// parameters, auth schemes, the region check and the cache bound.
#include <gtest/gtest.h>

#include <map>

#include "aws/endpoint_resolver.h"
#include "aws/endpoint.h"
#include "endpoint_data.h"
#include "fake_env.h"
#include "models/model_registry.h"

namespace awsmcp::aws {
namespace {

using nlohmann::json;
using testing::ReadJson;
using testing::TestPartitions;
using testing::TestRuleSet;

// Each rule set parsed once, as the shipped resolver does.
Result<std::shared_ptr<const EndpointRuleSet>> MemoRuleSet(const std::string& svc) {
  static std::map<std::string, Result<std::shared_ptr<const EndpointRuleSet>>> memo;
  auto it = memo.find(svc);
  if (it == memo.end()) it = memo.emplace(svc, TestRuleSet(svc)).first;
  return it->second;
}

EndpointResolver MakeResolver(size_t capacity = 4096) { return EndpointResolver(MemoRuleSet, TestPartitions(), capacity); }

json Actual(const ResolvedEndpoint& ep) {
  json headers = json::object();
  for (const auto& [k, v] : ep.headers) headers[k] = json::array({v});
  return json{{"url", ep.url}, {"headers", headers}, {"properties", ep.properties}};
}

TEST(EndpointResolverVectors, EveryRowMatchesBotocore) {
  json doc = ReadJson(std::string(AWSMCP_TEST_DATA) + "/endpoints/botocore-resolver-vectors.json.gz");
  ASSERT_TRUE(doc.is_object() && doc["rows"].size() > 10000) << "regenerate with scripts/gen_endpoint_vectors.py";
  EndpointResolver resolver = MakeResolver(1 << 16);
  std::map<std::string, std::shared_ptr<const models::ServiceModel>> models;
  size_t failures = 0;
  std::string report;
  for (const auto& row : doc["rows"]) {
    const std::string service = row[0], op = row[1], region = row[2];
    auto& model = models[service];
    if (!model) {
      auto parsed = models::ModelRegistry::Embedded().Get(service);
      ASSERT_TRUE(parsed) << service << ": " << parsed.error().message();
      model = *parsed;
    }
    EndpointSettings settings;
    settings.use_fips = row[3];
    settings.use_dual_stack = row[4];
    json context = OperationContextParams(*model, *model->FindOperation(op), json::object());
    auto got = resolver.Resolve(service, region, settings, context);
    const json& want = row[5];
    std::string problem;
    if (want.contains("error")) {
      if (got) problem = "wanted error " + want["error"].dump() + ", got " + got->url;
      else if (got.error().message() != service + " endpoint: " + want["error"].get<std::string>()) {
        problem = got.error().message();
      }
    } else if (!got) {
      problem = got.error().message();
    } else if (Actual(*got) != want) {
      problem = "got " + Actual(*got).dump() + " want " + want.dump();
    }
    if (!problem.empty() && ++failures <= 20) {
      report += service + " " + op + " " + region + " fips=" + row[3].dump() + " ds=" + row[4].dump() + ": " +
                problem + "\n";
    }
  }
  EXPECT_EQ(failures, 0u) << failures << " of " << doc["rows"].size() << " rows differ:\n" << report;
}

TEST(EndpointResolver, GlobalServicesSignWithTheRegionTheRulesGive) {
  EndpointResolver resolver = MakeResolver();
  auto iam = resolver.Resolve("iam", "eu-west-1", {});
  ASSERT_TRUE(iam) << iam.error().message();
  EXPECT_EQ(iam->url, "https://iam.amazonaws.com");
  EXPECT_EQ(iam->signing_region, "us-east-1");
  auto cf = resolver.Resolve("cloudfront", "ap-south-1", {});
  ASSERT_TRUE(cf);
  EXPECT_EQ(cf->signing_region, "us-east-1");
  auto iam_cn = resolver.Resolve("iam", "cn-north-1", {});
  ASSERT_TRUE(iam_cn);
  EXPECT_EQ(iam_cn->url, "https://iam.cn-north-1.amazonaws.com.cn");
  EXPECT_EQ(iam_cn->signing_region, "cn-north-1");
}

TEST(EndpointResolver, S3BucketsAndSettings) {
  EndpointResolver resolver = MakeResolver();
  auto hosted = resolver.Resolve("s3", "eu-west-1", {}, json{{"Bucket", "my-bucket"}});
  ASSERT_TRUE(hosted) << hosted.error().message();
  EXPECT_EQ(hosted->url, "https://my-bucket.s3.eu-west-1.amazonaws.com");
  EXPECT_TRUE(hosted->disable_double_encoding);
  EXPECT_EQ(hosted->signing_name, "s3");
  auto dotted = resolver.Resolve("s3", "eu-west-1", {}, json{{"Bucket", "My_Bucket"}});
  ASSERT_TRUE(dotted);
  EXPECT_EQ(dotted->url, "https://s3.eu-west-1.amazonaws.com/My_Bucket");
  EndpointSettings emulator;
  emulator.endpoint = "http://127.0.0.1:5000";
  emulator.s3_force_path_style = true;
  auto local = resolver.Resolve("s3", "us-east-1", emulator, json{{"Bucket", "b1"}});
  ASSERT_TRUE(local);
  EXPECT_EQ(local->url, "http://127.0.0.1:5000/b1");
  auto mrap = resolver.Resolve("s3", "us-east-1", {}, json{{"Bucket", "arn:aws:s3::123456789012:accesspoint:mfzwi23gnjvgw.mrap"}});
  ASSERT_FALSE(mrap);
  EXPECT_NE(mrap.error().message().find("sigv4a"), std::string::npos) << mrap.error().message();
}

TEST(EndpointResolver, ErrorRulesPassThrough) {
  EndpointResolver resolver = MakeResolver();
  EndpointSettings s;
  s.use_fips = true;
  s.s3_accelerate = true;
  auto r = resolver.Resolve("s3", "us-east-1", s, json{{"Bucket", "bucket"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.error().message(), "s3 endpoint: Accelerate cannot be used with FIPS");
}

TEST(EndpointResolver, UnknownRegionNamesCloseMatches) {
  EndpointResolver resolver = MakeResolver();
  auto r = resolver.Resolve("ecs", "us-esat-1", {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.error().message(), "unknown region 'us-esat-1'; did you mean us-east-1?");
  EndpointSettings local;
  local.endpoint = "http://127.0.0.1:4566";
  EXPECT_TRUE(resolver.Resolve("ecs", "us-esat-1", local));  // an emulator takes any region
  EXPECT_TRUE(CheckRegion(*TestPartitions(), "eu-isoe-west-1").ok());
}

TEST(EndpointResolver, CacheIsBounded) {
  int loads = 0;
  EndpointResolver resolver(
      [&](const std::string& svc) {
        ++loads;
        return TestRuleSet(svc);
      },
      TestPartitions(), 2);
  for (const char* region : {"us-east-1", "us-west-2", "eu-west-1", "us-east-1"}) {
    ASSERT_TRUE(resolver.Resolve("sqs", region, {}));
  }
  EXPECT_EQ(loads, 4);  // us-east-1 was evicted by the third region
  ASSERT_TRUE(resolver.Resolve("sqs", "us-east-1", {}));
  EXPECT_EQ(loads, 4);
}

TEST(EndpointResolver, ContextParamsFromTheModel) {
  auto s3 = models::ModelRegistry::Embedded().Get("s3");
  ASSERT_TRUE(s3) << s3.error().message();
  const models::Operation* get = (*s3)->FindOperation("GetObject");
  ASSERT_NE(get, nullptr);
  json ctx = OperationContextParams(**s3, *get, json{{"Bucket", "b"}, {"Key", "k"}});
  EXPECT_EQ(ctx["Bucket"], "b");
  EXPECT_EQ(ctx["Key"], "k");
  const models::Operation* create = (*s3)->FindOperation("CreateBucket");
  ASSERT_NE(create, nullptr);
  EXPECT_EQ(OperationContextParams(**s3, *create, json{{"Bucket", "b"}})["DisableAccessPoints"], true);
}

// The whole path AwsClient takes: settings from the environment, the shipped
// resolver, the operation's input as context.
TEST(Endpoint, SettingsFromTheEnvironmentReachTheRules) {
  awsmcp::testing::FakeEnv env;
  auto& registry = models::ModelRegistry::Embedded();
  auto ecs = registry.Get("ecs");
  auto s3 = registry.Get("s3");
  ASSERT_TRUE(ecs && s3);
  const auto& ecs_meta = (*ecs)->metadata();
  env.vars["AWS_USE_FIPS_ENDPOINT"] = "true";
  EXPECT_EQ(ResolveEndpoint(env, nullptr, ecs_meta, "us-east-1")->url, "https://ecs-fips.us-east-1.amazonaws.com");
  env.vars.erase("AWS_USE_FIPS_ENDPOINT");
  env.vars["AWS_USE_DUALSTACK_ENDPOINT"] = "true";
  EXPECT_EQ(ResolveEndpoint(env, nullptr, ecs_meta, "eu-west-1")->url, "https://ecs.eu-west-1.api.aws");
  env.vars.erase("AWS_USE_DUALSTACK_ENDPOINT");

  auto typo = ResolveEndpoint(env, nullptr, ecs_meta, "us-esat-1");
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error().message(), "unknown region 'us-esat-1'; did you mean us-east-1?");
  EXPECT_EQ(CheckKnownRegion("us-esat-1").message(), typo.error().message());

  const json input = {{"Bucket", "my-bucket"}, {"Key", "a/b"}};
  const std::string region = "us-west-2";
  EndpointQuery get{(*s3)->metadata(), region, s3->get(), (*s3)->FindOperation("GetObject"), &input};
  auto hosted = ResolveEndpoint(env, nullptr, get);
  ASSERT_TRUE(hosted) << hosted.error().message();
  EXPECT_EQ(hosted->url, "https://my-bucket.s3.us-west-2.amazonaws.com");
  EXPECT_EQ(hosted->signing_name, "s3");
  EXPECT_TRUE(hosted->disable_double_encoding);
  // Against an emulator S3 is addressed path-style, as botocore does.
  env.vars["AWS_ENDPOINT_URL"] = "http://localhost:5000";
  EXPECT_EQ(ResolveEndpoint(env, nullptr, get)->url, "http://localhost:5000/my-bucket");
}

}  // namespace
}  // namespace awsmcp::aws
