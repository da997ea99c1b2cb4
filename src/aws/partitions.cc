#include "aws/partitions.h"

#include "base/closest_names.h"

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

}  // namespace awsmcp::aws
