// The doctor's check of the project mapping (project.aws.services in the
// mapping file): every cluster, service, repository, secret, log group,
// database, cache, load balancer and alarm named there is described in the
// region, and one that is not found FAILs naming the file and key it came
// from, with the closest names that do exist where a listing is cheap.
// Secrets are described (metadata), never read.
#pragma once

#include "app/doctor_context.h"

namespace awsmcp::app {

void CheckMappedResources(DoctorContext& ctx);

}  // namespace awsmcp::app
