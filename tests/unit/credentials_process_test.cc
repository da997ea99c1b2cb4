#include "aws/credentials_process.h"

#include <gtest/gtest.h>

namespace awsmcp::aws {
namespace {

// Expected words from Python's shlex.split, botocore's splitter (the oracle).
TEST(CredentialProcess, SplitsCommandsAsBotocore) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"/bin/helper --profile prod", {"/bin/helper", "--profile", "prod"}},
      {"\"/path with space/cp.sh\" \"arg with space\"", {"/path with space/cp.sh", "arg with space"}},
      {"cp.sh; touch /tmp/PWNED", {"cp.sh;", "touch", "/tmp/PWNED"}},
      {"a 'b c' d\\ e", {"a", "b c", "d e"}},
      {"x \"a\\\"b\\\\c\\d\" y", {"x", "a\"b\\c\\d", "y"}},
      {"  lead   trail  ", {"lead", "trail"}},
      {"a$HOME`id`", {"a$HOME`id`"}},
      {"one'two'\"three\"", {"onetwothree"}},
      {"e \"\"", {"e", ""}},
      {"tab\there", {"tab", "here"}},
  };
  for (const auto& [command, words] : cases) {
    auto got = SplitCommand(command);
    ASSERT_TRUE(got.has_value()) << command;
    EXPECT_EQ(*got, words) << command;
  }
  EXPECT_FALSE(SplitCommand("unclosed 'quote").has_value());
  EXPECT_FALSE(SplitCommand("unclosed \"quote").has_value());
  EXPECT_FALSE(SplitCommand("trailing\\").has_value());
}

}  // namespace
}  // namespace awsmcp::aws
