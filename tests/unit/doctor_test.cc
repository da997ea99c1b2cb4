// The doctor's pieces that need no AWS: the region list, the report's
// shapes, and the smaller command-line and configuration defects of issue 14.
#include <cstdio>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/config_file.h"
#include "app/doctor.h"
#include "app/doctor_report.h"
#include "app/options.h"
#include "aws/error_hints.h"
#include "aws/region_catalog.h"
#include "fake_env.h"

namespace awsmcp {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string ReadAll(std::FILE* f) {
  std::rewind(f);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  return out;
}

TEST(RegionCatalog, ReadsEveryPartitionsRegions) {
  auto catalog = aws::RegionCatalog::FromPartitionsJson(
      R"({"partitions": [{"id": "aws", "regions": {"us-east-1": {}, "eu-west-1": {}}},
                         {"id": "aws-cn", "regions": {"cn-north-1": {}}}]})");
  ASSERT_TRUE(catalog.has_value()) << catalog.error().message();
  EXPECT_TRUE(catalog->Contains("cn-north-1"));
  EXPECT_FALSE(catalog->Contains("us-esat-1"));
  EXPECT_FALSE(aws::RegionCatalog::FromPartitionsJson("[]").has_value());
}

TEST(RegionCatalog, EmbeddedKnowsTheRegionsAndSpellsAMistypedOne) {
  auto catalog = aws::RegionCatalog::Embedded();
  ASSERT_TRUE(catalog.has_value()) << catalog.error().message();
  EXPECT_TRUE(catalog->Contains("us-east-1"));
  EXPECT_TRUE(catalog->Contains("eu-west-1"));
  EXPECT_TRUE(catalog->Contains("us-gov-west-1"));
  EXPECT_FALSE(catalog->Contains("us-esat-1"));
  auto close = catalog->Closest("us-esat-1");
  ASSERT_FALSE(close.empty());
  EXPECT_EQ(close.front(), "us-east-1");
}

TEST(Doctor, MistypedRegionFailsBeforeAnythingIsSent) {
  testing::FakeEnv env;
  env.vars = {{"AWS_ACCESS_KEY_ID", "AKIDUNITTEST00000001"}, {"AWS_SECRET_ACCESS_KEY", "unit-secret"},
              {"AWS_REGION", "us-esat-1"}, {"AWS_ENDPOINT_URL", "http://127.0.0.1:9"},
              {"AWS_EC2_METADATA_DISABLED", "true"}, {"HOME", "/nonexistent-home"}};
  aws::RegionCatalog regions({"us-east-1", "us-east-2", "eu-west-1"});
  app::AppOptions options;
  options.doctor_deadline_seconds = 5;
  std::FILE* out = std::tmpfile();
  int code = app::RunDoctor(options, env, regions, out);
  std::string text = ReadAll(out);
  std::fclose(out);
  EXPECT_EQ(code, 1) << text;
  EXPECT_THAT(text, HasSubstr("FAIL  region"));
  EXPECT_THAT(text, HasSubstr("did you mean us-east-1"));
  EXPECT_THAT(text, HasSubstr("export AWS_REGION=us-east-1"));
  EXPECT_THAT(text, HasSubstr("SKIP  identity and service checks"));
  EXPECT_THAT(text, Not(HasSubstr("NetworkError")));  // nothing was sent to the closed port
  EXPECT_THAT(text, Not(HasSubstr("unit-secret")));
  // A missing ~/.aws is stated, never passed.
  EXPECT_THAT(text, HasSubstr("WARN  config file"));
  EXPECT_THAT(text, HasSubstr("no folder /nonexistent-home/.aws"));
}

