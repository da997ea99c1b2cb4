// Timestamps: formatting, parsing and epoch rounding. The expected values in
// tests/data/protocol/timestamps.json come from Python's datetime
// (datetime.fromtimestamp(x, timezone.utc), datetime.fromisoformat), made by
// scripts/gen_protocol_vectors.py; botocore uses the same functions.
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "models/timestamp.h"

namespace awsmcp::models {
namespace {

using nlohmann::json;

json LoadTimestamps() {
  std::ifstream in(std::string(AWSMCP_TEST_DATA) + "/protocol/timestamps.json");
  std::stringstream buf;
  buf << in.rdbuf();
  json doc = json::parse(buf.str(), nullptr, false);
  if (!doc.is_object() || !doc.contains("epoch")) {
    ADD_FAILURE() << "cannot read timestamps.json (regenerate with scripts/gen_protocol_vectors.py)";
    return json::object({{"epoch", json::array()}, {"strings", json::array()}, {"invalid", json::array()}});
  }
  return doc;
}

TEST(Timestamp, FormatsIsoWithTrimmedFraction) {
  EXPECT_EQ(FormatIso8601({0, 0}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatIso8601({1704164645, 0}), "2024-01-02T03:04:05Z");
  EXPECT_EQ(FormatIso8601({1704164645, 500000}), "2024-01-02T03:04:05.5Z");
  EXPECT_EQ(FormatIso8601({1704164645, 120}), "2024-01-02T03:04:05.00012Z");
  EXPECT_EQ(FormatIso8601({1704164645, 999999}), "2024-01-02T03:04:05.999999Z");
  EXPECT_EQ(FormatIso8601({-1, 0}), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatIso8601({-86400, 0}), "1969-12-31T00:00:00Z");
  EXPECT_EQ(FormatIso8601({-86401, 0}), "1969-12-30T23:59:59Z");
  EXPECT_EQ(FormatIso8601({951782400, 0}), "2000-02-29T00:00:00Z");
  EXPECT_EQ(FormatIso8601({253402300799, 0}), "9999-12-31T23:59:59Z");
}

// Epoch numbers as JSON services send them: Python rounds the fraction to
// microseconds half-to-even (datetime.fromtimestamp); so must FromEpochSeconds.
TEST(Timestamp, EpochNumbersMatchPythonFromtimestamp) {
  json doc = LoadTimestamps();
  ASSERT_GE(doc["epoch"].size(), 40u);
  for (const auto& c : doc["epoch"]) {
    double x = c["number"].get<double>();
    Timestamp t = FromEpochSeconds(x);
    EXPECT_EQ(t.seconds, c["seconds"].get<int64_t>()) << c["number"].dump();
    EXPECT_EQ(t.micros, c["micros"].get<int32_t>()) << c["number"].dump();
    EXPECT_EQ(FormatIso8601(t), c["iso"].get<std::string>()) << c["number"].dump();
    // The same value through the JSON and string entry points.
    auto from_json = ParseTimestampJson(c["number"]);
    ASSERT_TRUE(from_json.has_value()) << c["number"].dump();
    EXPECT_EQ(FormatIso8601(*from_json), c["iso"].get<std::string>()) << c["number"].dump();
    auto from_text = ParseTimestampString(c["number"].dump());
    if (!from_text) {
      ADD_FAILURE() << "epoch seconds as text '" << c["number"].dump() << "': " << from_text.error().ToString();
      continue;
    }
    EXPECT_EQ(FormatIso8601(*from_text), c["iso"].get<std::string>()) << c["number"].dump();
  }
}

TEST(Timestamp, IsoStringsMatchPythonFromisoformat) {
  json doc = LoadTimestamps();
  ASSERT_GE(doc["strings"].size(), 15u);
  for (const auto& c : doc["strings"]) {
    const std::string text = c["text"];
    auto t = ParseTimestampString(text);
    ASSERT_TRUE(t.has_value()) << text << ": " << t.error().ToString();
    EXPECT_EQ(t->seconds, c["seconds"].get<int64_t>()) << text;
    EXPECT_EQ(t->micros, c["micros"].get<int32_t>()) << text;
    EXPECT_EQ(FormatIso8601(*t), c["iso"].get<std::string>()) << text;
  }
}

TEST(Timestamp, RejectsWhatIsNotATimestamp) {
  json doc = LoadTimestamps();
  ASSERT_FALSE(doc["invalid"].empty());
  for (const auto& c : doc["invalid"]) {
    auto t = ParseTimestampString(c.get<std::string>());
    EXPECT_FALSE(t.has_value()) << "'" << c.get<std::string>() << "' parsed as " << FormatIso8601(*t);
    if (!t) {
      EXPECT_EQ(t.error().code(), Code::kInvalidArgument);
    }
  }
  EXPECT_FALSE(ParseTimestampString(std::string(100, '1')).has_value());  // over the size bound
  EXPECT_FALSE(ParseTimestampJson(json(true)).has_value());
  EXPECT_FALSE(ParseTimestampJson(json::object()).has_value());
  EXPECT_FALSE(ParseTimestampJson(json()).has_value());
}

TEST(Timestamp, MessageQuotesOnlyABoundedPrefix) {
  auto t = ParseTimestampString(std::string(60, 'x'));
  ASSERT_FALSE(t.has_value());
  EXPECT_LT(t.error().message().size(), 200u);
}

// Format -> parse and epoch JSON -> parse give back the same instant, across
// the range AWS uses and for every shape of fraction.
TEST(Timestamp, RoundTrips) {
  const int32_t micros[] = {0, 1, 10, 500000, 123456, 999999, 100000, 250};
  for (int64_t s = -2208988800; s < 4102444800; s += 86400 * 97 + 3671) {
    for (int32_t us : micros) {
      Timestamp t{s, us};
      std::string iso = FormatIso8601(t);
      auto back = ParseTimestampString(iso);
      ASSERT_TRUE(back.has_value()) << iso;
      EXPECT_EQ(back->seconds, s) << iso;
      EXPECT_EQ(back->micros, us) << iso;
      json epoch = ToEpochJson(t);
      EXPECT_EQ(epoch.is_number_integer(), us == 0) << epoch.dump();
      auto from_epoch = ParseTimestampJson(epoch);
      ASSERT_TRUE(from_epoch.has_value());
      EXPECT_EQ(from_epoch->seconds, s) << epoch.dump();
      EXPECT_EQ(from_epoch->micros, us) << epoch.dump() << " for " << iso;
    }
  }
}

TEST(Timestamp, OffsetsShiftToUtc) {
  auto plus = ParseTimestampString("2024-01-02T00:30:00+01:00");
  auto minus = ParseTimestampString("2024-01-01T18:30:00-05:00");
  auto basic = ParseTimestampString("2024-01-01T23:30:00+0000");
  ASSERT_TRUE(plus && minus && basic);
  EXPECT_EQ(FormatIso8601(*plus), "2024-01-01T23:30:00Z");
  EXPECT_EQ(FormatIso8601(*minus), "2024-01-01T23:30:00Z");
  EXPECT_EQ(FormatIso8601(*basic), "2024-01-01T23:30:00Z");
}

}  // namespace
}  // namespace awsmcp::models

// Found by fuzz/responses_fuzz (fuzz/regressions/responses/epoch-out-of-range):
// an epoch number beyond what int64 seconds hold was cast regardless.
TEST(Timestamp, EpochOutsideYears1To9999IsRefused) {
  EXPECT_FALSE(awsmcp::models::ParseTimestampJson(nlohmann::json(1.7e77)).has_value());
  EXPECT_FALSE(awsmcp::models::ParseTimestampJson(nlohmann::json(-1e300)).has_value());
  EXPECT_FALSE(awsmcp::models::ParseTimestampString("1e30").has_value());
  auto last = awsmcp::models::ParseTimestampJson(nlohmann::json(253402300799.0));
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(awsmcp::models::FormatIso8601(*last), "9999-12-31T23:59:59Z");
}
