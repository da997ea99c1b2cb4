// `aws-mcp doctor`: the seed's troubleshooting section as a command. In this
// order: the files (shared config, credentials, mapping), the profile
// however it was chosen, which credential source won and what it shadowed,
// the region against the published list (before anything is sent), who the
// credentials belong to (sts GetCallerIdentity), IAM's verdict where the
// identity may ask, one read per service, and every resource the mapping
// names. A setup that is broken never passes: an answer with an
// authentication or authorisation error FAILs naming the IAM action. One
// deadline bounds the whole run; what it cuts off is SKIPped with the
// reason, as is everything after an identity check that got no answer.
// Text output is flushed line by line; --json writes one document
// (docs/doctor.md). Never prints a secret.
#pragma once

#include <cstdio>

#include "app/options.h"
#include "aws/region_catalog.h"
#include "base/env.h"

namespace awsmcp::app {

// Runs every check, writing the report to `out`. Returns the exit status: 0
// when nothing failed, 1 otherwise. `regions` is the list a region must be in.
int RunDoctor(const AppOptions& options, Env& env, const aws::RegionCatalog& regions, std::FILE* out);
// The same with the real environment and the embedded partitions.json.
int RunDoctor(const AppOptions& options, std::FILE* out);

}  // namespace awsmcp::app
