// `aws-mcp doctor`: the seed's troubleshooting section as a command. Checks
// the config files, which credentials provider answered and for whom (sts
// GetCallerIdentity), the region and where it came from, that each service's
// endpoint answers, and whether IAM allows the read actions the tools use
// (iam SimulatePrincipalPolicy where permitted, else the probe calls' own
// answers). Each check passes or fails with its fix. Never prints a secret.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "app/options.h"

namespace awsmcp::app {

struct DoctorCheck {
  std::string name;
  bool ok = true;
  std::string detail;
  std::string fix;  // "" when ok
};

// Runs every check, writing a report to `out`. Returns the exit status: 0 when
// everything a user needs works, 1 otherwise.
int RunDoctor(const AppOptions& options, std::FILE* out);

}  // namespace awsmcp::app
