// JMESPath: the official compliance suite (jmespath/jmespath.test, every case
// of tests/data/jmespath/*.json), vectors from the reference implementation
// (scripts/gen_jmespath_vectors.py: random expressions over AWS-shaped
// answers, evaluated by python jmespath), and the limits on hostile input.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/jmespath.h"

namespace awsmcp::jmespath {
namespace {

using nlohmann::json;

json Load(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  return json::parse(buf.str(), nullptr, false);
}

// The compliance suite lists objects' keys in document order; nlohmann's
// objects sort them, and the spec leaves the order of keys(), values() and
// object wildcards to the implementation. Those results compare as sets.
bool OrderFree(const std::string& expression) {
  return expression.find("keys(") != std::string::npos || expression.find("values(") != std::string::npos ||
         expression.find('*') != std::string::npos;
}

json Sorted(json j) {
  if (j.is_array()) std::sort(j.begin(), j.end());
  return j;
}

TEST(JmesPathCompliance, EveryCase) {
  const std::filesystem::path dir = std::filesystem::path(AWSMCP_TEST_DATA) / "jmespath";
  size_t cases = 0, files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    const json suites = Load(entry.path());
    ASSERT_TRUE(suites.is_array()) << entry.path();
    for (const json& suite : suites) {
      for (const json& c : suite["cases"]) {
        ++cases;
        const std::string expression = c["expression"];
        SCOPED_TRACE(entry.path().filename().string() + ": " + expression);
        auto got = Search(expression, suite["given"]);
        if (c.contains("error")) {
          ASSERT_FALSE(got.has_value()) << "expected " << c["error"] << ", got " << got->dump();
          EXPECT_EQ(ErrorKind(got.error()), c["error"].get<std::string>()) << got.error().message();
        } else if (c.contains("result")) {
          ASSERT_TRUE(got.has_value()) << got.error().message();
          if (*got != c["result"] && OrderFree(expression)) {
            EXPECT_EQ(Sorted(*got), Sorted(c["result"]));
          } else {
            EXPECT_EQ(*got, c["result"]);
          }
        } else {
          EXPECT_TRUE(got.has_value()) << got.error().message();  // a benchmark: it must run
        }
      }
    }
  }
  EXPECT_EQ(files, 16u);
  EXPECT_GE(cases, 900u);
}

// Every vector of scripts/gen_jmespath_vectors.py: python jmespath's answer
// (the AWS CLI's --query) for random expressions over AWS-shaped answers.
TEST(JmesPathVectors, MatchPythonJmesPath) {
  const json vectors = Load(std::filesystem::path(AWSMCP_TEST_DATA) / "jmespath_aws" / "vectors.json");
  ASSERT_TRUE(vectors.is_object()) << "regenerate with scripts/gen_jmespath_vectors.py";
  size_t checked = 0;
  for (const json& c : vectors["cases"]) {
    const std::string expression = c["expression"];
    SCOPED_TRACE(c["document"].get<std::string>() + ": " + expression);
    auto got = Search(expression, vectors["documents"][c["document"].get<std::string>()]);
    if (c.contains("error")) {
      ASSERT_FALSE(got.has_value()) << got->dump();
      EXPECT_EQ(ErrorKind(got.error()), c["error"].get<std::string>()) << got.error().message();
    } else {
      ASSERT_TRUE(got.has_value()) << got.error().message();
      EXPECT_EQ(*got, c["result"]);
    }
    ++checked;
  }
  EXPECT_GE(checked, 1000u);
}

TEST(JmesPathErrors, SyntaxErrorsNameThePosition) {
  auto r = Search("Reservations[].Instances[.InstanceId", json::object());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(ErrorKind(r.error()), "syntax");
  EXPECT_NE(r.error().message().find("position 25"), std::string::npos) << r.error().message();
  for (const char* bad : {"", "a.", "a[", "a ||", "foo(", "`\"`", "'unterminated", "a[?b", "{a b}", "[1:2:3:4]",
                          "\"quoted\"(@)", "a = b", "-", "a[0", "a.[", "length(@,)"}) {
    auto e = Search(bad, json::object());
    ASSERT_FALSE(e.has_value()) << bad;
    EXPECT_EQ(ErrorKind(e.error()), "syntax") << bad << ": " << e.error().message();
  }
}

TEST(JmesPathErrors, FunctionErrorsAreStatusesNotExceptions) {
  const json doc = {{"a", "text"}, {"n", 3}, {"list", {1, "x"}}};
  EXPECT_EQ(ErrorKind(Search("nope(a)", doc).error()), "unknown-function");
  EXPECT_EQ(ErrorKind(Search("length(a, n)", doc).error()), "invalid-arity");
  EXPECT_EQ(ErrorKind(Search("merge()", doc).error()), "invalid-arity");
  EXPECT_EQ(ErrorKind(Search("abs(a)", doc).error()), "invalid-type");
  EXPECT_EQ(ErrorKind(Search("sum(list)", doc).error()), "invalid-type");
  EXPECT_EQ(ErrorKind(Search("sort_by(list, &@)", doc).error()), "invalid-type");
  EXPECT_EQ(ErrorKind(Search("&a", doc).error()), "invalid-type");
  EXPECT_EQ(ErrorKind(Search("a[::0]", doc).error()), "invalid-value");
}

TEST(JmesPathLimits, LongExpressionsAreRefused) {
  Limits limits;
  limits.max_expression_bytes = 64;
  auto r = Search(std::string(65, 'a'), json::object(), limits);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(ErrorKind(r.error()), "limit");
  EXPECT_TRUE(Search(std::string(64, 'a'), json::object(), limits).has_value());
}

TEST(JmesPathLimits, DeepNestingIsRefusedBeforeItRecurses) {
  std::string hashes;
  for (int i = 0; i < 1000; ++i) hashes += "{a:";
  hashes += "a" + std::string(1000, '}');
  for (const std::string& deep : {std::string(3000, '(') + "a" + std::string(3000, ')'), std::string(2000, '!') + "a",
                                  std::string(1500, '[') + "a" + std::string(1500, ']'), hashes,
                                  "`" + std::string(1000, '[') + std::string(1000, ']') + "`"}) {
    auto r = Search(deep, json::object(), Limits{.max_expression_bytes = 1 << 20});
    ASSERT_FALSE(r.has_value());
  }
  std::string chain = "a";
  for (int i = 0; i < 1000; ++i) chain += ".a";
  auto r = Search(chain, json::object(), Limits{.max_expression_bytes = 1 << 20});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(ErrorKind(r.error()), "limit");
  std::string pipes = "a";
  for (int i = 0; i < 100; ++i) pipes += " | a";
  EXPECT_TRUE(Search(pipes, json::object()).has_value());  // the suite's benchmarks nest 50 deep
}

TEST(JmesPathLimits, WorkThatMultipliesTheInputIsStopped) {
  json doc = json::array();
  for (int i = 0; i < 1000; ++i) doc.push_back({{"id", i}, {"name", "instance-" + std::to_string(i)}});
  std::string doubling = "@";
  for (int i = 0; i < 40; ++i) doubling += " | [@, @]";
  auto r = Search(doubling, doc);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(ErrorKind(r.error()), "limit");
  EXPECT_TRUE(Search("[*].[id, name] | length(@)", doc).has_value());
}

TEST(JmesPathExpression, CompiledOnceSearchedOften) {
  auto e = Expression::Compile("Reservations[].Instances[].{id: InstanceId, state: State.Name}");
  ASSERT_TRUE(e.has_value());
  const json doc = json::parse(R"({"Reservations": [{"Instances": [{"InstanceId": "i-1", "State": {"Name": "running"}}]},
                                                    {"Instances": [{"InstanceId": "i-2", "State": {"Name": "stopped"}}]}]})");
  EXPECT_EQ(*e->Search(doc), json::parse(R"([{"id": "i-1", "state": "running"}, {"id": "i-2", "state": "stopped"}])"));
  EXPECT_EQ(*e->Search(json::object()), json());
}

}  // namespace
}  // namespace awsmcp::jmespath
