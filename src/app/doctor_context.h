// DoctorContext: what the checks of one `aws-mcp doctor` run share: the
// options, the AWS stack they probe through, the report, the deadline, and
// once it is known, why the remaining network checks would be pointless.
#pragma once

#include <string>

#include "app/aws_stack.h"
#include "app/doctor_deadline.h"
#include "app/doctor_report.h"
#include "app/options.h"
#include "aws/region_catalog.h"
#include "base/env.h"

namespace awsmcp::app {

struct DoctorContext {
  const AppOptions& options;
  Env& env;
  AwsStack& aws;
  DoctorReport& report;
  DoctorDeadline& deadline;
  const aws::RegionCatalog& regions;
  // Set once sending more requests cannot tell anything new (the identity
  // check got no answer, the credentials were refused, the deadline passed);
  // every later network check is skipped with this reason.
  std::string skip_reason;
  std::string arn;  // the caller's identity once sts answered

  // Sets skip_reason when the deadline has passed; true when checks must be skipped.
  bool ShouldSkip();
  void Skip(const std::string& name) { report.Add({name, CheckStatus::kSkip, "skipped: " + skip_reason, ""}); }
};

}  // namespace awsmcp::app
