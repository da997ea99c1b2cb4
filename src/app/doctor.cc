#include "app/doctor.h"

#include <algorithm>

#include "app/aws_stack.h"
#include "app/doctor_aws_checks.h"
#include "app/doctor_context.h"
#include "app/doctor_local_checks.h"
#include "app/doctor_mapping.h"

namespace awsmcp::app {
namespace {

// No single answer may outlast the whole run's deadline.
AppOptions WithinDeadline(AppOptions options) {
  options.aws_timeout_seconds = std::max(1, std::min(options.aws_timeout_seconds, options.doctor_deadline_seconds));
  return options;
}

void RunChecks(DoctorContext& ctx) {
  CheckFiles(ctx);
  CheckProfile(ctx);
  const bool have_credentials = CheckCredentials(ctx).has_value();
  const bool region_ok = CheckRegion(ctx);
  if (!have_credentials || !region_ok) {
    ctx.skip_reason = !region_ok ? "the region is not usable (see above)" : "there are no credentials (see above)";
    ctx.Skip("identity and service checks");
    return;
  }
  CheckIdentity(ctx);
  CheckServices(ctx);
  CheckMappedResources(ctx);
}

}  // namespace

int RunDoctor(const AppOptions& options, Env& env, const aws::RegionCatalog& regions, std::FILE* out) {
  const std::chrono::milliseconds limit(std::chrono::seconds(options.doctor_deadline_seconds));
  DoctorDeadline deadline(env, limit);
  DoctorReport report(out, options.doctor_json);
  if (!options.doctor_json) {
    std::fprintf(out, "aws-mcp doctor (deadline %d s)\n", options.doctor_deadline_seconds);
    std::fflush(out);
  }
  // Doctor only reads, and answers fast: one attempt per check, no backoff.
  const AppOptions bounded = WithinDeadline(options);
  AwsStack aws(bounded, &env, {}, {.max_attempts = 1});
  DoctorContext ctx{bounded, env, aws, report, deadline, regions, "", ""};
  RunChecks(ctx);
  return report.Finish(deadline.elapsed(), limit);
}

int RunDoctor(const AppOptions& options, std::FILE* out) {
  auto regions = aws::RegionCatalog::Embedded();
  if (!regions) {
    std::fprintf(stderr, "aws-mcp doctor: %s\n", regions.error().message().c_str());
    return 1;
  }
  return RunDoctor(options, *Env::Default(), *regions, out);
}

}  // namespace awsmcp::app
