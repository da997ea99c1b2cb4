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

// Operations whose whole purpose is to hand out a credential, a token, a
// secret value or a presigned URL. Audited over every botocore service: the
// read-verb operations whose output holds a member named like a credential
// that the model does not mark sensitive (marked ones are withheld anyway).
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
    OpRef{"ssm", "GetAccessToken"},
    OpRef{"kms", "Decrypt"},                       OpRef{"kms", "GenerateDataKey"},
    OpRef{"iam", "GetCredentialReport"},
    OpRef{"lambda", "GetFunction"},                OpRef{"lambda", "GetLayerVersion"},
    OpRef{"lambda", "GetLayerVersionByArn"},       OpRef{"sso", "GetRoleCredentials"},
    OpRef{"cognito-identity", "GetCredentialsForIdentity"}, OpRef{"cognito-identity", "GetOpenIdToken"},
    OpRef{"cognito-identity", "GetOpenIdTokenForDeveloperIdentity"},
    // EC2: a Windows administrator password, console output and screenshots
    // (boot logs print secrets), launch template data (user data scripts).
    OpRef{"ec2", "GetPasswordData"},               OpRef{"ec2", "GetConsoleOutput"},
    OpRef{"ec2", "GetConsoleScreenshot"},          OpRef{"ec2", "GetLaunchTemplateData"},
    // Database and cluster credentials.
    OpRef{"redshift", "GetClusterCredentials"},    OpRef{"redshift", "GetClusterCredentialsWithIAM"},
    OpRef{"redshift-serverless", "GetCredentials"}, OpRef{"redshift-serverless", "GetIdentityCenterAuthToken"},
    OpRef{"lightsail", "GetInstanceAccessDetails"}, OpRef{"lightsail", "GetRelationalDatabaseMasterUserPassword"},
    OpRef{"lightsail", "GetBucketAccessKeys"},     OpRef{"glue", "GetConnection"},
    OpRef{"glue", "GetConnections"},               OpRef{"datazone", "GetConnection"},
    OpRef{"datazone", "GetEnvironmentCredentials"}, OpRef{"emr", "GetClusterSessionCredentials"},
    OpRef{"emr-containers", "GetManagedEndpointSessionCredentials"},
    OpRef{"finspace-data", "GetProgrammaticAccessCredentials"},
    OpRef{"lakeformation", "GetTemporaryDataLocationCredentials"},
    OpRef{"lakeformation", "GetTemporaryGluePartitionCredentials"},
    OpRef{"lakeformation", "GetTemporaryGlueTableCredentials"},
    OpRef{"gamelift", "GetComputeAccess"},         OpRef{"gamelift", "GetComputeAuthToken"},
    OpRef{"gamelift", "GetInstanceAccess"},
    // Registry, API and stream tokens.
    OpRef{"codeartifact", "GetAuthorizationToken"}, OpRef{"athena", "GetSessionEndpoint"},
    OpRef{"connect", "GetFederationToken"},        OpRef{"license-manager", "GetAccessToken"},
    OpRef{"ivs", "GetStreamKey"},                  OpRef{"ivs", "BatchGetStreamKey"},
    OpRef{"kinesis-video-signaling", "GetIceServerConfig"}, OpRef{"wafv2", "ListAPIKeys"},
    OpRef{"wickr", "GetOidcInfo"},
    // Presigned URLs: whoever holds one reads the object without credentials.
    OpRef{"emr", "GetOnClusterAppUIPresignedURL"}, OpRef{"emr", "GetPersistentAppUIPresignedURL"},
    OpRef{"auditmanager", "GetAssessmentReportUrl"}, OpRef{"artifact", "GetReport"},
    OpRef{"artifact", "GetTermForReport"},         OpRef{"connect", "GetPromptFile"},
    OpRef{"gamelift", "GetGameSessionLogUrl"},     OpRef{"greengrassv2", "GetComponentVersionArtifact"},
    OpRef{"groundstation", "GetAgentTaskResponseUrl"}, OpRef{"qbusiness", "GetDocumentContent"},
    OpRef{"taxsettings", "GetTaxRegistrationDocument"},
};

