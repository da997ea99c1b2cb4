// Shared config files, credentials chain, region and endpoint resolution,
// with a FakeEnv for variables, files and time.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "aws/credentials_chain.h"
#include "aws/credentials_providers.h"
#include "aws/endpoint.h"
#include "aws/ini_file.h"
#include "aws/region.h"
#include "aws/shared_config.h"
#include "fake_env.h"
#include "models/model_registry.h"

namespace awsmcp::aws {
namespace {

using testing::FakeEnv;

constexpr char kConfig[] = R"(# comment
[default]
region = us-west-2

[profile team]
region=eu-central-1
endpoint_url = http://127.0.0.1:4566
services = local
s3 =
  max_concurrent_requests = 10
; another comment
[profile keys-in-config]
aws_access_key_id = AKIDCONFIG
aws_secret_access_key = config-secret

[services local]
ecs =
  endpoint_url = http://127.0.0.1:7000
cloudwatch_logs =
  endpoint_url = http://127.0.0.1:7001
)";

constexpr char kCredentials[] = R"([default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = default-secret

[team]
aws_access_key_id = AKIDTEAM
aws_secret_access_key = team-secret
aws_session_token = team-token
)";

// No test here may reach for a real instance metadata service.
CredentialDeps Deps(FakeEnv& env) {
  env.vars["AWS_EC2_METADATA_DISABLED"] = "true";
  return {&env, nullptr, &models::ModelRegistry::Embedded()};
}

void SetFiles(FakeEnv& env) {
  env.vars["HOME"] = "/home/u";
  env.SetFile("/home/u/.aws/config", kConfig);
  env.SetFile("/home/u/.aws/credentials", kCredentials);
}

TEST(IniFile, ParsesSectionsKeysAndNestedBlocks) {
  auto ini = ParseIni(kConfig, "config");
  ASSERT_TRUE(ini.has_value()) << ini.error().message();
  EXPECT_EQ(ini->at("default").values.at("region"), "us-west-2");
  EXPECT_EQ(ini->at("profile team").values.at("region"), "eu-central-1");
  EXPECT_EQ(ini->at("profile team").nested.at("s3").at("max_concurrent_requests"), "10");
  EXPECT_EQ(ini->at("services local").nested.at("cloudwatch_logs").at("endpoint_url"), "http://127.0.0.1:7001");
}

TEST(IniFile, ErrorsNameFileAndLine) {
  auto bad = ParseIni("[a]\nx = 1\nnot a pair\n", "/f");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("/f:3"), std::string::npos);
  EXPECT_FALSE(ParseIni("key = outside\n", "/f").has_value());
  EXPECT_FALSE(ParseIni("[unclosed\n", "/f").has_value());
  EXPECT_FALSE(ParseIni(std::string(2 << 20, 'x'), "/f").has_value());
}

TEST(SharedConfig, ProfileFromFlagThenEnvironment) {
  FakeEnv env;
  EXPECT_EQ(ResolveProfileName(env, ""), "default");
  env.vars["AWS_PROFILE"] = "team";
  EXPECT_EQ(ResolveProfileName(env, ""), "team");
  EXPECT_EQ(ResolveProfileName(env, "other"), "other");
}

TEST(SharedConfig, PathsFromEnvironment) {
  FakeEnv env;
  env.vars["HOME"] = "/h";
  EXPECT_EQ(DefaultSharedConfigPaths(env).config, "/h/.aws/config");
  env.vars["AWS_CONFIG_FILE"] = "~/cfg";
  env.vars["AWS_SHARED_CREDENTIALS_FILE"] = "/abs/creds";
  EXPECT_EQ(DefaultSharedConfigPaths(env).config, "/h/cfg");
  EXPECT_EQ(DefaultSharedConfigPaths(env).credentials, "/abs/creds");
}

