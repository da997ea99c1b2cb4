// The configuration file: the `project.aws` section of the working
// directory's `.cursor/mcp-config.json` (the seed's layout), or of the file
// given with --config. Strict: an unknown key or a wrong type is an error
// naming its path, reported at start-up. Command-line flags override the
// file; the file overrides the environment's defaults.
//
//   {"project": {"aws": {
//     "region": "us-east-1", "profile": "default", "allowedProfiles": ["prod"],
//     "cacheTtlSeconds": 30, "maxResultBytes": 262144,
//     "readOnly": true, "allowSecretReads": false,
//     "services": {
//       "ecs": [{"cluster": "gateway-cluster", "services": ["gateway-service"]}],
//       "ecr": ["gateway"], "secrets": ["gateway/production"],
//       "logGroups": ["/ecs/gateway"], "rds": ["gateway-db"], "elasticache": ["gateway-redis"],
//       "loadBalancers": ["gateway-alb"], "alarms": ["gateway-cpu-high"]}}}}
#pragma once

#include <set>
#include <string>
#include <vector>

#include "app/options.h"
#include "base/env.h"

namespace awsmcp::app {

// The working directory's file, looked for when --config is not given.
inline constexpr char kDefaultConfigPath[] = ".cursor/mcp-config.json";

// Reads `path` and applies its project.aws section to `options`, leaving the
// fields named in `from_flags` (e.g. "region") as the command line set them.
// A file without a project.aws section changes nothing. `required` makes a
// missing file an error (an explicit --config).
//
// Widening (readOnly: false, allowSecretReads: true) is refused with
// PermissionDenied unless the file was named with --config (`required`) and
// no one else can write it; a file found in the working directory may only
// set the mapping and what narrows (region, cache, read-only).
Status ApplyConfigFile(Env& env, const std::string& path, bool required, const std::set<std::string>& from_flags,
                       AppOptions* options);

}  // namespace awsmcp::app