// Operations named like reads that act.
constexpr std::array kReadNamedWrites{
    OpRef{"cloudformation", "DetectStackDrift"},        // starts drift detection
    OpRef{"cloudformation", "DetectStackResourceDrift"},
    OpRef{"cloudformation", "DetectStackSetDrift"},
    OpRef{"ec2", "GetFlowLogsIntegrationTemplate"},     // writes a template to an S3 location
    OpRef{"cognito-identity", "GetId"},                 // creates an identity
};

// Operations that read although their verb is not a read verb.
constexpr std::array kExtraReads{
    OpRef{"logs", "StartQuery"},      OpRef{"logs", "TestMetricFilter"}, OpRef{"logs", "TestTransformer"},
    OpRef{"dynamodb", "Query"},       OpRef{"dynamodb", "Scan"},         OpRef{"kendra", "Query"},
    OpRef{"kendra", "Retrieve"},      OpRef{"timestream-query", "Query"}, OpRef{"sdb", "Select"},
    OpRef{"iotsitewise", "ExecuteQuery"},
};

struct Billed {
  OpRef op;  // operation "*": every operation of the service
  std::string_view how;
};
constexpr std::array kBilled{
    Billed{{"ce", "*"}, "Cost Explorer bills $0.01 per request"},
    Billed{{"logs", "StartQuery"}, "Logs Insights bills per GB scanned"},
    Billed{{"cloudwatch", "GetMetricData"}, "CloudWatch bills per metric requested"},
    Billed{{"cloudwatch", "GetMetricWidgetImage"}, "CloudWatch bills per metric requested"},
    Billed{{"timestream-query", "Query"}, "Timestream bills per data scanned"},
    Billed{{"kendra", "Query"}, "Kendra bills queries beyond the edition's allowance"},
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

// The read verb `name` starts with, or "". The verb must end where the next
// capitalised word starts ("Listen" is no List).
std::string_view ReadVerb(const std::string& name) {
  for (std::string_view p : kReadPrefixes) {
    if (name.size() > p.size() && name.compare(0, p.size(), p) == 0 && name[p.size()] >= 'A' &&
        name[p.size()] <= 'Z') {
      return p;
    }
  }
  return {};
}

std::string_view Billing(std::string_view service, std::string_view op) {
  for (const Billed& b : kBilled) {
    if (b.op.service == service && (b.op.operation == "*" || b.op.operation == op)) return b.how;
  }
  return {};
}

}  // namespace

std::vector<std::pair<std::string_view, std::string_view>> NamedOperations() {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (const auto& e : kSecretReaders) out.emplace_back(e.service, e.operation);
  for (const auto& e : kReadNamedWrites) out.emplace_back(e.service, e.operation);
  for (const auto& e : kExtraReads) out.emplace_back(e.service, e.operation);
  for (const auto& b : kBilled) {
    if (b.op.operation != "*") out.emplace_back(b.op.service, b.op.operation);
  }
  return out;
}

Classification Classify(const models::ServiceModel& model, const models::Operation& op) {
  const std::string& service = model.metadata().cli_name;
  const std::string_view billing = Billing(service, op.name);
  if (Matches(service, op.name, kSecretReaders)) return {AccessKind::kSecretRead, "hands out secret or credential material", billing};
  if (Matches(service, op.name, kReadNamedWrites)) return {AccessKind::kWrite, "named like a read but acts", billing};
  if (op.readonly_trait) return {AccessKind::kRead, "the model marks it readonly", billing};
  if (Matches(service, op.name, kExtraReads)) return {AccessKind::kRead, "reads without a read verb", billing};
  if (!ReadVerb(op.name).empty()) return {AccessKind::kRead, "read verb", billing};
  return {AccessKind::kWrite, "no read verb: counts as a write", billing};
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