TEST(Credentials, EnvironmentFirstThenFiles) {
  FakeEnv env;
  SetFiles(env);
  auto chain = MakeDefaultCredentialsProvider(Deps(env), ResolveProfileName(env, ""), false);
  auto c = chain->Get();
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->access_key_id, "AKIDDEFAULT");
  env.vars["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  env.vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  env.vars["AWS_SESSION_TOKEN"] = "env-token";
  env.Advance(std::chrono::seconds(2));  // past the recheck interval
  c = chain->Get();
  EXPECT_EQ(c->access_key_id, "AKIDENV");
  EXPECT_EQ(c->session_token, "env-token");
  EXPECT_EQ(c->source, "environment");
}

TEST(Credentials, ExplicitProfileSkipsEnvironmentAndReadsConfigFileKeys) {
  FakeEnv env;
  SetFiles(env);
  env.vars["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  env.vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  auto c = MakeDefaultCredentialsProvider(Deps(env), "team", true)->Get();
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->access_key_id, "AKIDTEAM");
  EXPECT_EQ(c->session_token, "team-token");
  EXPECT_EQ(MakeDefaultCredentialsProvider(Deps(env), "keys-in-config", true)->Get()->access_key_id, "AKIDCONFIG");
}

TEST(Credentials, EditedFilesArePickedUpWithoutRestart) {
  FakeEnv env;
  SetFiles(env);
  auto chain = MakeDefaultCredentialsProvider(Deps(env), ResolveProfileName(env, ""), false);
  EXPECT_EQ(chain->Get()->access_key_id, "AKIDDEFAULT");
  env.SetFile("/home/u/.aws/credentials", "[default]\naws_access_key_id = AKIDNEW\naws_secret_access_key = s\n", 2);
  EXPECT_EQ(chain->Get()->access_key_id, "AKIDDEFAULT");  // within the recheck interval
  env.Advance(std::chrono::seconds(2));
  EXPECT_EQ(chain->Get()->access_key_id, "AKIDNEW");
}

TEST(Credentials, NoneFoundListsWhatWasTriedWithoutSecrets) {
  FakeEnv env;
  env.vars["HOME"] = "/nowhere";
  auto c = MakeDefaultCredentialsProvider(Deps(env), ResolveProfileName(env, ""), false)->Get();
  ASSERT_FALSE(c.has_value());
  EXPECT_NE(c.error().message().find("aws configure"), std::string::npos);
  env.vars["AWS_ACCESS_KEY_ID"] = "AKIDONLY";
  env.Advance(std::chrono::seconds(2));
  c = MakeDefaultCredentialsProvider(Deps(env), ResolveProfileName(env, ""), false)->Get();
  ASSERT_FALSE(c.has_value());  // half a pair is an error, not a fall-through
  EXPECT_EQ(c.error().message().find("AKIDONLY"), std::string::npos);
}

class CountingProvider : public CredentialsProvider {
 public:
  explicit CountingProvider(FakeEnv* env) : env_(env) {}
  Result<Credentials> Get() override {
    ++calls;
    Credentials c{"AKID" + std::to_string(calls), "s", "t", env_->Now() + std::chrono::minutes(60), "test"};
    return c;
  }
  std::string Name() const override { return "counting"; }
  int calls = 0;

 private:
  FakeEnv* env_;
};

TEST(Credentials, TemporaryCredentialsRefreshBeforeExpiry) {
  FakeEnv env;
  auto inner = std::make_unique<CountingProvider>(&env);
  CountingProvider* counter = inner.get();
  CachingCredentialsProvider cache(std::move(inner), &env);
  EXPECT_EQ(cache.Get()->access_key_id, "AKID1");
  env.Advance(std::chrono::minutes(54));
  EXPECT_EQ(cache.Get()->access_key_id, "AKID1");
  env.Advance(std::chrono::minutes(1) + std::chrono::seconds(1));  // inside the 5-minute window
  EXPECT_EQ(cache.Get()->access_key_id, "AKID2");
  EXPECT_EQ(counter->calls, 2);
}

