#include "tools/time_range.h"

#include "models/timestamp.h"

namespace awsmcp::tools {

using std::chrono::system_clock;

std::optional<std::chrono::seconds> ParseRelativeTime(const std::string& text) {
  if (text.size() < 2 || text.size() > 8) return std::nullopt;
  int64_t n = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    n = n * 10 + (text[i] - '0');
  }
  switch (text.back()) {
    case 's': return std::chrono::seconds(n);
    case 'm': return std::chrono::seconds(n * 60);
    case 'h': return std::chrono::seconds(n * 3600);
    case 'd': return std::chrono::seconds(n * 86400);
    default: return std::nullopt;
  }
}

std::optional<system_clock::time_point> ParseTime(const std::string& text, system_clock::time_point now) {
  if (auto rel = ParseRelativeTime(text)) return now - *rel;
  auto t = models::ParseTimestampString(text);
  if (!t) return std::nullopt;
  return system_clock::time_point(std::chrono::seconds(t->seconds));
}

int64_t EpochMs(system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::string IsoFromMs(int64_t ms) {
  return models::FormatIso8601({ms / 1000, static_cast<int32_t>((ms % 1000) * 1000)});
}

}  // namespace awsmcp::tools
