#include "app/doctor_aws_checks.h"

#include <map>

#include "aws/endpoint.h"
#include "models/model_registry.h"

namespace awsmcp::app {
namespace {

using nlohmann::json;

struct Probe {
  const char* service;
  const char* action;
  const char* params;  // JSON
};

// One cheap read per service, the kind the tools make.
constexpr Probe kProbes[] = {
    {"ecs", "ListClusters", R"({"maxResults": 1})"},
    {"ecr", "DescribeRepositories", R"({"maxResults": 1})"},
    {"secretsmanager", "ListSecrets", R"({"MaxResults": 1})"},
    {"logs", "DescribeLogGroups", R"({"limit": 1})"},
    {"cloudwatch", "DescribeAlarms", R"({"MaxRecords": 1})"},
    {"rds", "DescribeDBInstances", R"({"MaxRecords": 20})"},
    {"elasticache", "DescribeCacheClusters", R"({"MaxRecords": 20})"},
    {"elbv2", "DescribeLoadBalancers", R"({"PageSize": 1})"},
    {"iam", "ListRoles", R"({"MaxItems": 1})"},
    {"events", "ListRules", R"({"Limit": 1})"},
    {"cloudformation", "DescribeStacks", "{}"},
    {"resourcegroupstaggingapi", "GetResources", "{}"},
};

bool OneOf(const std::string& code, std::initializer_list<const char*> codes) {
  for (const char* c : codes) {
    if (code == c) return true;
  }
  return false;
}

// arn:aws:sts::1:assumed-role/R/session -> arn:aws:iam::1:role/R (what IAM can simulate).
std::string PrincipalArn(const std::string& arn) {
  const std::string marker = ":assumed-role/";
  auto at = arn.find(marker);
  if (arn.rfind("arn:", 0) != 0 || at == std::string::npos) return arn;
  std::string prefix = arn.substr(0, at);  // arn:aws:sts::ACCOUNT
  auto sts = prefix.find(":sts:");
  if (sts != std::string::npos) prefix.replace(sts, 5, ":iam:");
  std::string rest = arn.substr(at + marker.size());
  return prefix + ":role/" + rest.substr(0, rest.find('/'));
}

std::string Url(DoctorContext& ctx, const std::string& service) {
  auto model = models::ModelRegistry::Embedded().Get(service);
  if (!model) return "?";
  auto cfg = ctx.aws.config().Get();
  auto target = aws::ResolveEndpoint(ctx.env, cfg ? cfg->get() : nullptr, (*model)->metadata(), ctx.aws.region().region);
  return target ? target->url : target.error().message();
}

std::string Who(const DoctorContext& ctx) { return ctx.arn.empty() ? "this identity" : ctx.arn; }

// IAM's verdict per action ("ecs:ListClusters" -> "allowed" / "implicitDeny"), empty when it may not be asked.
std::map<std::string, std::string> Simulate(DoctorContext& ctx) {
  std::map<std::string, std::string> verdicts;
  if (ctx.arn.empty() || ctx.ShouldSkip()) return verdicts;
  json actions = json::array();
  for (const Probe& p : kProbes) actions.push_back(IamAction(p.service, p.action));
  auto sim = DoctorCall(ctx, "iam", "SimulatePrincipalPolicy",
                        {{"PolicySourceArn", PrincipalArn(ctx.arn)}, {"ActionNames", actions}});
  if (sim && sim->contains("EvaluationResults")) {
    for (const auto& r : (*sim)["EvaluationResults"]) verdicts[r.value("EvalActionName", "")] = r.value("EvalDecision", "");
  }
  ctx.report.Add({"iam simulation", sim ? CheckStatus::kPass : CheckStatus::kSkip,
                  sim ? "IAM SimulatePrincipalPolicy answered"
                      : "not available (" + sim.error().code + "); judging by the probes' own answers",
                  ""});
  return verdicts;
}

void CheckService(DoctorContext& ctx, const Probe& p, const std::map<std::string, std::string>& simulated) {
  const std::string name = std::string(p.service) + " " + p.action;
  if (ctx.ShouldSkip()) return ctx.Skip(name);
  const std::string iam_action = IamAction(p.service, p.action);
  auto r = DoctorCall(ctx, p.service, p.action, json::parse(p.params));
  auto sim = simulated.find(iam_action);
  if (sim != simulated.end() && sim->second != "allowed") {
    ctx.report.Add({name, CheckStatus::kFail, "IAM does not allow " + iam_action + " (simulation: " + sim->second + ")",
                    "Grant " + iam_action + " (read-only) to " + Who(ctx) + "."});
  } else if (r) {
    ctx.report.Add({name, CheckStatus::kPass, "answered (" + Url(ctx, p.service) + ")", ""});
  } else if (ClassifyFailure(r.error()) == FailureKind::kOther && r.error().from_aws && r.error().http_status < 500) {
    // Reachable and signed in; the answer is odd but says nothing about the setup.
    ctx.report.Add({name, CheckStatus::kWarn, "reachable (" + Url(ctx, p.service) + "), answered " + r.error().code +
                                                  ": " + r.error().message, ""});
  } else {
    ctx.report.Add(FailedCall(ctx, name, p.service, p.action, r.error()));
  }
}

}  // namespace

FailureKind ClassifyFailure(const aws::CallError& e) {
  if (!e.from_aws) {
    return OneOf(e.code, {aws::kNetworkError, aws::kTimeout, aws::kCancelled}) ? FailureKind::kNoAnswer
                                                                               : FailureKind::kOther;
  }
  if (OneOf(e.code, {"InvalidClientTokenId", "UnrecognizedClientException", "UnrecognizedClient",
                     "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidSignatureException",
                     "IncompleteSignature", "IncompleteSignatureException", "ExpiredToken", "ExpiredTokenException",
                     "RequestExpired", "TokenRefreshRequired", "AuthFailure", "MissingAuthenticationToken",
                     "MissingAuthenticationTokenException", "InvalidToken"}) ||
      e.http_status == 401) {
    return FailureKind::kCredentialsRefused;
  }
  if (e.code.find("AccessDenied") != std::string::npos ||
      OneOf(e.code, {"UnauthorizedOperation", "AuthorizationError", "AuthorizationErrorException",
                     "UnauthorizedException", "NotAuthorized", "Forbidden"}) ||
      e.http_status == 403) {
    return FailureKind::kNotAllowed;
  }
  if (e.code.find("NotFound") != std::string::npos || OneOf(e.code, {"NoSuchEntity", "DBInstanceNotFound"})) {
    return FailureKind::kNotFound;
  }
  return FailureKind::kOther;
}

std::string IamAction(const std::string& service, const std::string& action) {
  if (service == "elbv2") return "elasticloadbalancing:" + action;
  if (service == "resourcegroupstaggingapi") return "tag:" + action;
  auto model = models::ModelRegistry::Embedded().Get(service);
  std::string prefix = model ? (*model)->metadata().signing_name : service;
  return (prefix.empty() ? service : prefix) + ":" + action;
}

std::expected<json, aws::CallError> DoctorCall(DoctorContext& ctx, const std::string& service,
                                               const std::string& action, const json& params) {
  aws::CallOptions call;
  call.refresh = true;
  call.cancel = ctx.deadline.token();
  return ctx.aws.client().Call(service, action, params, call);
}

DoctorCheck FailedCall(DoctorContext& ctx, const std::string& name, const std::string& service,
                       const std::string& action, const aws::CallError& e) {
  const std::string what = e.code + ": " + e.message;
  const std::string iam_action = IamAction(service, action);
  switch (ClassifyFailure(e)) {
    case FailureKind::kCredentialsRefused:
      return {name, CheckStatus::kFail, "AWS refused the credentials (" + what + ")",
              e.hint.empty() ? "Check the access key and secret in use (aws configure list)." : e.hint};
    case FailureKind::kNotAllowed:
      return {name, CheckStatus::kFail, "IAM does not allow " + iam_action + " (" + what + ")",
              "Grant " + iam_action + " (read-only) to " + Who(ctx) + "."};
    case FailureKind::kNoAnswer:
      if (ctx.deadline.passed()) {
        ctx.ShouldSkip();
        return {name, CheckStatus::kFail, "no answer before the deadline (" + what + ")",
                "Check network access to " + Url(ctx, service) + ", or allow more time with --deadline."};
      }
      return {name, CheckStatus::kFail, what,
              "Check network access to " + Url(ctx, service) + " and the region; a proxy or VPC endpoint may be needed."};
    default:
      return {name, CheckStatus::kFail, what, e.hint};
  }
}

bool CheckIdentity(DoctorContext& ctx) {
  if (ctx.ShouldSkip()) {
    ctx.Skip("identity");
    return false;
  }
  auto who = DoctorCall(ctx, "sts", "GetCallerIdentity", json::object());
  if (who) {
    ctx.arn = who->value("Arn", "");
    ctx.report.SetFact("identity", {{"account", who->value("Account", "")}, {"arn", ctx.arn}});
    ctx.report.Add({"identity", CheckStatus::kPass, "account " + who->value("Account", "?") + ", " + ctx.arn, ""});
    return true;
  }
  ctx.report.Add(FailedCall(ctx, "identity", "sts", "GetCallerIdentity", who.error()));
  switch (ClassifyFailure(who.error())) {
    case FailureKind::kCredentialsRefused:
      ctx.skip_reason = "AWS refused the credentials (" + who.error().code + "), so every call would fail the same way";
      return false;
    case FailureKind::kNoAnswer:
      if (ctx.skip_reason.empty()) {
        ctx.skip_reason = "the identity check got no answer (" + who.error().code + "), so no other call would";
      }
      return false;
    default:
      return true;
  }
}

void CheckServices(DoctorContext& ctx) {
  const std::map<std::string, std::string> simulated = Simulate(ctx);
  for (const Probe& p : kProbes) CheckService(ctx, p, simulated);
}

}  // namespace awsmcp::app
