#include "aws/access_policy.h"

#include <array>
#include <string_view>

#include "aws/call_error.h"

namespace awsmcp::aws {
namespace {

struct OpRef {
  std::string_view service;
  std::string_view operation;
};

// Operations whose answer is secret or credential material.
constexpr std::array kSecretReaders{
    OpRef{"secretsmanager", "GetSecretValue"},     OpRef{"secretsmanager", "BatchGetSecretValue"},
    OpRef{"secretsmanager", "GetRandomPassword"},  OpRef{"ecr", "GetAuthorizationToken"},
    OpRef{"ecr", "GetDownloadUrlForLayer"},        OpRef{"ecr-public", "GetAuthorizationToken"},
    OpRef{"sts", "AssumeRole"},                    OpRef{"sts", "AssumeRoleWithSAML"},
    OpRef{"sts", "AssumeRoleWithWebIdentity"},     OpRef{"sts", "AssumeRoot"},
    OpRef{"sts", "GetSessionToken"},               OpRef{"sts", "GetFederationToken"},
    OpRef{"sts", "GetDelegatedAccessToken"},       OpRef{"sts", "GetWebIdentityToken"},
    OpRef{"ssm", "GetParameter"},                  OpRef{"ssm", "GetParameters"},
    OpRef{"ssm", "GetParametersByPath"},           OpRef{"ssm", "GetParameterHistory"},
    OpRef{"kms", "Decrypt"},                       OpRef{"kms", "GenerateDataKey"},
    OpRef{"rds", "GenerateDbAuthToken"},           OpRef{"iam", "GetCredentialReport"},
    OpRef{"lambda", "GetFunction"},                OpRef{"sso", "GetRoleCredentials"},
    OpRef{"cognito-identity", "GetCredentialsForIdentity"}, OpRef{"cognito-identity", "GetOpenIdToken"},
    // EC2: a Windows administrator password, console output and screenshots
    // (boot logs print secrets), launch template data (user data scripts).
    OpRef{"ec2", "GetPasswordData"},               OpRef{"ec2", "GetConsoleOutput"},
    OpRef{"ec2", "GetConsoleScreenshot"},          OpRef{"ec2", "GetLaunchTemplateData"},
};

// Operations that read although their verb is not a read verb.
constexpr std::array kExtraReads{
    OpRef{"logs", "StartQuery"},
    OpRef{"logs", "StopQuery"},
    OpRef{"logs", "TestMetricFilter"},
    OpRef{"logs", "TestTransformer"},
};

// "Test" is not here: API Gateway's TestInvokeMethod runs the integration.
// "Head" is S3's HeadObject and HeadBucket: an HTTP HEAD, which reads.
constexpr std::array<std::string_view, 14> kReadPrefixes{
    "Describe", "List",     "Get",      "BatchGet", "Search", "Lookup", "Filter",
    "Simulate", "Validate", "Estimate", "Preview",  "Check",  "Detect", "Head"};

bool Matches(std::string_view service, std::string_view op, const auto& table) {
  for (const auto& e : table) {
    if (e.service == service && e.operation == op) return true;
  }
  return false;
}

}  // namespace

AccessKind ClassifyOperation(const models::ServiceModel& model, const models::Operation& op) {
  const std::string& service = model.metadata().cli_name;
  if (Matches(service, op.name, kSecretReaders)) return AccessKind::kSecretRead;
  if (op.readonly_trait || Matches(service, op.name, kExtraReads)) return AccessKind::kRead;
  for (std::string_view p : kReadPrefixes) {
    // The verb must end where the next capitalised word starts ("Listen" is no List).
    if (op.name.size() > p.size() && op.name.compare(0, p.size(), p) == 0 &&
        (op.name[p.size()] >= 'A' && op.name[p.size()] <= 'Z')) {
      return AccessKind::kRead;
    }
  }
  return AccessKind::kWrite;
}

AccessDecision CheckAccess(const AccessPolicyOptions& options, const models::ServiceModel& model,
                           const models::Operation& op) {
  const std::string what = model.metadata().cli_name + " " + op.name;
  switch (ClassifyOperation(model, op)) {
    case AccessKind::kRead: return {};
    case AccessKind::kSecretRead:
      if (options.allow_secret_reads) return {};
      return {false, kSecretRead,
              what + " returns secret or credential material, which aws-mcp does not pass to the model by "
                     "default. A person can allow it by starting the server with --allow-secret-reads."};
    case AccessKind::kWrite:
      if (options.allow_write) return {};
      return {false, kReadOnly,
              what + " can change your infrastructure and aws-mcp is read-only. A person can allow "
                     "mutating calls by starting the server with --allow-write."};
  }
  return {};
}

}  // namespace awsmcp::aws
