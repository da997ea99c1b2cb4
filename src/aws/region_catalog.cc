#include "aws/region_catalog.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/closest_names.h"
#include "base/json_depth.h"
#include "models/model_registry.h"

namespace awsmcp::aws {

RegionCatalog::RegionCatalog(std::vector<std::string> regions) : regions_(std::move(regions)) {
  std::sort(regions_.begin(), regions_.end());
  regions_.erase(std::unique(regions_.begin(), regions_.end()), regions_.end());
}

Result<RegionCatalog> RegionCatalog::FromPartitionsJson(std::string_view text) {
  nlohmann::json doc = ParseJsonBounded(text);
  if (!doc.is_object() || !doc.contains("partitions") || !doc["partitions"].is_array()) {
    return Fail(Status::InvalidArgument("partitions.json: expected an object with a \"partitions\" array"));
  }
  std::vector<std::string> names;
  for (const auto& partition : doc["partitions"]) {
    if (!partition.is_object() || !partition.contains("regions") || !partition["regions"].is_object()) continue;
    for (const auto& [name, _] : partition["regions"].items()) names.push_back(name);
  }
  if (names.empty()) return Fail(Status::InvalidArgument("partitions.json: no regions"));
  return RegionCatalog(std::move(names));
}

Result<RegionCatalog> RegionCatalog::Embedded() {
  auto text = models::ModelRegistry::Embedded().Document("", "partitions.json");
  if (!text) return Fail(text.error());
  return FromPartitionsJson(*text);
}

bool RegionCatalog::Contains(std::string_view region) const {
  return std::binary_search(regions_.begin(), regions_.end(), region);
}

std::vector<std::string> RegionCatalog::Closest(std::string_view region, size_t limit) const {
  return ClosestNames(region, regions_, limit);
}

}  // namespace awsmcp::aws