TEST(Doctor, ExplicitProfileThatShadowsEnvironmentKeysIsReported) {
  testing::FakeEnv env;
  env.vars = {{"AWS_ACCESS_KEY_ID", "AKIDUNITTEST00000001"}, {"AWS_SECRET_ACCESS_KEY", "unit-secret"},
              {"AWS_REGION", "moon-1"}, {"HOME", "/h"}, {"AWS_EC2_METADATA_DISABLED", "true"}};
  env.SetFile("/h/.aws/credentials", "[team]\naws_access_key_id = AKIDTEAM000000000001\naws_secret_access_key = s\n");
  aws::RegionCatalog regions({"us-east-1"});
  app::AppOptions options;
  options.profile = "team";
  options.doctor_json = true;
  std::FILE* out = std::tmpfile();
  int code = app::RunDoctor(options, env, regions, out);
  std::string text = ReadAll(out);
  std::fclose(out);
  EXPECT_EQ(code, 1);
  auto doc = nlohmann::json::parse(text, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << text;
  EXPECT_EQ(doc["ok"], false);
  EXPECT_EQ(doc["credentials"]["profile_origin"], "--profile");
  EXPECT_THAT(doc["credentials"]["shadowed"].dump(), HasSubstr("environment keys"));
  bool warned = false;
  for (const auto& c : doc["checks"]) {
    if (c["name"] == "credential source") warned = c["status"] == "warn";
  }
  EXPECT_TRUE(warned) << text;
}

TEST(DoctorReport, JsonSummaryCountsEachStatus) {
  std::FILE* out = std::tmpfile();
  app::DoctorReport report(out, true);
  report.Add({"a", app::CheckStatus::kPass, "ok", ""});
  report.Add({"b", app::CheckStatus::kFail, "broken", "fix it"});
  report.Add({"c", app::CheckStatus::kSkip, "skipped: why", ""});
  EXPECT_EQ(report.Finish(std::chrono::milliseconds(1200), std::chrono::milliseconds(20000)), 1);
  auto doc = nlohmann::json::parse(ReadAll(out));
  std::fclose(out);
  EXPECT_EQ(doc["summary"]["failed"], 1);
  EXPECT_EQ(doc["summary"]["skipped"], 1);
  EXPECT_EQ(doc["checks"][1]["fix"], "fix it");
  EXPECT_EQ(doc["deadline_ms"], 20000);
}

TEST(LogLevelFlag, AcceptsWarnAndListsTheValidLevels) {
  LogLevel level = LogLevel::kDebug;
  EXPECT_TRUE(app::ParseLogLevelFlag("warn", &level));
  EXPECT_EQ(level, LogLevel::kWarning);
  EXPECT_TRUE(app::ParseLogLevelFlag("emergency", &level));
  EXPECT_FALSE(app::ParseLogLevelFlag("verbose", &level));
  EXPECT_EQ(app::LogLevelNames(),
            "debug, info, notice, warning (or warn), error, critical, alert, emergency");
}

TEST(ConfigFile, InvalidJsonNamesLineAndColumn) {
  testing::FakeEnv env;
  env.SetFile("/p/mcp.json", "{\n  \"project\": {\n    \"aws\": {\"region\" \"us-east-1\"}\n  }\n}\n");
  app::AppOptions o;
  Status s = app::ApplyConfigFile(env, "/p/mcp.json", true, {}, &o);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("config /p/mcp.json:3:"));
  EXPECT_THAT(s.message(), HasSubstr("not valid JSON"));
  EXPECT_THAT(s.message(), Not(HasSubstr("--help")));
}

TEST(ConfigFile, ProfileFromTheFileSaysSo) {
  testing::FakeEnv env;
  env.SetFile("/p/mcp.json", R"({"project": {"aws": {"profile": "team"}}})");
  app::AppOptions o;
  ASSERT_TRUE(app::ApplyConfigFile(env, "/p/mcp.json", true, {}, &o).ok());
  EXPECT_EQ(o.profile, "team");
  EXPECT_EQ(o.profile_origin, "project.aws.profile in /p/mcp.json");
}

TEST(ErrorHints, ExpiredEnvironmentCredentialsNeedARestart) {
  models::ServiceMetadata sts;
  sts.signing_name = "sts";
  aws::CallError e = aws::CallError::FromAws({.http_status = 403, .code = "ExpiredToken", .message = "expired"});
  std::string from_env = aws::HintFor(e, sts, "GetCallerIdentity", "us-east-1", nlohmann::json::object(), "environment");
  EXPECT_THAT(from_env, HasSubstr("restart"));
  EXPECT_THAT(from_env, Not(HasSubstr("without a restart")));
  std::string from_profile =
      aws::HintFor(e, sts, "GetCallerIdentity", "us-east-1", nlohmann::json::object(), "shared-credentials-file:x");
  EXPECT_THAT(from_profile, HasSubstr("without a restart"));
}

}  // namespace
}  // namespace awsmcp
