// The doctor's checks that send nothing: the shared config files, the
// profile, which credential source won and what it shadowed, and the region
// against the published region list. Each adds its lines to the report.
#pragma once

#include <optional>

#include "app/doctor_context.h"
#include "aws/credentials.h"

namespace awsmcp::app {

// ~/.aws/config, ~/.aws/credentials (or AWS_CONFIG_FILE, ...) and the mapping file.
void CheckFiles(DoctorContext& ctx);
// The profile, whichever way it was chosen (--profile, AWS_PROFILE, the config file).
void CheckProfile(DoctorContext& ctx);
// The credentials, and which source won over which. nullopt when there are none.
std::optional<aws::Credentials> CheckCredentials(DoctorContext& ctx);
// False when no request may be sent: no region, or one AWS does not publish.
bool CheckRegion(DoctorContext& ctx);

}  // namespace awsmcp::app
