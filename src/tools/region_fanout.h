// One read across several regions at once. WithRegions gives a tool a
// `regions` argument (a list of region names, or ["all"] for the account's
// enabled regions); when it is given, the tool runs once per region in
// parallel (at most 8 at a time) and the answer is labelled per region:
//   {"regions": {"us-east-1": <the tool's answer>, "eu-west-1": {"error": {...}}},
//    "failed": ["eu-west-1"]}
// A region that fails carries its error; the others still answer. The output
// schema, when the tool has one, is widened to allow this form. When the
// regions' answers together exceed `max_result_bytes`, each region's largest
// list is cut to an equal share, and a note says so.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/executor.h"
#include "mcp/tool.h"
#include "tools/aws_call_tool.h"

namespace awsmcp::tools {

// The account's enabled regions, for `regions: ["all"]`; `profile` as on the tools.
using RegionLister =
    std::function<std::expected<std::vector<std::string>, aws::CallError>(const std::string& profile, CancelToken)>;

// Enabled regions from EC2 DescribeRegions (which lists only the enabled ones).
RegionLister Ec2RegionLister(ClientForProfile clients);

inline constexpr size_t kMaxRegions = 40;

// The regions run on `executor` (not owned), at most 8 at once.
mcp::Tool WithRegions(mcp::Tool tool, RegionLister all_regions, size_t max_result_bytes, Executor* executor);

}  // namespace awsmcp::tools
