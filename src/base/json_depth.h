// Nesting depth of JSON text, measured before it is parsed: nlohmann::json
// parses without recursion, but copies, walks and dumps of a value recurse,
// so a value nested 100,000 deep must never be built.
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

namespace awsmcp {

// True when `text` has arrays or objects nested deeper than `max_depth`
// (a linear scan that builds nothing; strings are skipped).
bool NestedDeeperThan(std::string_view text, size_t max_depth);

// json::parse without exceptions, refusing (as discarded) text nested deeper
// than `max_depth`. For every JSON from outside: messages, AWS answers, files.
nlohmann::json ParseJsonBounded(std::string_view text, size_t max_depth = 64);

}  // namespace awsmcp
