// ValidateInput against real operations of the embedded models. The invalid
// cases live in tests/data/protocol/validation.json (made by
// scripts/gen_protocol_vectors.py) next to botocore's ParamValidator verdict on
// the same params. botocore does not check enums, maximum lengths/values or
// Python's bool-is-an-int, so for those aws-mcp is stricter by design and the
// recorded verdict says "accepted"; everywhere else both must reject.
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "models/model_registry.h"
#include "models/validator.h"

namespace awsmcp::models {
namespace {

using nlohmann::json;

json LoadValidation() {
  std::ifstream in(std::string(AWSMCP_TEST_DATA) + "/protocol/validation.json");
  std::stringstream buf;
  buf << in.rdbuf();
  json doc = json::parse(buf.str(), nullptr, false);
  if (!doc.is_object() || !doc.contains("invalid")) {
    ADD_FAILURE() << "cannot read validation.json (regenerate with scripts/gen_protocol_vectors.py)";
    return json::object({{"invalid", json::array()}, {"valid", json::array()}});
  }
  return doc;
}

std::shared_ptr<const ServiceModel> Model(const std::string& service) {
  auto m = ModelRegistry::Embedded().Get(service);
  EXPECT_TRUE(m.has_value()) << service;
  return m ? *m : nullptr;
}

std::vector<ValidationIssue> Validate(const std::string& service, const std::string& operation, const json& params,
                                      const ValidationOptions& options = {}) {
  auto model = Model(service);
  if (model == nullptr) return {{"", "no model"}};
  const Operation* op = model->FindOperation(operation);
  EXPECT_NE(op, nullptr) << service << " " << operation;
  if (op == nullptr) return {{"", "no operation"}};
  return ValidateInput(*model, op->input_shape, params, options);
}

std::string Text(const std::vector<ValidationIssue>& issues) {
  std::string out;
  for (const auto& i : issues) out += "\n  [" + i.path + "] " + i.message;
  return out.empty() ? " (none)" : out;
}

// The cases botocore accepts and aws-mcp rejects on purpose, by path; any other
// "accepted" verdict in the data means the two disagree about validity.
bool KnownStricter(const json& c) {
  const std::string path = c["path"];
  const std::string contains = c["contains"];
  return contains == "not one of" || contains == "above the maximum" ||
         (c["operation"] == "ListRules" && contains == "expected integer");  // JSON true is not an integer
}

TEST(Validator, RejectsInvalidParamsAtTheRightPath) {
  json doc = LoadValidation();
  ASSERT_GE(doc["invalid"].size(), 20u);
  for (const auto& c : doc["invalid"]) {
    auto issues = Validate(c["service"], c["operation"], c["params"]);
    const std::string path = c["path"];
    const std::string contains = c["contains"];
    bool found = false;
    for (const auto& i : issues) found |= i.path == path && i.message.find(contains) != std::string::npos;
    EXPECT_TRUE(found) << c["service"].get<std::string>() << " " << c["operation"].get<std::string>() << " "
                       << c["params"].dump() << "\n want an issue at [" << path << "] containing '" << contains
                       << "'; got:" << Text(issues) << "\n botocore: "
                       << (c["botocore_rejects"].get<bool>() ? c["botocore_report"].get<std::string>() : "accepts");
    if (!c["botocore_rejects"].get<bool>()) {
      EXPECT_TRUE(KnownStricter(c)) << "botocore accepts " << c["params"].dump()
                                    << ": the case is not invalid by botocore's rules either";
    }
  }
}

TEST(Validator, AcceptsValidEdgeCases) {
  json doc = LoadValidation();
  ASSERT_FALSE(doc["valid"].empty());
  for (const auto& c : doc["valid"]) {
    auto issues = Validate(c["service"], c["operation"], c["params"]);
    EXPECT_TRUE(issues.empty()) << c["why"].get<std::string>() << ": " << c["params"].dump() << Text(issues);
  }
}

TEST(Validator, UnknownMemberNamesTheValidOnes) {
  auto issues = Validate("ecs", "DescribeServices", {{"services", {"a"}}, {"clustr", "c"}});
  ASSERT_EQ(issues.size(), 1u) << Text(issues);
  EXPECT_EQ(issues[0].path, "clustr");
  for (const char* name : {"cluster", "services", "include"}) {
    EXPECT_NE(issues[0].message.find(name), std::string::npos) << issues[0].message;
  }
  // Nested: the message says whose members they are.
  issues = Validate("rds", "DescribeDBInstances", {{"Filters", {{{"Name", "engine"}, {"Values", {"x"}}, {"Vals", 1}}}}});
  ASSERT_EQ(issues.size(), 1u) << Text(issues);
  EXPECT_EQ(issues[0].path, "Filters[0].Vals");
  EXPECT_NE(issues[0].message.find("Filters[0]"), std::string::npos) << issues[0].message;
  EXPECT_NE(issues[0].message.find("Name, Values"), std::string::npos) << issues[0].message;
}

TEST(Validator, LogsTimesSayTheyAreEpochMilliseconds) {
  auto issues = Validate("logs", "FilterLogEvents", {{"logGroupName", "g"}, {"startTime", "2026-01-01T00:00:00Z"}});
  ASSERT_EQ(issues.size(), 1u) << Text(issues);
  EXPECT_EQ(issues[0].path, "startTime");
  EXPECT_NE(issues[0].message.find("epoch milliseconds"), std::string::npos) << issues[0].message;
  // Other integers keep the plain message.
  issues = Validate("logs", "FilterLogEvents", {{"logGroupName", "g"}, {"limit", "5"}});
  ASSERT_EQ(issues.size(), 1u) << Text(issues);
  EXPECT_EQ(issues[0].message.find("epoch"), std::string::npos) << issues[0].message;
}

TEST(Validator, ReportsEveryIssueUpToTheLimit) {
  json params = {{"services", {1, 2, 3, 4, 5}}, {"include", {"X"}}, {"junk", true}};
  auto all = Validate("ecs", "DescribeServices", params);
  EXPECT_EQ(all.size(), 7u) << Text(all);
  ValidationOptions options;
  options.max_issues = 3;
  EXPECT_EQ(Validate("ecs", "DescribeServices", params, options).size(), 3u);
}

TEST(Validator, RefusesInputNestedDeeperThanTheLimit) {
  ValidationOptions options;
  options.max_depth = 1;
  auto issues = Validate("ecs", "DescribeServices", {{"services", {"a"}}}, options);
  ASSERT_EQ(issues.size(), 1u) << Text(issues);
  EXPECT_EQ(issues[0].path, "services[0]");
  EXPECT_NE(issues[0].message.find("deep"), std::string::npos);
  options.max_depth = 2;
  EXPECT_TRUE(Validate("ecs", "DescribeServices", {{"services", {"a"}}}, options).empty());
}

TEST(Validator, RequiredMembersAndTopLevelType) {
  auto issues = Validate("iam", "GetRole", json::object());
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].path, "RoleName");
  issues = Validate("iam", "GetRole", json::array());
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].path, "");
  EXPECT_NE(issues[0].message.find("expected object"), std::string::npos) << issues[0].message;
}

