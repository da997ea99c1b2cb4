#include "aws/access_policy.h"

#include <gtest/gtest.h>

#include "models/model_registry.h"

namespace awsmcp::aws {
namespace {

std::shared_ptr<const models::ServiceModel> Model(const std::string& name) {
  auto m = models::ModelRegistry::Embedded().Get(name);
  EXPECT_TRUE(m.has_value()) << name;
  return *m;
}

// The ECS model marks its read operations with the "readonly" trait; our verb
// rule must agree with AWS's own marking on every ECS operation. The trait is
// ignored here by classifying a copy of each operation without it.
TEST(AccessPolicyTest, VerbRuleAgreesWithModelReadonlyTrait) {
  auto ecs = Model("ecs");
  int reads = 0;
  for (const auto& op : ecs->operations()) {
    models::Operation without_trait = op;
    without_trait.readonly_trait = false;
    bool by_rule = ClassifyOperation(*ecs, without_trait) == AccessKind::kRead;
    EXPECT_EQ(by_rule, op.readonly_trait) << op.name;
    reads += op.readonly_trait;
  }
  EXPECT_GT(reads, 10);
}

TEST(AccessPolicyTest, SecretReadersAreRefusedByDefault) {
  AccessPolicyOptions defaults;
  for (auto [service, op] : std::vector<std::pair<std::string, std::string>>{
           {"secretsmanager", "GetSecretValue"}, {"secretsmanager", "BatchGetSecretValue"},
           {"ecr", "GetAuthorizationToken"},     {"sts", "AssumeRole"},
           {"sts", "GetSessionToken"},           {"sts", "GetFederationToken"},
           {"sts", "AssumeRoleWithWebIdentity"}}) {
    auto m = Model(service);
    const models::Operation* o = m->FindOperation(op);
    ASSERT_NE(o, nullptr) << op;
    AccessDecision d = CheckAccess(defaults, *m, *o);
    EXPECT_FALSE(d.allowed) << op;
    EXPECT_EQ(d.code, "SecretRead") << op;
    EXPECT_NE(d.message.find("--allow-secret-reads"), std::string::npos);
    AccessPolicyOptions allow;
    allow.allow_secret_reads = true;
    EXPECT_TRUE(CheckAccess(allow, *m, *o).allowed) << op;
  }
}

TEST(AccessPolicyTest, WritesAreRefusedUnlessAllowed) {
  auto ecs = Model("ecs");
  for (const char* op : {"UpdateService", "DeleteCluster", "RunTask", "StopTask", "CreateService"}) {
    const models::Operation* o = ecs->FindOperation(op);
    ASSERT_NE(o, nullptr);
    AccessDecision d = CheckAccess({}, *ecs, *o);
    EXPECT_FALSE(d.allowed) << op;
    EXPECT_EQ(d.code, "ReadOnly");
    EXPECT_NE(d.message.find("--allow-write"), std::string::npos);
    EXPECT_TRUE(CheckAccess({.allow_write = true}, *ecs, *o).allowed);
  }
  // Allowing writes does not allow secret reads.
  auto sm = Model("secretsmanager");
  EXPECT_FALSE(CheckAccess({.allow_write = true}, *sm, *sm->FindOperation("GetSecretValue")).allowed);
}

TEST(AccessPolicyTest, ReadVerbsNeedAWordBoundary) {
  auto logs = Model("logs");
  EXPECT_EQ(ClassifyOperation(*logs, *logs->FindOperation("DescribeLogGroups")), AccessKind::kRead);
  EXPECT_EQ(ClassifyOperation(*logs, *logs->FindOperation("FilterLogEvents")), AccessKind::kRead);
  EXPECT_EQ(ClassifyOperation(*logs, *logs->FindOperation("PutLogEvents")), AccessKind::kWrite);
  EXPECT_EQ(ClassifyOperation(*logs, *logs->FindOperation("StartQuery")), AccessKind::kRead);
  models::Operation fake;
  fake.name = "Listen";
  EXPECT_EQ(ClassifyOperation(*logs, fake), AccessKind::kWrite);
}

}  // namespace
}  // namespace awsmcp::aws
