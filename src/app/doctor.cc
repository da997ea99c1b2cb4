#include "app/doctor.h"

#include "app/aws_stack.h"
#include "aws/endpoint.h"
#include "aws/shared_config.h"
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

std::string MaskKeyId(const std::string& id) {
  if (id.size() <= 4) return "****";
  return id.substr(0, 4) + "..." + id.substr(id.size() - 4);
}

bool IsAccessDenied(const aws::CallError& e) {
  return e.from_aws && (e.code.find("AccessDenied") != std::string::npos || e.code == "UnauthorizedOperation" ||
                        e.code == "AuthorizationError" || e.code == "UnauthorizedException");
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

std::string IamAction(const std::string& service, const std::string& action) {
  auto model = models::ModelRegistry::Embedded().Get(service);
  std::string prefix = model ? (*model)->metadata().signing_name : service;
  if (service == "elbv2") prefix = "elasticloadbalancing";
  if (service == "resourcegroupstaggingapi") prefix = "tag";
  if (service == "cloudwatch") prefix = "cloudwatch";
  return prefix + ":" + action;
}

class Report {
 public:
  explicit Report(std::FILE* out) : out_(out) {}
  void Add(DoctorCheck c) {
    std::fprintf(out_, "  %s  %-36s %s\n", c.ok ? "PASS" : "FAIL", c.name.c_str(), c.detail.c_str());
    if (!c.ok && !c.fix.empty()) std::fprintf(out_, "        fix: %s\n", c.fix.c_str());
    ++total_;
    failed_ += !c.ok;
  }
  int Finish() {
    std::fprintf(out_, "%d checks, %d failed\n", total_, failed_);
    return failed_ == 0 ? 0 : 1;
  }

 private:
  std::FILE* out_;
  int total_ = 0;
  int failed_ = 0;
};

}  // namespace

int RunDoctor(const AppOptions& options, std::FILE* out) {
  Env* env = Env::Default();
  // Doctor only reads, and answers fast: one attempt per check, no backoff.
  AwsStack aws(options, env, {}, {.max_attempts = 1});
  Report report(out);
  std::fprintf(out, "aws-mcp doctor\n");

  aws::SharedConfigPaths paths = aws::DefaultSharedConfigPaths(*env);
  std::string profile = aws::ResolveProfileName(*env, options.profile);
  if (aws.config_status().ok()) {
    report.Add({"config files", true, paths.config + ", " + paths.credentials + " (profile " + profile + ")", ""});
  } else {
    report.Add({"config files", false, aws.config_status().message(), "Fix the file and line named above."});
  }
  if (!options.profile.empty()) {
    auto cfg = aws.config().Get();
    bool exists = cfg && (*cfg)->ProfileExists();
    report.Add({"profile", exists, exists ? "profile " + profile + " found" : "profile " + profile + " not found",
                "Create it with `aws configure --profile " + profile + "` or pick another with --profile."});
  }

  auto creds = aws.credentials().Get();
  if (creds) {
    report.Add({"credentials", true, creds->source + ", key " + MaskKeyId(creds->access_key_id) +
                                         (creds->session_token.empty() ? "" : ", temporary"), ""});
  } else {
    report.Add({"credentials", false, creds.error().message(), "See README: Signing in."});
  }

  const aws::ResolvedRegion& region = aws.region();
  if (!aws.region_status().ok()) {
    report.Add({"region", false, aws.region_status().message(), "Set a valid region: --region us-east-1."});
  } else if (region.region.empty()) {
    report.Add({"region", false, "no region configured",
                "Pass --region, set AWS_REGION, or add `region = us-east-1` to the profile in ~/.aws/config."});
  } else {
    report.Add({"region", true, region.region + " (from " + region.source + ")", ""});
  }
  if (!creds || region.region.empty()) return report.Finish();

  aws::CallOptions call;
  call.refresh = true;
  auto who = aws.client().Call("sts", "GetCallerIdentity", json::object(), call);
  std::string arn;
  if (who) {
    arn = who->value("Arn", "");
    report.Add({"identity", true, "account " + who->value("Account", "?") + ", " + arn, ""});
  } else {
    report.Add({"identity", false, who.error().code + ": " + who.error().message,
                who.error().hint.empty() ? "Check the credentials and network." : who.error().hint});
  }

  // IAM's own verdict on the actions, where the identity may ask for it.
  std::map<std::string, std::string> simulated;  // "ecs:ListClusters" -> "allowed" / "implicitDeny" / ...
  if (!arn.empty()) {
    json actions = json::array();
    for (const Probe& p : kProbes) actions.push_back(IamAction(p.service, p.action));
    auto sim = aws.client().Call("iam", "SimulatePrincipalPolicy",
                                 {{"PolicySourceArn", PrincipalArn(arn)}, {"ActionNames", actions}}, call);
    if (sim && sim->contains("EvaluationResults")) {
      for (const auto& r : (*sim)["EvaluationResults"]) {
        simulated[r.value("EvalActionName", "")] = r.value("EvalDecision", "");
      }
    }
    std::fprintf(out, "  ....  %-36s %s\n", "iam simulation",
                 sim ? "IAM SimulatePrincipalPolicy answered" :
                       ("not available (" + sim.error().code + "); judging by the probe calls").c_str());
  }

  for (const Probe& p : kProbes) {
    const std::string name = std::string(p.service) + " " + p.action;
    const std::string iam_action = IamAction(p.service, p.action);
    auto model = models::ModelRegistry::Embedded().Get(p.service);
    std::string url;
    if (model) {
      auto cfg = aws.config().Get();
      auto target = aws::ResolveEndpoint(*env, cfg ? cfg->get() : nullptr, (*model)->metadata(), region.region);
      url = target ? target->url : target.error().message();
    }
    auto r = aws.client().Call(p.service, p.action, json::parse(p.params), call);
    auto sim = simulated.find(iam_action);
    bool denied_by_sim = sim != simulated.end() && sim->second != "allowed";
    if (r && !denied_by_sim) {
      report.Add({name, true, "answered (" + url + ")", ""});
    } else if ((!r && IsAccessDenied(r.error())) || denied_by_sim) {
      report.Add({name, false, "reachable, but IAM does not allow " + iam_action,
                  "Grant " + iam_action + " (read-only) to " + (arn.empty() ? "this identity" : arn) + "."});
    } else if (r.error().from_aws) {
      report.Add({name, true, "reachable (" + url + "), answered " + r.error().code, ""});
    } else {
      report.Add({name, false, r.error().code + ": " + r.error().message,
                  "Check network access to " + url + " and the region; a proxy or VPC endpoint may be needed."});
    }
  }
  return report.Finish();
}

}  // namespace awsmcp::app
