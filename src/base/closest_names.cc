#include "base/closest_names.h"

#include <algorithm>
#include <tuple>

namespace awsmcp {

size_t EditDistance(std::string_view a, std::string_view b) {
  // Three rows: a swap of two neighbours looks two rows back.
  std::vector<size_t> before(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, row);
  }
  return prev[b.size()];
}

std::vector<std::string> ClosestNames(std::string_view want, const std::vector<std::string>& candidates,
                                      size_t limit, const std::function<std::string(std::string_view)>& normalize) {
  const std::string key = normalize ? normalize(want) : std::string(want);
  std::vector<std::tuple<size_t, size_t, std::string>> scored;  // (score, raw distance, name)
  for (const std::string& candidate : candidates) {
    const std::string norm = normalize ? normalize(candidate) : candidate;
    const size_t raw = EditDistance(key, norm);
    // A substring match is as good as a near spelling; ties go to the closer spelling.
    const size_t score = !key.empty() && norm.find(key) != std::string::npos ? std::min<size_t>(raw, 1) : raw;
    scored.emplace_back(score, raw, candidate);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  const size_t cutoff = std::max<size_t>(3, key.size() / 2);
  for (const auto& [score, raw, name] : scored) {
    if (out.size() >= limit || score > cutoff) break;
    out.push_back(name);
  }
  return out;
}

}  // namespace awsmcp
