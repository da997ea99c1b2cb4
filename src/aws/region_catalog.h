// RegionCatalog: the region names AWS publishes (botocore's partitions.json),
// so that a mistyped region is caught, with its likely spelling, before any
// request is signed for it. A name shaped like a region is not enough: the
// endpoint `us-esat-1` builds a URL that no one answers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace awsmcp::aws {

class RegionCatalog {
 public:
  // A catalog of exactly `regions` (tests, or a list from elsewhere).
  explicit RegionCatalog(std::vector<std::string> regions);

  // Every `partitions[].regions` key of partitions.json text.
  // InvalidArgument when the text is not JSON of that shape.
  static Result<RegionCatalog> FromPartitionsJson(std::string_view text);
  // The catalog of the partitions.json compiled in with the models.
  static Result<RegionCatalog> Embedded();

  bool Contains(std::string_view region) const;
  // Up to `limit` known regions spelled closest to `region`, closest first.
  std::vector<std::string> Closest(std::string_view region, size_t limit = 3) const;
  const std::vector<std::string>& regions() const { return regions_; }

 private:
  std::vector<std::string> regions_;  // sorted, unique
};

}  // namespace awsmcp::aws
