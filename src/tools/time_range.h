// Times as tools take them: relative ("15m", "2h", "1d", "45s" before now)
// or absolute (ISO-8601, or epoch seconds), and the forms AWS wants back.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace awsmcp::tools {

// "15m" / "2h" / "3d" / "45s" -> duration; nullopt for anything else.
std::optional<std::chrono::seconds> ParseRelativeTime(const std::string& text);

// A relative time before `now`, or an absolute time; nullopt when neither.
std::optional<std::chrono::system_clock::time_point> ParseTime(const std::string& text,
                                                               std::chrono::system_clock::time_point now);

int64_t EpochMs(std::chrono::system_clock::time_point t);

// Epoch milliseconds as ISO-8601 UTC ("2026-01-02T03:04:05.678Z").
std::string IsoFromMs(int64_t ms);

}  // namespace awsmcp::tools
