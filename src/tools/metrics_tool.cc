#include "tools/metrics_tool.h"

#include <algorithm>

#include "tools/arguments.h"
#include "tools/call_progress.h"
#include "tools/discovery.h"
#include "tools/time_range.h"

namespace awsmcp::tools {
namespace {

using nlohmann::json;

constexpr int64_t kTargetPoints = 60;  // the automatic period aims at about this many datapoints
constexpr int kMaxPages = 10;

struct MetricRef {
  std::string name;
  std::string stat;
};

// A resource kind's standard metrics, in its namespace, with the statistic that reads best.
struct StandardSet {
  const char* kind;
  const char* name_space;
  std::vector<MetricRef> metrics;
};

const StandardSet kStandard[] = {
    {"ecs", "AWS/ECS", {{"CPUUtilization", "Average"}, {"MemoryUtilization", "Average"}}},
    {"rds", "AWS/RDS", {{"CPUUtilization", "Average"}, {"DatabaseConnections", "Average"},
                        {"FreeableMemory", "Minimum"}, {"FreeStorageSpace", "Minimum"},
                        {"ReadLatency", "Average"}, {"WriteLatency", "Average"}}},
    {"elasticache", "AWS/ElastiCache", {{"CPUUtilization", "Average"}, {"EngineCPUUtilization", "Average"},
                                        {"CurrConnections", "Average"}, {"DatabaseMemoryUsagePercentage", "Average"},
                                        {"CacheHitRate", "Average"}, {"Evictions", "Sum"}}},
    {"alb", "AWS/ApplicationELB", {{"RequestCount", "Sum"}, {"TargetResponseTime", "Average"},
                                   {"HTTPCode_Target_5XX_Count", "Sum"}, {"HTTPCode_ELB_5XX_Count", "Sum"}}},
};

struct Query {
  std::string name_space, metric, stat;
  json dimensions = json::object();  // name -> value
};

// The resource's metrics; an error message when the resource is not understood.
std::expected<std::vector<Query>, aws::CallError> Standard(const std::string& resource, aws::AwsClient& client,
                                                           const aws::CallOptions& call) {
  auto colon = resource.find(':');
  std::string kind = resource.substr(0, colon), id = colon == std::string::npos ? "" : resource.substr(colon + 1);
  const StandardSet* set = nullptr;
  for (const auto& s : kStandard) {
    if (kind == s.kind) set = &s;
  }
  if (!set || id.empty()) {
    return std::unexpected(aws::CallError::Local(
        aws::kValidationError, "resource must be ecs:<cluster>/<service>, rds:<id>, elasticache:<id> or alb:<name>"));
  }
  json dims;
  if (kind == "ecs") {
    auto slash = id.find('/');
    if (slash == std::string::npos) {
      return std::unexpected(aws::CallError::Local(aws::kValidationError, "give ecs:<cluster>/<service>"));
    }
    dims = {{"ClusterName", id.substr(0, slash)}, {"ServiceName", id.substr(slash + 1)}};
  } else if (kind == "rds") {
    dims = {{"DBInstanceIdentifier", id}};
  } else if (kind == "elasticache") {
    dims = {{"CacheClusterId", id}};
  } else {  // alb: the LoadBalancer dimension is the ARN's "app/<name>/<id>"
    auto lb = client.Call("elbv2", "DescribeLoadBalancers", {{"Names", {id}}}, call);
    if (!lb) return std::unexpected(lb.error());
    std::string arn = (*lb)["LoadBalancers"].empty() ? "" : (*lb)["LoadBalancers"][0].value("LoadBalancerArn", "");
    auto at = arn.find(":loadbalancer/");
    if (at == std::string::npos) {
      return std::unexpected(aws::CallError::Local("LoadBalancerNotFound", "no load balancer named " + id));
    }
    dims = {{"LoadBalancer", arn.substr(at + 14)}};
  }
  std::vector<Query> out;
  for (const auto& m : set->metrics) out.push_back({set->name_space, m.name, m.stat, dims});
  return out;
}

json Summary(const Query& q, const json& result, bool series) {
  json out = {{"namespace", q.name_space}, {"metric", q.metric}, {"stat", q.stat}, {"dimensions", q.dimensions}};
  std::vector<std::pair<std::string, double>> points;
  // A query AWS gave no result for has no points (and no object to read).
  const json ts = result.is_object() ? result.value("Timestamps", json::array()) : json::array();
  const json vs = result.is_object() ? result.value("Values", json::array()) : json::array();
  for (size_t i = 0; i < ts.size() && i < vs.size(); ++i) {
    if (ts[i].is_string() && vs[i].is_number()) points.emplace_back(ts[i].get<std::string>(), vs[i].get<double>());
  }
  std::sort(points.begin(), points.end());  // ISO-8601 UTC sorts as time does
  out["datapoints"] = points.size();
  if (result.value("StatusCode", "Complete") != "Complete") out["status"] = result["StatusCode"];
  if (points.empty()) return out;
  double min = points[0].second, max = min, sum = 0;
  for (const auto& [t, v] : points) {
    min = std::min(min, v);
    max = std::max(max, v);
    sum += v;
  }
  out["min"] = min;
  out["avg"] = sum / static_cast<double>(points.size());
  out["max"] = max;
  out["last"] = points.back().second;
  out["lastAt"] = points.back().first;
  if (series) {
    json s = json::array();
    for (const auto& [t, v] : points) s.push_back({t, v});
    out["series"] = std::move(s);
  }
  return out;
}

json InputSchema() {
  return json::parse(R"json({
    "type": "object",
    "properties": {
      "resource": {"type": "string",
                   "description": "ecs:<cluster>/<service>, rds:<id>, elasticache:<id> or alb:<name>: its standard metrics"},
      "namespace": {"type": "string", "description": "with metric: one metric, e.g. AWS/ECS"},
      "metric": {"type": "string", "description": "with namespace: the metric name, e.g. CPUUtilization"},
      "dimensions": {"type": "object", "additionalProperties": {"type": "string"}, "description": "with metric: dimension name to value, e.g. {\"ClusterName\": \"prod\"}"},
      "stat": {"type": "string", "description": "Average (default), Sum, Minimum, Maximum, SampleCount, p99..."},
      "since": {"type": "string", "description": "start of the range: 15m, 2h, 1d ago or ISO-8601; default 1h"},
      "until": {"type": "string", "description": "end of the range, as since; default now"},
      "period": {"type": "integer", "minimum": 60, "maximum": 86400, "description": "seconds; default: about 60 points"},
      "datapoints": {"type": "boolean", "description": "include the series"},
      "region": {"type": "string", "description": "e.g. us-east-1; default: the server's"},
      "profile": {"type": "string", "description": "another account or role; default: the server's"}
    },
    "additionalProperties": false
  })json");
}

json OutputSchema() {
  return json::parse(R"json({
    "type": "object",
    "properties": {
      "region": {"type": "string"}, "from": {"type": "string"}, "to": {"type": "string"},
      "period": {"type": "integer"},
      "picked": {"type": "string", "description": "set when nothing was given or mapped: the only ECS service found"},
      "metrics": {"type": "array", "items": {"type": "object",
        "properties": {"namespace": {"type": "string"}, "metric": {"type": "string"}, "stat": {"type": "string"},
                       "dimensions": {"type": "object"}, "datapoints": {"type": "integer"},
                       "min": {"type": "number"}, "avg": {"type": "number"}, "max": {"type": "number"},
                       "last": {"type": "number"}, "lastAt": {"type": "string"}, "series": {"type": "array"}},
        "required": ["namespace", "metric", "stat", "datapoints"]}}
    },
    "required": ["region", "from", "to", "period", "metrics"]
  })json");
}

}  // namespace

