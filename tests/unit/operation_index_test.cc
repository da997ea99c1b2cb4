// OperationIndex: every shipped operation is in it, and the obvious questions
// find the obvious actions near the top.
#include <string>

#include <gtest/gtest.h>

#include "models/operation_index.h"

namespace awsmcp::models {
namespace {

const OperationIndex& Index() {
  static const OperationIndex* index = [] {
    auto loaded = OperationIndex::Load(ModelRegistry::Embedded());
    EXPECT_TRUE(loaded.has_value());
    return new OperationIndex(loaded ? std::move(*loaded) : OperationIndex());
  }();
  return *index;
}

// The rank (1-based) of service/operation among the first 10 results, 0 when absent.
int Rank(const std::string& words, const std::string& service, const std::string& operation) {
  const auto found = Index().Search(words, 10);
  for (size_t i = 0; i < found.size(); ++i) {
    if (found[i].service == service && found[i].operation == operation) return static_cast<int>(i) + 1;
  }
  return 0;
}

TEST(OperationIndex, HoldsEveryOperation) {
  size_t operations = 0;
  auto& registry = ModelRegistry::Embedded();
  for (const auto& name : registry.ServiceNames()) operations += (*registry.Get(name))->operations().size();
  EXPECT_EQ(Index().size(), operations);
}

TEST(OperationIndex, SplitsNamesIntoWords) {
  EXPECT_EQ(SearchWords("DescribeDBInstances"), (std::vector<std::string>{"describe", "db", "instance"}));
  EXPECT_EQ(SearchWords("list-functions, S3"), (std::vector<std::string>{"list", "function", "s3"}));
}

TEST(OperationIndex, FindsTheObviousAction) {
  EXPECT_EQ(Rank("list lambda functions", "lambda", "ListFunctions"), 1);
  EXPECT_EQ(Rank("dynamodb query", "dynamodb", "Query"), 1);
  EXPECT_GE(Rank("list s3 buckets", "s3", "ListBuckets"), 1);
  EXPECT_LE(Rank("list s3 buckets", "s3", "ListBuckets"), 3);
  EXPECT_GE(Rank("describe rds db instances", "rds", "DescribeDBInstances"), 1);
  EXPECT_GE(Rank("cost and usage", "ce", "GetCostAndUsage"), 1);
  EXPECT_GE(Rank("guardduty findings", "guardduty", "ListFindings"), 1);
}

TEST(OperationIndex, NothingForNoWords) {
  EXPECT_TRUE(Index().Search("", 10).empty());
  EXPECT_TRUE(Index().Search("!!! ???", 10).empty());
  EXPECT_TRUE(Index().Search("zzqxjv", 10).empty());
}

}  // namespace
}  // namespace awsmcp::models
