#include "app/doctor_mapping.h"

#include <functional>

#include "app/doctor_aws_checks.h"
#include "base/closest_names.h"

namespace awsmcp::app {
namespace {

using nlohmann::json;

// One kind of mapped resource: how to describe a name, how to tell it was
// found, and (optionally) how to list the names that exist for suggestions.
struct Kind {
  const char* label;    // "ecs cluster"
  const char* service;  // CLI name
  const char* action;
  std::function<json(const std::string& name)> params;
  std::function<bool(const json& answer, const std::string& name)> found;
  const char* list_action = nullptr;  // one page of names that exist
  json list_params = json::object();
  std::function<std::vector<std::string>(const json& answer)> names = {};
};

std::string After(const std::string& s, char c) { return s.substr(s.rfind(c) + 1); }

// Values of `field` in the objects of `answer[list]`.
std::vector<std::string> Field(const json& answer, const char* list, const char* field) {
  std::vector<std::string> out;
  if (!answer.contains(list) || !answer[list].is_array()) return out;
  for (const auto& item : answer[list]) {
    if (item.is_object() && item.contains(field) && item[field].is_string()) out.push_back(item[field]);
  }
  return out;
}

bool Has(const json& answer, const char* list, const char* field, const std::string& name) {
  for (const std::string& v : Field(answer, list, field)) {
    if (v == name) return true;
  }
  return false;
}

// Described by name; AWS answers NotFound for a missing one.
Kind ByError(const char* label, const char* service, const char* action, const char* member) {
  return {label, service, action, [member](const std::string& n) { return json{{member, n}}; },
          [](const json&, const std::string&) { return true; }};
}

Kind EcsCluster() {
  return {"ecs cluster", "ecs", "DescribeClusters",
          [](const std::string& n) { return json{{"clusters", {n}}}; },
          [](const json& a, const std::string& n) {
            for (const auto& c : a.value("clusters", json::array())) {
              if ((c.value("clusterName", "") == n || c.value("clusterArn", "") == n) &&
                  c.value("status", "") != "INACTIVE") {
                return true;
              }
            }
            return false;
          },
          "ListClusters", json{{"maxResults", 100}},
          [](const json& a) {
            std::vector<std::string> names;
            for (const auto& arn : a.value("clusterArns", json::array())) {
              if (arn.is_string()) names.push_back(After(arn, '/'));
            }
            return names;
          }};
}

Kind EcsService(const std::string& cluster) {
  return {"ecs service", "ecs", "DescribeServices",
          [cluster](const std::string& n) { return json{{"cluster", cluster}, {"services", {n}}}; },
          [](const json& a, const std::string& n) {
            for (const auto& s : a.value("services", json::array())) {
              if ((s.value("serviceName", "") == n || s.value("serviceArn", "") == n) &&
                  s.value("status", "") != "INACTIVE") {
                return true;
              }
            }
            return false;
          },
          "ListServices", json{{"cluster", cluster}, {"maxResults", 100}},
          [](const json& a) {
            std::vector<std::string> names;
            for (const auto& arn : a.value("serviceArns", json::array())) {
              if (arn.is_string()) names.push_back(After(arn, '/'));
            }
            return names;
          }};
}

Kind Repository() {
  Kind k = ByError("ecr repository", "ecr", "DescribeRepositories", "");
  k.params = [](const std::string& n) { return json{{"repositoryNames", {n}}}; };
  k.list_action = "DescribeRepositories";
  k.list_params = {{"maxResults", 100}};
  k.names = [](const json& a) { return Field(a, "repositories", "repositoryName"); };
  return k;
}

Kind Secret() {
  Kind k = ByError("secret", "secretsmanager", "DescribeSecret", "SecretId");
  k.list_action = "ListSecrets";
  k.list_params = {{"MaxResults", 100}};
  k.names = [](const json& a) { return Field(a, "SecretList", "Name"); };
  return k;
}

Kind LogGroup() {
  return {"log group", "logs", "DescribeLogGroups",
          [](const std::string& n) { return json{{"logGroupNamePrefix", n}, {"limit", 50}}; },
          [](const json& a, const std::string& n) { return Has(a, "logGroups", "logGroupName", n); },
          "DescribeLogGroups", json{{"limit", 50}},
          [](const json& a) { return Field(a, "logGroups", "logGroupName"); }};
}

Kind LoadBalancer() {
  Kind k = ByError("load balancer", "elbv2", "DescribeLoadBalancers", "");
  k.params = [](const std::string& n) {
    return n.rfind("arn:", 0) == 0 ? json{{"LoadBalancerArns", {n}}} : json{{"Names", {n}}};
  };
  return k;
}

Kind Alarm() {
  return {"alarm", "cloudwatch", "DescribeAlarms",
          [](const std::string& n) { return json{{"AlarmNames", {n}}}; },
          [](const json& a, const std::string& n) {
            return Has(a, "MetricAlarms", "AlarmName", n) || Has(a, "CompositeAlarms", "AlarmName", n);
          }};
}

std::string Quoted(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + ("'" + n + "'");
  return out;
}

// The existing names closest to `name`, or "" when listing them is not possible or finds none close.
std::string Suggest(DoctorContext& ctx, const Kind& kind, const std::string& name) {
  if (kind.list_action == nullptr || ctx.ShouldSkip()) return "";
  auto listed = DoctorCall(ctx, kind.service, kind.list_action, kind.list_params);
  if (!listed) return "";
  std::vector<std::string> close = ClosestNames(name, kind.names(*listed), 3);
  return close.empty() ? "" : "; the closest that exist: " + Quoted(close);
}

// One mapped name. Returns true when it was found.
bool CheckOne(DoctorContext& ctx, const Kind& kind, const std::string& name, const std::string& key) {
  const std::string check = std::string(kind.label) + " " + name;
  if (ctx.ShouldSkip()) {
    ctx.Skip(check);
    return false;
  }
  auto answer = DoctorCall(ctx, kind.service, kind.action, kind.params(name));
  const bool missing = answer ? !kind.found(*answer, name) : ClassifyFailure(answer.error()) == FailureKind::kNotFound;
  if (answer && !missing) {
    ctx.report.Add({check, CheckStatus::kPass, "found in " + ctx.aws.region().region, ""});
    return true;
  }
  if (!missing) {
    ctx.report.Add(FailedCall(ctx, check, kind.service, kind.action, answer.error()));
    return false;
  }
  const std::string& file = ctx.options.config_path;
  ctx.report.Add({check, CheckStatus::kFail,
                  "not found in region " + ctx.aws.region().region + " (named by " + key + " in " + file + ")" +
                      Suggest(ctx, kind, name),
                  "Correct " + key + " in " + file + ", or check the region and account."});
  return false;
}

void CheckList(DoctorContext& ctx, const Kind& kind, const std::vector<std::string>& names, const std::string& key) {
  for (size_t i = 0; i < names.size(); ++i) CheckOne(ctx, kind, names[i], key + "[" + std::to_string(i) + "]");
}

void CheckEcs(DoctorContext& ctx) {
  const std::string base = "project.aws.services.ecs";
  for (size_t i = 0; i < ctx.options.project.ecs.size(); ++i) {
    const EcsServiceRef& ref = ctx.options.project.ecs[i];
    const std::string at = base + "[" + std::to_string(i) + "]";
    if (CheckOne(ctx, EcsCluster(), ref.cluster, at + ".cluster")) {
      CheckList(ctx, EcsService(ref.cluster), ref.services, at + ".services");
      continue;
    }
    for (const std::string& s : ref.services) {
      ctx.report.Add({"ecs service " + s, CheckStatus::kSkip, "skipped: its cluster " + ref.cluster + " was not found", ""});
    }
  }
}

}  // namespace

void CheckMappedResources(DoctorContext& ctx) {
  const ProjectResources& p = ctx.options.project;
  const std::string base = "project.aws.services.";
  CheckEcs(ctx);
  CheckList(ctx, Repository(), p.ecr, base + "ecr");
  CheckList(ctx, Secret(), p.secrets, base + "secrets");
  CheckList(ctx, LogGroup(), p.log_groups, base + "logGroups");
  CheckList(ctx, ByError("database", "rds", "DescribeDBInstances", "DBInstanceIdentifier"), p.databases, base + "rds");
  CheckList(ctx, ByError("cache", "elasticache", "DescribeCacheClusters", "CacheClusterId"), p.caches,
            base + "elasticache");
  CheckList(ctx, LoadBalancer(), p.load_balancers, base + "loadBalancers");
  CheckList(ctx, Alarm(), p.alarms, base + "alarms");
}

}  // namespace awsmcp::app