TEST(Region, Precedence) {
  FakeEnv env;
  SetFiles(env);
  auto config = SharedConfig::Load(env, DefaultSharedConfigPaths(env), "default");
  ASSERT_TRUE(config.has_value());
  EXPECT_EQ(ResolveRegion(env, "", &*config)->source, "profile default");
  env.vars["AWS_DEFAULT_REGION"] = "ap-south-1";
  EXPECT_EQ(ResolveRegion(env, "", &*config)->region, "ap-south-1");
  env.vars["AWS_REGION"] = "eu-west-1";
  EXPECT_EQ(ResolveRegion(env, "", &*config)->region, "eu-west-1");
  EXPECT_EQ(ResolveRegion(env, "us-gov-west-1", &*config)->source, "--region");
  EXPECT_FALSE(ResolveRegion(env, "US East", &*config).has_value());
}

TEST(Endpoint, SdkPrecedenceAndDefaults) {
  FakeEnv env;
  SetFiles(env);
  auto& models = models::ModelRegistry::Embedded();
  const auto& ecs = (*models.Get("ecs"))->metadata();
  const auto& logs = (*models.Get("logs"))->metadata();
  const auto& iam = (*models.Get("iam"))->metadata();
  EXPECT_EQ(ResolveEndpoint(env, nullptr, ecs, "eu-west-1")->url, "https://ecs.eu-west-1.amazonaws.com");
  EXPECT_EQ(ResolveEndpoint(env, nullptr, ecs, "cn-north-1")->url, "https://ecs.cn-north-1.amazonaws.com.cn");
  auto global = ResolveEndpoint(env, nullptr, iam, "eu-west-1");
  EXPECT_EQ(global->url, "https://iam.amazonaws.com");
  EXPECT_EQ(global->signing_region, "us-east-1");

  auto team = SharedConfig::Load(env, DefaultSharedConfigPaths(env), "team");
  EXPECT_EQ(ResolveEndpoint(env, &*team, ecs, "eu-west-1")->url, "http://127.0.0.1:7000");
  EXPECT_EQ(ResolveEndpoint(env, &*team, logs, "eu-west-1")->url, "http://127.0.0.1:7001");
  EXPECT_EQ(ResolveEndpoint(env, &*team, iam, "eu-west-1")->url, "http://127.0.0.1:4566");
  env.vars["AWS_ENDPOINT_URL"] = "http://localhost:9000/";
  EXPECT_EQ(ResolveEndpoint(env, &*team, ecs, "eu-west-1")->url, "http://localhost:9000");
  env.vars["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"] = "https://logs.example:8443";
  EXPECT_EQ(ResolveEndpoint(env, &*team, logs, "eu-west-1")->url, "https://logs.example:8443");
  env.vars["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
  EXPECT_EQ(ResolveEndpoint(env, &*team, logs, "eu-west-1")->url, "https://logs.eu-west-1.amazonaws.com");
  env.vars.erase("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  env.vars["AWS_ENDPOINT_URL_ECS"] = "file:///etc/passwd";
  EXPECT_FALSE(ResolveEndpoint(env, &*team, ecs, "eu-west-1").has_value());
}

}  // namespace
}  // namespace awsmcp::aws

namespace awsmcp::aws {
namespace {

class SlowCountingProvider : public CredentialsProvider {
 public:
  explicit SlowCountingProvider(testing::FakeEnv* env) : env_(env) {}
  Result<Credentials> Get() override {
    calls.fetch_add(1);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return Credentials{"AKID", "s", "t", env_->Now() + std::chrono::minutes(60), "test"};
  }
  std::string Name() const override { return "slow"; }
  std::atomic<int> calls{0};

 private:
  testing::FakeEnv* env_;
};

// Under load, credentials that are due are fetched once, not once per caller.
TEST(Credentials, OneRefreshAtATimeUnderLoad) {
  testing::FakeEnv env;
  auto inner = std::make_unique<SlowCountingProvider>(&env);
  SlowCountingProvider* counter = inner.get();
  CachingCredentialsProvider cache(std::move(inner), &env);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] { ok += cache.Get().has_value(); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 16);
  EXPECT_EQ(counter->calls.load(), 1);
}

}  // namespace
}  // namespace awsmcp::aws
