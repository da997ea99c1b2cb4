// The read/secret/write class of every operation of every shipped model,
// against the committed table docs/operation-classes.tsv. A model update or a
// rule change that moves an operation between classes fails here, and the
// diff says which ones; review them, then regenerate the table with
//   AWSMCP_WRITE_CLASSES=1 build/tests/unit_tests --gtest_filter='Classification*'
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "aws/access_policy.h"
#include "models/model_registry.h"

namespace awsmcp::aws {
namespace {

const char* ClassName(AccessKind kind) {
  switch (kind) {
    case AccessKind::kRead: return "read";
    case AccessKind::kSecretRead: return "secret-read";
    case AccessKind::kWrite: return "write";
  }
  return "?";
}

std::string TablePath() { return std::string(AWSMCP_TEST_DATA) + "/../../docs/operation-classes.tsv"; }

std::vector<std::string> CurrentTable() {
  std::vector<std::string> rows = {"service\toperation\tclass\twhy\tbilling"};
  auto& registry = models::ModelRegistry::Embedded();
  for (const auto& name : registry.ServiceNames()) {
    auto model = registry.Get(name);
    if (!model) continue;
    for (const auto& op : (*model)->operations()) {
      const Classification c = Classify(**model, op);
      rows.push_back(name + "\t" + op.name + "\t" + ClassName(c.kind) + "\t" + std::string(c.why) + "\t" +
                     std::string(c.billing.empty() ? "-" : c.billing));
    }
  }
  return rows;
}

TEST(Classification, MatchesTheCommittedTable) {
  const std::vector<std::string> now = CurrentTable();
  if (std::getenv("AWSMCP_WRITE_CLASSES") != nullptr) {
    std::ofstream out(TablePath());
    for (const auto& row : now) out << row << "\n";
    GTEST_SKIP() << "wrote " << now.size() - 1 << " rows to " << TablePath();
  }
  std::ifstream in(TablePath());
  std::vector<std::string> committed;
  for (std::string line; std::getline(in, line);) committed.push_back(line);
  ASSERT_GT(committed.size(), 1u) << "cannot read " << TablePath();
  size_t shown = 0;
  for (size_t i = 0, j = 0; (i < now.size() || j < committed.size()) && shown < 40;) {
    if (i < now.size() && j < committed.size() && now[i] == committed[j]) {
      ++i, ++j;
    } else if (j >= committed.size() || (i < now.size() && now[i] < committed[j])) {
      ADD_FAILURE() << "not in the table: " << now[i++], ++shown;
    } else {
      ADD_FAILURE() << "table row no longer produced: " << committed[j++], ++shown;
    }
  }
  EXPECT_GT(now.size(), 18000u);
}

// The operations the issue named: reads without a read verb, read-named
// actions that act, billed reads, and credential handers.
TEST(Classification, TheNamedCases) {
  auto& registry = models::ModelRegistry::Embedded();
  auto kind = [&](const std::string& service, const std::string& op) {
    auto model = registry.Get(service);
    if (!model) return std::string("no model");
    const models::Operation* o = (*model)->FindOperation(op);
    return o ? std::string(ClassName(Classify(**model, *o).kind)) : std::string("no operation");
  };
  EXPECT_EQ(kind("dynamodb", "Query"), "read");
  EXPECT_EQ(kind("dynamodb", "Scan"), "read");
  EXPECT_EQ(kind("s3", "HeadObject"), "read");
  EXPECT_EQ(kind("cloudformation", "DetectStackDrift"), "write");
  EXPECT_EQ(kind("cloudformation", "DetectStackResourceDrift"), "write");
  EXPECT_EQ(kind("cloudformation", "DetectStackSetDrift"), "write");
  EXPECT_EQ(kind("ec2", "GetFlowLogsIntegrationTemplate"), "write");
  EXPECT_EQ(kind("logs", "StopQuery"), "write");
  EXPECT_EQ(kind("s3", "DeleteBucket"), "write");
  EXPECT_EQ(kind("dynamodb", "DeleteTable"), "write");
  for (const auto& [service, op] : std::vector<std::pair<std::string, std::string>>{
           {"codeartifact", "GetAuthorizationToken"}, {"redshift", "GetClusterCredentials"},
           {"lightsail", "GetInstanceAccessDetails"}, {"ecr-public", "GetAuthorizationToken"},
           {"ssm", "GetParameter"}, {"secretsmanager", "GetSecretValue"}}) {
    EXPECT_EQ(kind(service, op), "secret-read") << service << " " << op;
  }
  auto ce = *registry.Get("ce");
  EXPECT_FALSE(Classify(*ce, *ce->FindOperation("GetCostAndUsage")).billing.empty());
  auto logs = *registry.Get("logs");
  EXPECT_FALSE(Classify(*logs, *logs->FindOperation("StartQuery")).billing.empty());
}

TEST(Classification, EveryNamedOperationExists) {
  auto& registry = models::ModelRegistry::Embedded();
  for (const auto& [service, op] : NamedOperations()) {
    auto model = registry.Get(std::string(service));
    ASSERT_TRUE(model.has_value()) << service;
    EXPECT_NE((*model)->FindOperation(op), nullptr) << service << " " << op;
  }
}

}  // namespace
}  // namespace awsmcp::aws
