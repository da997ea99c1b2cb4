#include "tools/service_health_tool.h"

#include <array>

#include "tools/arguments.h"
#include "tools/call_progress.h"
#include "tools/discovery.h"
#include "tools/parts.h"
#include "tools/time_range.h"

namespace awsmcp::tools {
namespace {

using nlohmann::json;
using Answer = std::expected<json, aws::CallError>;

constexpr int kEventCount = 5;
constexpr int kSampleLines = 5;
constexpr size_t kLineChars = 300;
constexpr std::array<const char*, 7> kParts = {"deployments", "events", "stoppedTasks", "targets",
                                               "metrics", "alarms", "logs"};
constexpr char kErrorPattern[] = "?ERROR ?Error ?error ?Exception ?FATAL ?panic";

std::string ShortArn(const std::string& arn) {
  auto slash = arn.rfind('/');
  return slash == std::string::npos ? arn : arn.substr(slash + 1);
}

// "arn:...:targetgroup/gateway-tg/95296dc6f04e71b9" -> "gateway-tg".
std::string TargetGroupName(const std::string& arn) {
  auto start = arn.find(":targetgroup/");
  if (start == std::string::npos) return arn;
  start += 13;
  return arn.substr(start, arn.find('/', start) - start);
}

// One health check: the inputs and the calls, each part of the answer built from its calls.
class Check {
 public:
  Check(aws::AwsClient& client, aws::CallOptions call, Env* env, const ProjectResources& project)
      : client_(client), call_(std::move(call)), env_(env), project_(project), now_(env->Now()) {}

  Answer Call(const char* service, const char* action, json params) {
    return client_.Call(service, action, params, call_);
  }

  json StoppedTasks(const std::string& cluster, const std::string& service) {
    auto list = Call("ecs", "ListTasks", {{"cluster", cluster}, {"serviceName", service},
                                           {"desiredStatus", "STOPPED"}, {"maxResults", 10}});
    if (!list) return {{"error", PartError(list.error())}};
    json items = json::array();
    const json& arns = (*list)["taskArns"];
    if (arns.empty()) return {{"count", 0}, {"tasks", items}};
    auto tasks = Call("ecs", "DescribeTasks", {{"cluster", cluster}, {"tasks", arns}});
    if (!tasks) return {{"error", PartError(tasks.error())}};
    for (const auto& t : (*tasks)["tasks"]) {
      json item = {{"task", ShortArn(t.value("taskArn", ""))}, {"stoppedReason", t.value("stoppedReason", "")}};
      if (t.contains("stopCode")) item["stopCode"] = t["stopCode"];
      if (t.contains("stoppedAt")) item["stoppedAt"] = t["stoppedAt"];
      json exits = json::array();
      for (const auto& c : t.value("containers", json::array())) {
        if (c.contains("exitCode") && c["exitCode"] != 0) {
          exits.push_back({{"container", c.value("name", "")}, {"exitCode", c["exitCode"]},
                           {"reason", c.value("reason", "")}});
        }
      }
      if (!exits.empty()) item["nonZeroExits"] = exits;
      items.push_back(std::move(item));
    }
    return {{"count", items.size()}, {"tasks", items}};
  }

  json Targets(const json& load_balancers) {
    json groups = json::array();
    for (const auto& lb : load_balancers) {
      if (!lb.contains("targetGroupArn")) continue;
      std::string arn = lb["targetGroupArn"];
      auto health = Call("elbv2", "DescribeTargetHealth", {{"TargetGroupArn", arn}});
      if (!health) {
        groups.push_back({{"targetGroup", TargetGroupName(arn)}, {"error", PartError(health.error())}});
        continue;
      }
      int healthy = 0, total = 0;
      json states = json::object(), unhealthy = json::array();
      for (const auto& d : (*health)["TargetHealthDescriptions"]) {
        const json th = d.value("TargetHealth", json::object());
        const json target = d.value("Target", json::object());
        std::string state = th.value("State", "unknown");
        ++total;
        states[state] = states.value(state, 0) + 1;
        if (state == "healthy") {
          ++healthy;
        } else if (unhealthy.size() < 5) {
          unhealthy.push_back({{"id", target.value("Id", "")}, {"port", target.value("Port", 0)},
                               {"state", state}, {"reason", th.value("Reason", "")}});
        }
      }
      groups.push_back({{"targetGroup", TargetGroupName(arn)}, {"healthy", healthy}, {"total", total}, {"states", states},
                        {"notHealthy", unhealthy}});
    }
    return {{"groups", groups}};
  }

