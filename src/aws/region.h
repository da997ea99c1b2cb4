// Region resolution, with where the answer came from (for `doctor`).
#pragma once

#include <string>

#include "aws/shared_config.h"
#include "base/env.h"

namespace awsmcp::aws {

struct ResolvedRegion {
  std::string region;  // "" when none is configured
  std::string source;  // "--region", "AWS_REGION", "AWS_DEFAULT_REGION", "profile X", or ""
};

// --region, then AWS_REGION, AWS_DEFAULT_REGION, then the profile's `region`.
// InvalidArgument when the chosen value is not shaped like a region.
// `flag_origin` names where `flag` came from ("--region", "config file X").
Result<ResolvedRegion> ResolveRegion(Env& env, const std::string& flag, const SharedConfig* config,
                                     const std::string& flag_origin = "--region");

}  // namespace awsmcp::aws
