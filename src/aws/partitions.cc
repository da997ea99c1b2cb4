#include "aws/partitions.h"

#include <algorithm>

namespace awsmcp::aws {

Result<std::shared_ptr<const Partitions>> Partitions::Parse(const nlohmann::json& doc) {
  const auto list = doc.find("partitions");
  if (list == doc.end() || !list->is_array() || list->empty()) {
    return Fail(Status::InvalidArgument("partitions.json: no partitions"));
  }
  auto out = std::make_shared<Partitions>();
  for (const auto& p : *list) {
    if (!p.is_object() || !p.value("id", nlohmann::json()).is_string() ||
        !p.value("regionRegex", nlohmann::json()).is_string() || !p.value("outputs", nlohmann::json()).is_object()) {
      return Fail(Status::InvalidArgument("partitions.json: a partition needs id, regionRegex and outputs"));
    }
    Partition part;
    part.id = p["id"].get<std::string>();
    // std::regex throws on a malformed pattern; keep that inside this module.
    try {
      part.region_regex = std::regex(p["regionRegex"].get<std::string>(), std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error&) {
      return Fail(Status::InvalidArgument("partitions.json: bad regionRegex in " + part.id));
    }
    if (auto r = p.find("regions"); r != p.end() && r->is_object()) {
      for (const auto& [name, _] : r->items()) part.regions.push_back(name);
    }
    std::sort(part.regions.begin(), part.regions.end());
    part.outputs = p["outputs"];
    part.outputs["name"] = part.id;
    out->partitions_.push_back(std::move(part));
  }
  return std::shared_ptr<const Partitions>(std::move(out));
}

const nlohmann::json& Partitions::Match(std::string_view region) const {
  for (const auto& p : partitions_) {
    if (std::binary_search(p.regions.begin(), p.regions.end(), region) ||
        std::regex_match(region.begin(), region.end(), p.region_regex)) {
      return p.outputs;
    }
  }
  return partitions_.front().outputs;
}

bool Partitions::IsKnownRegion(std::string_view region) const {
  return std::any_of(partitions_.begin(), partitions_.end(), [&](const Partition& p) {
    return std::binary_search(p.regions.begin(), p.regions.end(), region);
  });
}

std::vector<std::string> Partitions::CloseRegions(std::string_view region, size_t limit) const {
  const size_t bound = std::max<size_t>(2, region.size() / 3);
  std::vector<std::pair<size_t, std::string>> near;
  for (const auto& p : partitions_) {
    for (const auto& r : p.regions) {
      if (size_t d = EditDistance(region, r); d <= bound) near.emplace_back(d, r);
    }
  }
  std::sort(near.begin(), near.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < near.size() && out.size() < limit && near[i].first == near[0].first; ++i) {
    out.push_back(near[i].second);
  }
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  // Three rows: a swap looks two rows back.
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

}  // namespace awsmcp::aws