  json Metric(const std::string& name, const std::string& cluster, const std::string& service) {
    auto out = Call("cloudwatch", "GetMetricStatistics",
                    {{"Namespace", "AWS/ECS"},
                     {"MetricName", name},
                     {"Dimensions", {{{"Name", "ClusterName"}, {"Value", cluster}},
                                     {{"Name", "ServiceName"}, {"Value", service}}}},
                     {"StartTime", EpochMs(now_ - std::chrono::hours(1)) / 1000},
                     {"EndTime", EpochMs(now_) / 1000},
                     {"Period", 300},
                     {"Statistics", {"Average", "Maximum"}}});
    if (!out) return {{"error", PartError(out.error())}};
    json points = (*out)["Datapoints"];
    std::sort(points.begin(), points.end(),
              [](const json& a, const json& b) { return a.value("Timestamp", "") < b.value("Timestamp", ""); });
    json m = {{"unit", "Percent"}, {"datapoints", points.size()}};
    if (!points.empty()) {
      double sum = 0, max = 0;
      for (const auto& p : points) {
        sum += p.value("Average", 0.0);
        max = std::max(max, p.value("Maximum", p.value("Average", 0.0)));
      }
      m["average"] = sum / static_cast<double>(points.size());
      m["maximum"] = max;
      m["last"] = points.back().value("Average", 0.0);
    }
    return m;
  }

  json Alarms(const std::string& cluster, const std::string& service) {
    auto out = Call("cloudwatch", "DescribeAlarms", {{"StateValue", "ALARM"}});
    if (!out) return {{"error", PartError(out.error())}};
    json firing = json::array();
    for (const auto& a : (*out)["MetricAlarms"]) {
      bool related = std::find(project_.alarms.begin(), project_.alarms.end(), a.value("AlarmName", "")) !=
                     project_.alarms.end();
      for (const auto& d : a.value("Dimensions", json::array())) {
        related = related || d.value("Value", "") == service || d.value("Value", "") == cluster;
      }
      if (related) firing.push_back({{"alarm", a.value("AlarmName", "")}, {"reason", a.value("StateReason", "")}});
    }
    return {{"inAlarm", firing}};
  }

  json Logs(const std::string& task_definition) {
    std::string group;
    auto td = Call("ecs", "DescribeTaskDefinition", {{"taskDefinition", task_definition}});
    if (td) {
      for (const auto& c : (*td)["taskDefinition"].value("containerDefinitions", json::array())) {
        const json opts = c.value("logConfiguration", json::object()).value("options", json::object());
        if (group.empty() && opts.contains("awslogs-group")) group = opts["awslogs-group"];
      }
    }
    if (group.empty() && !project_.log_groups.empty()) group = project_.log_groups.front();
    if (group.empty()) return {{"error", {{"code", "NoLogGroup"}, {"message", "the task definition names no awslogs "
                                           "group and the configuration maps none"}}}};
    auto out = Call("logs", "FilterLogEvents", {{"logGroupName", group},
                                                {"startTime", EpochMs(now_ - std::chrono::hours(1))},
                                                {"filterPattern", kErrorPattern},
                                                {"limit", 100}});
    if (!out) return {{"logGroup", group}, {"error", PartError(out.error())}};
    const json& events = (*out)["events"];
    json sample = json::array();
    for (size_t i = events.size() > kSampleLines ? events.size() - kSampleLines : 0; i < events.size(); ++i) {
      std::string msg = events[i].value("message", "");
      if (msg.size() > kLineChars) msg = msg.substr(0, kLineChars) + "...";
      sample.push_back({{"time", IsoFromMs(events[i].value("timestamp", int64_t{0}))}, {"message", msg}});
    }
    json logs = {{"logGroup", group}, {"window", "last hour"}, {"errorLines", events.size()}, {"sample", sample}};
    if (out->contains("nextToken")) logs["more"] = true;  // over 100 in the hour
    return logs;
  }

