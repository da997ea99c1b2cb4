// The members of a JSON object as raw text, found without building any value:
// how a service model's thousands of shapes are indexed at first use, and
// each shape parsed only when a call needs it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace awsmcp::models {

// (name, raw value text) for each member of the object `text` holds, in
// document order. Names are decoded; values are views into `text`. Nesting
// deeper than `max_depth` or malformed JSON is InvalidArgument (the values'
// own syntax is checked only as far as finding where each one ends).
Result<std::vector<std::pair<std::string, std::string_view>>> JsonMembers(std::string_view text,
                                                                          size_t max_depth = 64);

}  // namespace awsmcp::models
