#include "jsonrpc/message.h"

#include <gtest/gtest.h>

#include <string>

#include "base/json_depth.h"

namespace awsmcp::jsonrpc {
namespace {

std::string Nested(size_t depth, const std::string& open, const std::string& close) {
  std::string s;
  for (size_t i = 0; i < depth; ++i) s += open;
  s += "1";
  for (size_t i = 0; i < depth; ++i) s += close;
  return s;
}

std::string CallWithArguments(const std::string& arguments) {
  return R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"t","arguments":)" + arguments + "}}";
}

TEST(JsonRpc, RefusesDeepNestingWithTheRequestsId) {
  // 100,000 levels: parsing whole and copying would overflow the stack.
  Message m = ParseMessage(CallWithArguments(Nested(100000, R"({"a":)", "}")));
  EXPECT_EQ(m.kind, Message::Kind::kInvalid);
  EXPECT_EQ(m.error_code, kInvalidRequest);
  EXPECT_EQ(m.id, 7);
  EXPECT_NE(m.error.find("nested deeper than 64"), std::string::npos);
  EXPECT_EQ(ParseMessage(CallWithArguments(Nested(100000, "[", "]"))).error_code, kInvalidRequest);
}

TEST(JsonRpc, AcceptsNestingWithinTheLimit) {
  // The envelope and params take two levels, arguments' own object a third.
  Message m = ParseMessage(CallWithArguments(Nested(kMaxDepth - 3, R"({"a":)", "}")));
  EXPECT_EQ(m.kind, Message::Kind::kRequest);
  EXPECT_EQ(ParseMessage(CallWithArguments(Nested(kMaxDepth - 1, "[", "]"))).kind, Message::Kind::kInvalid);
}

TEST(JsonDepth, SkipsBracketsInsideStrings) {
  EXPECT_FALSE(NestedDeeperThan(R"(["[[[[", "\"[[["])", 1));
  EXPECT_TRUE(NestedDeeperThan("[[1]]", 1));
  EXPECT_FALSE(NestedDeeperThan("[[1]]", 2));
  EXPECT_TRUE(ParseJsonBounded(Nested(65, "[", "]")).is_discarded());
  EXPECT_EQ(ParseJsonBounded(Nested(64, "[", "]")).size(), 1u);
}

}  // namespace
}  // namespace awsmcp::jsonrpc