 private:
  aws::AwsClient& client_;
  aws::CallOptions call_;
  Env* env_;
  const ProjectResources& project_;
  std::chrono::system_clock::time_point now_;
};

json Verdict(const json& s, const json& result) {
  json reasons = json::array();
  std::string verdict = "healthy";
  auto worse = [&](const std::string& v, const std::string& why) {
    reasons.push_back(why);
    if (v == "failing" || verdict == "healthy") verdict = v;
  };
  int desired = s.value("desiredCount", 0), running = s.value("runningCount", 0), pending = s.value("pendingCount", 0);
  if (s.value("status", "") != "ACTIVE") worse("failing", "service status is " + s.value("status", "unknown"));
  if (desired > 0 && running == 0) {
    worse("failing", "no task running of " + std::to_string(desired) + " desired");
  } else if (running < desired) {
    worse("degraded", std::to_string(running) + "/" + std::to_string(desired) + " tasks running");
  }
  if (pending > 0) worse("degraded", std::to_string(pending) + " tasks pending");
  for (const auto& d : s.value("deployments", json::array())) {
    if (d.value("rolloutState", "") == "FAILED") worse("failing", "deployment " + d.value("id", "") + " failed");
  }
  if (s.value("deployments", json::array()).size() > 1) worse("degraded", "a deployment is in progress");
  const json none = json::object();
  auto part = [&](const char* key) -> const json& {
    auto it = result.find(key);
    return it != result.end() && it->is_object() ? *it : none;
  };
  for (const auto& g : part("targets").value("groups", json::array())) {
    if (g.contains("error") || g.value("total", 0) == 0) continue;
    if (g.value("healthy", 0) == 0) worse("failing", "no healthy target in " + g.value("targetGroup", ""));
    else if (g["healthy"] < g["total"]) worse("degraded", "unhealthy targets in " + g.value("targetGroup", ""));
  }
  if (size_t n = part("alarms").value("inAlarm", json::array()).size(); n > 0) {
    worse("degraded", std::to_string(n) + " alarm(s) in ALARM");
  }
  if (int n = part("logs").value("errorLines", 0); n > 0) {
    worse("degraded", std::to_string(n) + " error lines in the last hour");
  }
  if (int n = part("stoppedTasks").value("count", 0); n > 0) {
    worse("degraded", std::to_string(n) + " recently stopped task(s)");
  }
  return {{"verdict", verdict}, {"reasons", reasons}};
}

json OutputSchema() {
  return json::parse(R"json({
    "type": "object",
    "properties": {
      "verdict": {"type": "string", "enum": ["healthy", "degraded", "failing"]},
      "reasons": {"type": "array", "items": {"type": "string"}},
      "service": {"type": "string"}, "cluster": {"type": "string"}, "region": {"type": "string"},
      "tasks": {"type": "object"}, "deployments": {"type": "array"}, "events": {"type": "array"},
      "stoppedTasks": {"type": "object"}, "targets": {"type": "object"}, "metrics": {"type": "object"},
      "alarms": {"type": "object"}, "logs": {"type": "object"}, "raw": {"type": "object"},
      "picked": {"type": "string", "description": "set when nothing was given or mapped: the only service found"}
    },
    "required": ["verdict", "reasons", "service", "cluster"]
  })json");
}

// Cluster and service: as given, else the configuration's only match, else
// the account's only match (then `picked` says so). When there is no single
// match, the answer that lists the candidates.
std::optional<mcp::ToolResult> ChooseService(const ProjectResources& project, aws::AwsClient& client,
                                             const aws::CallOptions& call, const std::string& where,
                                             std::string* cluster, std::string* service, std::string* picked) {
  if (!cluster->empty() && !service->empty()) return std::nullopt;
  std::vector<std::string> mapped;
  for (const auto& ref : project.ecs) {
    for (const auto& s : ref.services) {
      if ((cluster->empty() || *cluster == ref.cluster) && (service->empty() || *service == s)) {
        mapped.push_back(ref.cluster + "/" + s);
      }
    }
  }
  Candidates found = PageOf(mapped);
  if (mapped.empty()) {
    auto searched = FindEcsServices(client, call, *cluster, *service);
    if (!searched) return ErrorResult(searched.error(), "ecs", "service-health", where);
    found = std::move(*searched);
  }
  if (!found.Single()) {
    return ChooseOneResult(found, mapped.empty() ? "ECS services" : "mapped ECS services",
                           "'cluster' and 'service'", "ecs", "service-health", where);
  }
  const std::string& only = found.names[0];
  *cluster = only.substr(0, only.find('/'));
  *service = only.substr(only.find('/') + 1);
  if (mapped.empty()) *picked = "the only ECS service" + std::string(where.empty() ? "" : " in " + where) + ": " + only;
  return std::nullopt;
}

}  // namespace

