// The project's AWS resources by name (the seed's resource mapping), as the
// configuration file lists them. Tools use it for defaults; empty when none.
#pragma once

#include <string>
#include <vector>

namespace awsmcp::tools {

struct EcsServiceRef {
  std::string cluster;
  std::vector<std::string> services;
};

struct ProjectResources {
  std::vector<EcsServiceRef> ecs;
  std::vector<std::string> ecr, secrets, log_groups, databases, caches, load_balancers, alarms;
};

}  // namespace awsmcp::tools