TEST(Validator, OperationWithoutInputTakesOnlyEmptyParams) {
  auto model = Model("iam");
  ASSERT_NE(model, nullptr);
  const Operation* op = model->FindOperation("GetAccountPasswordPolicy");
  ASSERT_NE(op, nullptr);
  ASSERT_TRUE(op->input_shape.empty()) << "the model changed: pick another operation without input";
  EXPECT_TRUE(ValidateInput(*model, op->input_shape, json::object()).empty());
  EXPECT_EQ(ValidateInput(*model, op->input_shape, {{"x", 1}}).size(), 1u);
}

TEST(Validator, TimestampsTakeIsoStringsAndEpochNumbers) {
  json base = {{"Namespace", "AWS/EC2"}, {"MetricName", "CPUUtilization"}, {"Period", 60},
               {"EndTime", "2024-01-02T00:00:00Z"}};
  for (json ok : {json("2024-01-01T00:00:00Z"), json("2024-01-01T00:00:00.5+02:00"), json("2024-01-01"),
                  json(1704067200), json(1704067200.25)}) {
    json p = base;
    p["StartTime"] = ok;
    EXPECT_TRUE(Validate("cloudwatch", "GetMetricStatistics", p).empty()) << ok.dump();
  }
  for (json bad : {json("yesterday"), json(true), json::array(), json("2024-13-01T00:00:00Z")}) {
    json p = base;
    p["StartTime"] = bad;
    auto issues = Validate("cloudwatch", "GetMetricStatistics", p);
    ASSERT_EQ(issues.size(), 1u) << bad.dump() << Text(issues);
    EXPECT_EQ(issues[0].path, "StartTime");
  }
}

// A document member holds any JSON value (botocore's _validate_document); the
// model spells it as a structure with "document": true and no members.
TEST(Validator, DocumentMembersAcceptAnyJson) {
  json params = {{"serviceName", "web"},
                 {"deploymentConfiguration",
                  {{"lifecycleHooks", {{{"hookTargetArn", "arn:aws:lambda:us-east-1:1:function:f"},
                                        {"hookDetails", {{"a", {1, "two", nullptr}}, {"c", 2.5}}}}}}}}};
  auto issues = Validate("ecs", "CreateService", params);
  EXPECT_TRUE(issues.empty()) << Text(issues);
}

TEST(Validator, IssuesToStatus) {
  EXPECT_TRUE(IssuesToStatus({}).ok());
  Status s = IssuesToStatus({{"services[0]", "expected string, got integer"}, {"", "expected object, got array"}});
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("params.services[0]: expected string, got integer"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("params: expected object"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace awsmcp::models