mcp::Tool MakeServiceHealthTool(ClientForProfile clients, Env* env, ProjectResources project, Executor* executor) {
  mcp::Tool tool;
  tool.name = "aws_service_health";
  tool.title = "ECS service health report";
  tool.description =
      "One call: an ECS service's deployments, task counts, events, stopped tasks, target health, CPU/memory, "
      "alarms and recent log errors, with a verdict. Defaults to the project's mapped service.";
  tool.input_schema = json::parse(R"json({
    "type": "object",
    "properties": {
      "cluster": {"type": "string", "description": "ECS cluster name; default: the mapped one, else found in the account"},
      "service": {"type": "string", "description": "ECS service name; default: the mapped one, else the only one in the account (with several, the answer lists them)"},
      "region": {"type": "string", "description": "e.g. us-east-1; default: the server's"},
      "profile": {"type": "string", "description": "another account or role; default: the server's"},
      "parts": {"type": "array", "items": {"type": "string", "enum": ["deployments", "events", "stoppedTasks",
                "targets", "metrics", "alarms", "logs"]}, "description": "only these parts (default: all)"},
      "details": {"type": "boolean", "description": "include the raw API answers"}
    },
    "additionalProperties": false
  })json");
  tool.output_schema = OutputSchema();
  tool.annotations = {.read_only = true, .destructive = false, .idempotent = true, .open_world = true};
  tool.handler = [clients, env, project, executor](const json& args, mcp::ToolContext& ctx) -> mcp::ToolResult {
    ArgReader in(args);
    std::string cluster = in.String("cluster", false, 512);
    std::string service = in.String("service", false, 512);
    std::string region = in.Region("region");
    std::string profile = in.String("profile", false, 128);
    bool details = in.Bool("details");
    std::vector<std::string> parts = in.Strings("parts", std::vector<std::string>(kParts.begin(), kParts.end()));
    in.RejectOthers({"cluster", "service", "region", "profile", "details", "parts"});
    if (!in.ok()) return ErrorResult(in.error(), "ecs", "service-health", region);
    for (const auto& p : parts) {
      if (std::find(kParts.begin(), kParts.end(), p) == kParts.end()) {
        return ErrorResult(aws::CallError::Local(aws::kValidationError, "unknown part " + p.substr(0, 64) +
                                                 "; parts are deployments, events, stoppedTasks, targets, metrics, "
                                                 "alarms, logs"), "ecs", "service-health", region);
      }
    }
    auto want = [&](const char* p) { return std::find(parts.begin(), parts.end(), p) != parts.end(); };
    auto client = clients(profile);
    if (!client) return ErrorResult(client.error(), "ecs", "service-health", region);
    aws::CallOptions call = CallOptionsFor(ctx, region);
    const std::string where = region.empty() ? (*client)->options().default_region : region;
    std::string picked;
    if (auto answer = ChooseService(project, **client, call, where, &cluster, &service, &picked)) return *answer;
    Check check(**client, call, env, project);

    auto described = check.Call("ecs", "DescribeServices", {{"cluster", cluster}, {"services", {service}}});
    if (!described) return ErrorResult(described.error(), "ecs", "service-health", region);
    if ((*described)["services"].empty()) {
      std::string reason = "not found";
      for (const auto& f : (*described)["failures"]) reason = f.value("reason", reason);
      return ErrorResult(aws::CallError::Local("ServiceNotFound", "ECS service " + service + " in cluster " +
                                                                     cluster + ": " + reason,
                                               "Check the names and the region."),
                         "ecs", "service-health", region);
    }
    const json svc = (*described)["services"][0];
    ctx.progress(1, std::nullopt, "service " + cluster + "/" + service + " described");

    // The independent parts run at once; each carries its own error.
    Parts work(executor);
    std::vector<std::string> names;  // each part's name, for progress
    auto add = [&](const char* name, std::function<json()> fn) -> std::optional<size_t> {
      if (!want(name)) return std::nullopt;
      names.push_back(name);
      return work.Add(std::move(fn));
    };
    auto stopped = add("stoppedTasks", [&] { return check.StoppedTasks(cluster, service); });
    auto targets = add("targets", [&] { return check.Targets(svc.value("loadBalancers", json::array())); });
    auto cpu = add("metrics", [&] { return check.Metric("CPUUtilization", cluster, service); });
    auto memory = add("metrics", [&] { return check.Metric("MemoryUtilization", cluster, service); });
    auto alarms = add("alarms", [&] { return check.Alarms(cluster, service); });
    auto logs = add("logs", [&] { return check.Logs(svc.value("taskDefinition", "")); });
    const double total = static_cast<double>(work.size() + 2);  // + describe + verdict
    work.Run([&](size_t i, size_t done) {
      ctx.progress(static_cast<double>(done + 1), total, names[i] + " done (" + std::to_string(done) + " of " +
                                                             std::to_string(names.size()) + " parts)");
    });

    json result = {{"service", service}, {"cluster", cluster}, {"region", where},
                   {"status", svc.value("status", "")},
                   {"taskDefinition", ShortArn(svc.value("taskDefinition", ""))},
                   {"tasks", {{"desired", svc.value("desiredCount", 0)}, {"running", svc.value("runningCount", 0)},
                              {"pending", svc.value("pendingCount", 0)}}}};
    json deployments = json::array();
    for (const auto& d : svc.value("deployments", json::array())) {
      deployments.push_back({{"id", d.value("id", "")}, {"status", d.value("status", "")},
                             {"rolloutState", d.value("rolloutState", "")},
                             {"taskDefinition", ShortArn(d.value("taskDefinition", ""))},
                             {"desired", d.value("desiredCount", 0)}, {"running", d.value("runningCount", 0)},
                             {"pending", d.value("pendingCount", 0)}, {"failedTasks", d.value("failedTasks", 0)},
                             {"updatedAt", d.value("updatedAt", "")}});
    }
    if (want("deployments")) result["deployments"] = deployments;
    json events = json::array();
    for (const auto& e : svc.value("events", json::array())) {
      if (events.size() >= kEventCount) break;
      events.push_back({{"at", e.value("createdAt", "")}, {"message", e.value("message", "")}});
    }
    if (want("events")) result["events"] = events;
    if (stopped) result["stoppedTasks"] = work.Take(*stopped);
    if (targets) result["targets"] = work.Take(*targets);
    if (cpu && memory) {
      result["metrics"] = {{"window", "last hour, 5-minute periods"}, {"cpu", work.Take(*cpu)},
                           {"memory", work.Take(*memory)}};
    }
    if (alarms) result["alarms"] = work.Take(*alarms);
    if (logs) result["logs"] = work.Take(*logs);
    ctx.progress(total, total, "done");
    json verdict = Verdict(svc, result);
    result["verdict"] = verdict["verdict"];
    result["reasons"] = verdict["reasons"];
    if (details) result["raw"] = {{"describeServices", *described}};

    mcp::ToolResult r;
    std::string summary = service + ": " + result["verdict"].get<std::string>();
    if (!result["reasons"].empty()) {
      summary += " (";
      for (size_t i = 0; i < result["reasons"].size(); ++i) summary += (i ? "; " : "") + result["reasons"][i].get<std::string>();
      summary += ")";
    }
    if (!picked.empty()) {
      result["picked"] = picked;
      summary = "Picked " + picked + " (nothing given or mapped). " + summary;
    }
    r.structured = std::move(result);
    r.text = r.structured.dump(-1, ' ', false, json::error_handler_t::replace);
    r.notes.push_back(summary);
    return r;
  };
  return tool;
}

}  // namespace awsmcp::tools
