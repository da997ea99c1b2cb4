#include "tools/project_catalog.h"

#include "base/percent_encoding.h"
#include "tools/call_progress.h"

namespace awsmcp::tools {
namespace {

using nlohmann::json;
using Segments = std::vector<std::string>;

constexpr size_t kMaxEcsEvents = 10;
constexpr size_t kMaxSegment = 1024;

// One kind of resource: its URI shape and the one Describe call that reads it.
struct Kind {
  const char* prefix;      // "rds" in aws://rds/...
  const char* vars;        // "{dbInstance}" or "{cluster}/{service}"
  size_t segments;         // how many path segments the URI has
  const char* title;       // "RDS database instance"
  const char* service;
  const char* action;
  json (*params)(const Segments& s);
  // The resource in the answer, or null when AWS answered without it.
  json (*pick)(json answer, const Segments& s);
};

json First(const json& list) { return list.is_array() && !list.empty() ? list[0] : json(); }

const Kind kKinds[] = {
    {"ecs", "{cluster}/{service}", 2, "ECS service", "ecs", "DescribeServices",
     [](const Segments& s) -> json { return {{"cluster", s[0]}, {"services", {s[1]}}}; },
     [](json a, const Segments&) {
       json svc = First(a["services"]);
       if (svc.is_object() && svc.contains("events") && svc["events"].size() > kMaxEcsEvents) {
         svc["events"].erase(svc["events"].begin() + kMaxEcsEvents, svc["events"].end());
       }
       return svc;
     }},
    {"ecr", "{repository}", 1, "ECR repository", "ecr", "DescribeRepositories",
     [](const Segments& s) -> json { return {{"repositoryNames", {s[0]}}}; },
     [](json a, const Segments&) { return First(a["repositories"]); }},
    {"secrets", "{secret}", 1, "Secrets Manager secret (metadata only)", "secretsmanager", "DescribeSecret",
     [](const Segments& s) -> json { return {{"SecretId", s[0]}}; },
     [](json a, const Segments&) { return a; }},
    {"logs", "{logGroup}", 1, "CloudWatch log group", "logs", "DescribeLogGroups",
     [](const Segments& s) -> json { return {{"logGroupNamePrefix", s[0]}, {"limit", 50}}; },
     [](json a, const Segments& s) {
       for (auto& g : a["logGroups"]) {
         if (g.value("logGroupName", "") == s[0]) return g;
       }
       return json();
     }},
    {"rds", "{dbInstance}", 1, "RDS database instance", "rds", "DescribeDBInstances",
     [](const Segments& s) -> json { return {{"DBInstanceIdentifier", s[0]}}; },
     [](json a, const Segments&) { return First(a["DBInstances"]); }},
    {"elasticache", "{cacheCluster}", 1, "ElastiCache cluster", "elasticache", "DescribeCacheClusters",
     [](const Segments& s) -> json { return {{"CacheClusterId", s[0]}, {"ShowCacheNodeInfo", true}}; },
     [](json a, const Segments&) { return First(a["CacheClusters"]); }},
    {"elbv2", "{loadBalancer}", 1, "Elastic load balancer", "elbv2", "DescribeLoadBalancers",
     [](const Segments& s) -> json { return {{"Names", {s[0]}}}; },
     [](json a, const Segments&) { return First(a["LoadBalancers"]); }},
    {"alarms", "{alarm}", 1, "CloudWatch alarm", "cloudwatch", "DescribeAlarms",
     [](const Segments& s) -> json { return {{"AlarmNames", {s[0]}}}; },
     [](json a, const Segments&) {
       json alarm = First(a["MetricAlarms"]);
       return alarm.is_null() ? First(a["CompositeAlarms"]) : alarm;
     }},
};

std::string Uri(const char* prefix, const Segments& segments) {
  std::string uri = std::string("aws://") + prefix;
  for (const auto& s : segments) uri += "/" + UriEncode(s);
  return uri;
}

// Splits "aws://kind/a/b" into its kind and decoded segments; nullptr when it names no kind.
const Kind* ParseUri(const std::string& uri, Segments* segments) {
  constexpr std::string_view kScheme = "aws://";
  if (!uri.starts_with(kScheme)) return nullptr;
  std::vector<std::string> parts;
  size_t start = kScheme.size();
  while (true) {
    size_t slash = uri.find('/', start);
    parts.push_back(uri.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  for (const Kind& k : kKinds) {
    if (parts[0] != k.prefix || parts.size() != k.segments + 1) continue;
    segments->clear();
    for (size_t i = 1; i < parts.size(); ++i) {
      std::string s = UriDecode(parts[i]);
      if (s.empty() || s.size() > kMaxSegment) return nullptr;
      segments->push_back(std::move(s));
    }
    return &k;
  }
  return nullptr;
}

const Kind& KindFor(const char* prefix) {
  for (const Kind& k : kKinds) {
    if (std::string_view(k.prefix) == prefix) return k;
  }
  return kKinds[0];
}

bool IsNotFound(const aws::CallError& e) {
  return e.from_aws && (e.code.find("NotFound") != std::string::npos || e.code.find("NoSuch") != std::string::npos);
}

}  // namespace

std::vector<std::string> CompleteFromProject(const ProjectResources& project, const std::string& argument,
                                             const std::string& prefix) {
  std::vector<std::string> names;
  if (argument == "service") {
    for (const auto& ref : project.ecs) names.insert(names.end(), ref.services.begin(), ref.services.end());
  } else if (argument == "cluster") {
    for (const auto& ref : project.ecs) names.push_back(ref.cluster);
  } else {
    const std::pair<const char*, const std::vector<std::string>*> lists[] = {
        {"repository", &project.ecr},       {"secret", &project.secrets},     {"logGroup", &project.log_groups},
        {"dbInstance", &project.databases}, {"cacheCluster", &project.caches}, {"loadBalancer", &project.load_balancers},
        {"alarm", &project.alarms}};
    for (const auto& [name, list] : lists) {
      if (argument == name) names = *list;
    }
  }
  std::erase_if(names, [&](const std::string& n) { return !n.starts_with(prefix); });
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<mcp::Resource> ProjectCatalog::List() const {
  std::vector<mcp::Resource> out;
  auto add = [&](const char* prefix, const Segments& s) {
    const Kind& k = KindFor(prefix);
    std::string label = s.back();
    out.push_back({.uri = Uri(prefix, s), .name = std::string(prefix) + ":" + (s.size() > 1 ? s[0] + "/" : "") + label,
                   .title = std::string(k.title) + " " + label,
                   .description = std::string("Current description from ") + k.service + " " + k.action});
  };
  for (const auto& ref : project_.ecs) {
    for (const auto& service : ref.services) add("ecs", {ref.cluster, service});
  }
  for (const auto& r : project_.ecr) add("ecr", {r});
  for (const auto& r : project_.secrets) add("secrets", {r});
  for (const auto& r : project_.log_groups) add("logs", {r});
  for (const auto& r : project_.databases) add("rds", {r});
  for (const auto& r : project_.caches) add("elasticache", {r});
  for (const auto& r : project_.load_balancers) add("elbv2", {r});
  for (const auto& r : project_.alarms) add("alarms", {r});
  return out;
}

std::vector<mcp::ResourceTemplate> ProjectCatalog::Templates() const {
  std::vector<mcp::ResourceTemplate> out;
  for (const Kind& k : kKinds) {
    out.push_back({.uri_template = std::string("aws://") + k.prefix + "/" + k.vars, .name = k.prefix,
                   .title = k.title,
                   .description = std::string("Any ") + k.title + " in the default region, from " + k.service +
                                  " " + k.action});
  }
  return out;
}

Result<std::vector<mcp::ResourceContents>> ProjectCatalog::Read(const std::string& uri, mcp::ToolContext& ctx) const {
  Segments segments;
  const Kind* kind = ParseUri(uri, &segments);
  if (!kind) return Fail(Status::NotFound("no resource has this URI; see resources/templates/list"));
  auto answer = client_->Call(kind->service, kind->action, kind->params(segments), CallOptionsFor(ctx, ""));
  if (!answer) {
    const aws::CallError& e = answer.error();
    if (IsNotFound(e)) return Fail(Status::NotFound(std::string(kind->title) + " " + segments.back()));
    if (e.code == aws::kValidationError) {  // a name AWS cannot have: nothing has it
      return Fail(Status::NotFound(std::string(kind->title) + " " + segments.back() + ": " + e.message));
    }
    std::string message = e.code + ": " + e.message;
    if (!e.hint.empty()) message += " " + e.hint;
    return Fail(Status(e.from_aws ? Code::kAwsError : Code::kInternal, message));
  }
  json item = kind->pick(std::move(*answer), segments);
  if (!item.is_object() || item.empty()) {
    return Fail(Status::NotFound(std::string(kind->title) + " " + segments.back()));
  }
  return std::vector<mcp::ResourceContents>{
      {.uri = uri, .mime_type = "application/json",
       .text = item.dump(-1, ' ', false, json::error_handler_t::replace)}};
}

}  // namespace awsmcp::tools
