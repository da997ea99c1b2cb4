// Timestamps as the AWS protocols carry them, and as aws-mcp shows them:
// ISO-8601 UTC, "2024-01-02T03:04:05Z", with ".ffffff" (trailing zeros cut)
// only when the fraction is not zero.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace awsmcp::models {

struct Timestamp {
  int64_t seconds = 0;  // since the Unix epoch, UTC
  int32_t micros = 0;   // 0..999999
};

std::string FormatIso8601(Timestamp t);
// Epoch seconds as a JSON number (fraction allowed), rounded to microseconds
// half-to-even as Python's datetime.fromtimestamp does.
// `seconds` must be finite and within years 1 to 9999 (the parsers check).
Timestamp FromEpochSeconds(double seconds);
// "2024-01-02T03:04:05Z", "...05.123Z", "...05+02:00", "2024-01-02" (midnight UTC),
// an epoch number as a string, or the HTTP date form.
Result<Timestamp> ParseTimestampString(std::string_view text);
// The HTTP date form (RFC 7231's IMF-fixdate, botocore's rfc822):
// "Tue, 29 Apr 2014 18:30:38 GMT", whole seconds.
std::string FormatHttpDate(Timestamp t);
// Parses the HTTP date form above; the weekday is not checked.
Result<Timestamp> ParseHttpDate(std::string_view text);
// A JSON number (epoch seconds) or a string as above.
Result<Timestamp> ParseTimestampJson(const nlohmann::json& value);
// Epoch seconds as the JSON protocol sends them: integral when micros == 0.
nlohmann::json ToEpochJson(Timestamp t);

}  // namespace awsmcp::models
