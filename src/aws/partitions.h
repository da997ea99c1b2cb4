// Partitions: botocore's partitions.json (aws, aws-cn, aws-us-gov, ...), the
// data behind the rules' aws.partition and the check that a region exists.
#pragma once

#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace awsmcp::aws {

class Partitions {
 public:
  // InvalidArgument when the document is not partitions.json's shape.
  static Result<std::shared_ptr<const Partitions>> Parse(const nlohmann::json& doc);

  // aws.partition(region): the outputs of the first partition that lists the
  // region or whose regionRegex matches it, else of the first partition (as
  // botocore does), with "name" set to the partition id. Never null.
  const nlohmann::json& Match(std::string_view region) const;

  // True when some partition lists `region` by name. The regexes are looser
  // (the aws one accepts "us-esat-1"), so they do not count.
  bool IsKnownRegion(std::string_view region) const;

  // The listed regions nearest to `region` by edit distance (a swap of two
  // neighbours counts one edit), up to `limit` of them, when the nearest is at
  // most max(2, a third of its length) edits away; empty otherwise.
  std::vector<std::string> CloseRegions(std::string_view region, size_t limit = 3) const;

 private:
  struct Partition {
    std::string id;
    std::regex region_regex;
    std::vector<std::string> regions;  // sorted
    nlohmann::json outputs;            // with "name"
  };
  std::vector<Partition> partitions_;
};


}  // namespace awsmcp::aws
