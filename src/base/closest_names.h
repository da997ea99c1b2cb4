// "Did you mean": the candidates closest to a mistyped name.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace awsmcp {

// Edit distance, with a swap of two neighbouring letters one edit ("esat" is
// one from "east"). Meant for short names: O(|a| * |b|).
size_t EditDistance(std::string_view a, std::string_view b);

// Up to `limit` of `candidates`, closest to `want` first. Both sides are
// compared through `normalize` (identity by default). A candidate that
// contains `want` counts as one edit away. Candidates further than
// max(3, |want| / 2) edits are left out, so a wild guess gets nothing.
std::vector<std::string> ClosestNames(std::string_view want, const std::vector<std::string>& candidates,
                                      size_t limit,
                                      const std::function<std::string(std::string_view)>& normalize = {});

}  // namespace awsmcp