mcp::Tool MakeMetricsTool(ClientForProfile clients, Env* env, ProjectResources project) {
  mcp::Tool tool;
  tool.name = "aws_metrics";
  tool.title = "CloudWatch metrics summary";
  tool.description =
      "CloudWatch statistics as min/avg/max/last: one metric, or a resource's standard metrics (ecs:cluster/service, "
      "rds:id, elasticache:id, alb:name). Defaults to the project's mapped ECS service over the last hour.";
  tool.input_schema = InputSchema();
  tool.output_schema = OutputSchema();
  tool.handler = [clients, env, project](const json& args, mcp::ToolContext& ctx) -> mcp::ToolResult {
    ArgReader in(args);
    std::string resource = in.String("resource", false, 1024);
    std::string name_space = in.String("namespace", false, 255);
    std::string metric = in.String("metric", false, 255);
    json dimensions = in.Object("dimensions");
    std::string stat = in.String("stat", false, 32);
    std::string since = in.String("since", false, 64), until = in.String("until", false, 64);
    auto period = in.Int("period", 60, 86400);
    bool series = in.Bool("datapoints");
    std::string region = in.Region("region");
    std::string profile = in.String("profile", false, 128);
    in.RejectOthers({"resource", "namespace", "metric", "dimensions", "stat", "since", "until", "period",
                     "datapoints", "region", "profile"});
    if (!in.ok()) return ErrorResult(in.error(), "cloudwatch", "metrics", region);
    auto invalid = [&](const std::string& why) {
      return ErrorResult(aws::CallError::Local(aws::kValidationError, why), "cloudwatch", "metrics", region);
    };
    if (!resource.empty() && !metric.empty()) return invalid("give 'resource' or 'namespace' + 'metric', not both");
    if (metric.empty() != name_space.empty()) return invalid("'namespace' and 'metric' go together");
    if (dimensions.size() > 30) return invalid("at most 30 dimensions");
    for (const auto& [k, v] : dimensions.items()) {
      if (!v.is_string()) return invalid("dimension " + k + " must be a string");
    }
    const bool discover = resource.empty() && metric.empty() && (project.ecs.empty() || project.ecs[0].services.empty());
    if (resource.empty() && metric.empty() && !discover) {
      resource = "ecs:" + project.ecs[0].cluster + "/" + project.ecs[0].services[0];
    }
    if (period && *period % 60 != 0) return invalid("period must be a multiple of 60 seconds");
    auto now = env->Now();
    auto from = ParseTime(since.empty() ? "1h" : since, now);
    auto to = until.empty() ? std::optional(now) : ParseTime(until, now);
    if (!from || !to || *from >= *to) {
      return invalid("since/until must be like 15m, 2h, 1d or ISO-8601, since before until");
    }
    const int64_t asked_from = EpochMs(*from) / 1000, asked_to = EpochMs(*to) / 1000;
    const int64_t step =
        period.value_or(std::max<int64_t>(60, ((asked_to - asked_from) / kTargetPoints + 59) / 60 * 60));
    // Aligned to whole periods, the end rounded up: the period in progress
    // (often the one that matters) is included rather than dropped.
    const int64_t from_s = asked_from / step * step, to_s = (asked_to + step - 1) / step * step;

    auto client = clients(profile);
    if (!client) return ErrorResult(client.error(), "cloudwatch", "metrics", region);
    aws::CallOptions call = CallOptionsFor(ctx, region);
    const std::string where = region.empty() ? (*client)->options().default_region : region;
    std::string picked;
    if (discover) {  // nothing given or mapped: the account's only ECS service
      auto found = FindEcsServices(**client, call, "", "");
      if (!found) return ErrorResult(found.error(), "cloudwatch", "metrics", where);
      if (!found->Single()) {
        return ChooseOneResult(*found, "ECS services", "'resource' (ecs:<cluster>/<service>, rds:<id>, ...) or "
                               "'namespace' + 'metric'", "cloudwatch", "metrics", where);
      }
      resource = "ecs:" + found->names[0];
      picked = "the only ECS service in " + where + ": " + found->names[0];
    }
    std::vector<Query> queries;
    if (!metric.empty()) {
      queries.push_back({name_space, metric, stat.empty() ? "Average" : stat, dimensions});
    } else {
      auto standard = Standard(resource, **client, call);
      if (!standard) return ErrorResult(standard.error(), "cloudwatch", "metrics", region);
      queries = std::move(*standard);
      if (!stat.empty()) {
        for (auto& q : queries) q.stat = stat;
      }
    }
    json list = json::array();
    for (size_t i = 0; i < queries.size(); ++i) {
      json dims = json::array();
      for (const auto& [k, v] : queries[i].dimensions.items()) dims.push_back({{"Name", k}, {"Value", v}});
      list.push_back({{"Id", "m" + std::to_string(i)},
                      {"MetricStat", {{"Metric", {{"Namespace", queries[i].name_space},
                                                  {"MetricName", queries[i].metric}, {"Dimensions", dims}}},
                                      {"Period", step}, {"Stat", queries[i].stat}}},
                      {"ReturnData", true}});
    }
    json params = {{"MetricDataQueries", list}, {"StartTime", from_s}, {"EndTime", to_s},
                   {"ScanBy", "TimestampAscending"}};
    std::map<std::string, json> results;  // Id -> merged Timestamps/Values
    for (int page = 0; page < kMaxPages; ++page) {
      auto out = (*client)->Call("cloudwatch", "GetMetricData", params, call);
      if (!out) return ErrorResult(out.error(), "cloudwatch", "GetMetricData", region);
      for (const auto& r : (*out)["MetricDataResults"]) {
        json& merged = results[r.value("Id", "")];
        if (merged.is_null()) merged = {{"Timestamps", json::array()}, {"Values", json::array()}};
        for (const auto& t : r.value("Timestamps", json::array())) merged["Timestamps"].push_back(t);
        for (const auto& v : r.value("Values", json::array())) merged["Values"].push_back(v);
        merged["StatusCode"] = r.value("StatusCode", "Complete");
      }
      if (!out->contains("NextToken")) break;
      params["NextToken"] = (*out)["NextToken"];
    }
    json metrics = json::array();
    for (size_t i = 0; i < queries.size(); ++i) {
      metrics.push_back(Summary(queries[i], results["m" + std::to_string(i)], series));
    }
    mcp::ToolResult r;
    r.structured = {{"region", where}, {"from", IsoFromMs(from_s * 1000)}, {"to", IsoFromMs(to_s * 1000)},
                    {"period", step}, {"metrics", std::move(metrics)}};
    if (!picked.empty()) {
      r.structured["picked"] = picked;
      r.notes.push_back("Picked " + picked + " (nothing given or mapped).");
    }
    return r;
  };
  return tool;
}

}  // namespace awsmcp::tools
