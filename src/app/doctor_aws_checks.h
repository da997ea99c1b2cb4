// The doctor's checks that ask AWS: who the credentials belong to (sts
// GetCallerIdentity), IAM's own verdict on the tools' read actions where the
// identity may ask, and one cheap read per service. An answer AWS gave with
// an authentication or authorisation error is a FAIL naming the action.
#pragma once

#include <expected>
#include <string>

#include <nlohmann/json.hpp>

#include "app/doctor_context.h"
#include "aws/call_error.h"

namespace awsmcp::app {

// How a failed call bears on the setup.
enum class FailureKind {
  kCredentialsRefused,  // InvalidClientTokenId, ExpiredToken, SignatureDoesNotMatch, ...
  kNotAllowed,          // AccessDenied*, UnauthorizedOperation, any other 403
  kNoAnswer,            // connection, timeout, cancelled at the deadline
  kNotFound,            // the resource asked for does not exist
  kOther,
};
FailureKind ClassifyFailure(const aws::CallError& error);

// The IAM action name of a call ("ecs:ListClusters", "elasticloadbalancing:...").
std::string IamAction(const std::string& service, const std::string& action);

// One call within the deadline, with the cache bypassed.
std::expected<nlohmann::json, aws::CallError> DoctorCall(DoctorContext& ctx, const std::string& service,
                                                         const std::string& action, const nlohmann::json& params);

// A FAIL line for a call AWS refused or did not answer, with its fix; sets
// ctx.skip_reason when no later call can do better.
DoctorCheck FailedCall(DoctorContext& ctx, const std::string& name, const std::string& service,
                       const std::string& action, const aws::CallError& error);

// False when the identity check means no further call is worth sending.
bool CheckIdentity(DoctorContext& ctx);
void CheckServices(DoctorContext& ctx);

}  // namespace awsmcp::app
