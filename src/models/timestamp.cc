#include "models/timestamp.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace awsmcp::models {
namespace {

// Days since 1970-01-01 for a civil date (proleptic Gregorian), after H. Hinnant.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::string FormatIso8601(Timestamp t) {
  int64_t days = t.seconds >= 0 ? t.seconds / 86400 : -((-t.seconds + 86399) / 86400);
  int64_t rem = t.seconds - days * 86400;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d", static_cast<long long>(y), m, d,
                        static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
  std::string out(buf, static_cast<size_t>(n));
  if (t.micros != 0) {
    std::snprintf(buf, sizeof buf, ".%06d", t.micros);
    std::string frac(buf);
    while (frac.back() == '0') frac.pop_back();
    out += frac;
  }
  out += 'Z';
  return out;
}

namespace {
// Years 0001 to 9999, as ISO-8601 can write them; beyond, a cast to int64 is undefined.
bool InEpochRange(double seconds) { return seconds >= -62135596800.0 && seconds <= 253402300799.0; }
}  // namespace

Timestamp FromEpochSeconds(double seconds) {
  double whole;
  double frac = std::modf(seconds, &whole);
  double us = std::nearbyint(frac * 1e6);  // default rounding mode: half to even
  Timestamp t{static_cast<int64_t>(whole), static_cast<int32_t>(us)};
  if (t.micros >= 1000000) {
    t.seconds += 1;
    t.micros -= 1000000;
  } else if (t.micros < 0) {
    t.seconds -= 1;
    t.micros += 1000000;
  }
  return t;
}

nlohmann::json ToEpochJson(Timestamp t) {
  if (t.micros == 0) return t.seconds;
  return static_cast<double>(t.seconds) + t.micros / 1e6;
}

Result<Timestamp> ParseTimestampString(std::string_view s) {
  auto bad = [&] {
    return Fail(Status::InvalidArgument("not a timestamp: '" + std::string(s.substr(0, 64)) +
                                        "' (use ISO-8601 like 2024-01-02T03:04:05Z, or epoch seconds)"));
  };
  if (s.empty() || s.size() > 64) return bad();
  {  // epoch seconds as text, as botocore's float(value) accepts them ("1.5e-06" too)
    std::string copy(s);
    char* end = nullptr;
    double v = std::strtod(copy.c_str(), &end);
    if (end == copy.c_str() + copy.size() && std::isfinite(v)) {
      if (!InEpochRange(v)) return bad();
      return FromEpochSeconds(v);
    }
  }
  if (s.size() > 4 && s[3] == ',') {
    if (auto http = ParseHttpDate(s)) return http;
    return bad();
  }
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!Digits(s, 0, 4, &y) || s[4] != '-' || !Digits(s, 5, 2, &mo) || s.size() < 10 || s[7] != '-' ||
      !Digits(s, 8, 2, &d)) {
    return bad();
  }
  size_t pos = 10;
  int32_t micros = 0;
  int64_t offset = 0;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return bad();
    if (!Digits(s, pos + 1, 2, &h) || s.size() < pos + 9 || s[pos + 3] != ':' || !Digits(s, pos + 4, 2, &mi) ||
        s[pos + 6] != ':' || !Digits(s, pos + 7, 2, &sec)) {
      return bad();
    }
    pos += 9;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      int digits = 0;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (digits < 6) micros = micros * 10 + (s[pos] - '0');
        ++digits;
        ++pos;
      }
      if (digits == 0) return bad();
      for (int i = digits; i < 6; ++i) micros *= 10;
    }
    if (pos < s.size()) {
      if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
      } else if (s[pos] == '+' || s[pos] == '-') {
        int oh, om;
        bool colon = pos + 3 < s.size() && s[pos + 3] == ':';
        if (!Digits(s, pos + 1, 2, &oh) || !Digits(s, pos + (colon ? 4 : 3), 2, &om)) return bad();
        offset = (s[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
        pos += colon ? 6 : 5;
      }
    }
    if (pos != s.size()) return bad();
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return bad();
  int64_t secs = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 +
                 sec - offset;
  return Timestamp{secs, micros};
}

namespace {
constexpr const char* kWeekdays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
}  // namespace

std::string FormatHttpDate(Timestamp t) {
  int64_t days = t.seconds >= 0 ? t.seconds / 86400 : -((-t.seconds + 86399) / 86400);
  int64_t rem = t.seconds - days * 86400;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%s, %02u %s %04lld %02d:%02d:%02d GMT", kWeekdays[((days % 7) + 7) % 7], d,
                        kMonths[m - 1], static_cast<long long>(y), static_cast<int>(rem / 3600),
                        static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
  return std::string(buf, static_cast<size_t>(n));
}

Result<Timestamp> ParseHttpDate(std::string_view s) {
  // "Tue, 29 Apr 2014 18:30:38 GMT"
  auto bad = [&] { return Fail(Status::InvalidArgument("not an HTTP date: '" + std::string(s.substr(0, 64)) + "'")); };
  int d, y, h, mi, sec;
  if (s.size() != 29 || s.substr(3, 2) != ", " || !Digits(s, 5, 2, &d) || s[7] != ' ' || s[11] != ' ' ||
      !Digits(s, 12, 4, &y) || s[16] != ' ' || !Digits(s, 17, 2, &h) || s[19] != ':' || !Digits(s, 20, 2, &mi) ||
      s[22] != ':' || !Digits(s, 23, 2, &sec) || s.substr(25) != " GMT") {
    return bad();
  }
  int mo = 0;
  for (int i = 0; i < 12; ++i) {
    if (s.substr(8, 3) == kMonths[i]) mo = i + 1;
  }
  if (mo == 0 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return bad();
  return Timestamp{DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
                       mi * 60 + sec,
                   0};
}

Result<Timestamp> ParseTimestampJson(const nlohmann::json& value) {
  if (value.is_number()) {
    const double seconds = value.get<double>();
    if (!InEpochRange(seconds)) return Fail(Status::InvalidArgument("a timestamp must be within years 1 to 9999"));
    return FromEpochSeconds(seconds);
  }
  if (value.is_string()) return ParseTimestampString(value.get_ref<const std::string&>());
  return Fail(Status::InvalidArgument("a timestamp must be an ISO-8601 string or epoch seconds"));
}

}  // namespace awsmcp::models
