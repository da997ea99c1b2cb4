#include "tools/workflow_prompts.h"

#include <nlohmann/json.hpp>

namespace awsmcp::tools {
namespace {

using Args = std::map<std::string, std::string>;

std::string Get(const Args& args, const std::string& name) {
  auto it = args.find(name);
  return it == args.end() ? "" : it->second;
}

// The cluster for `service`: as given, else the mapped cluster that runs it.
std::string ClusterOf(const ProjectResources& project, const Args& args) {
  std::string cluster = Get(args, "cluster");
  if (!cluster.empty()) return cluster;
  for (const auto& ref : project.ecs) {
    for (const auto& s : ref.services) {
      if (s == Get(args, "service")) return ref.cluster;
    }
  }
  return "";
}

// The tool arguments the prompt tells the assistant to pass, as JSON text.
std::string HealthArgs(const ProjectResources& project, const Args& args) {
  nlohmann::json j = {{"service", Get(args, "service")}};
  if (std::string c = ClusterOf(project, args); !c.empty()) j["cluster"] = c;
  return j.dump();
}

const mcp::PromptArgument kService{"service", "ECS service name, e.g. gateway-service", true};
const mcp::PromptArgument kCluster{"cluster", "ECS cluster; defaults to the cluster the project maps the service to",
                                   false};

}  // namespace

std::vector<mcp::Prompt> MakeWorkflowPrompts(const ProjectResources& project) {
  std::vector<mcp::Prompt> prompts;
  prompts.push_back(
      {.name = "health_report",
       .title = "Service health report",
       .description = "A health report for an ECS service: verdict, reasons and what to check next.",
       .arguments = {kService, kCluster},
       .handler = [project](const Args& args) -> std::vector<mcp::PromptMessage> {
         return {{.role = "user",
                  .text = "Give me a health report for the ECS service " + Get(args, "service") + ".\n\n"
                          "Call aws_service_health once with " + HealthArgs(project, args) + ". Then report, "
                          "in this order: the verdict and its reasons; deployments and task counts "
                          "(running/desired/pending); stopped tasks and why they stopped; load balancer "
                          "target health; CPU and memory over the last hour; alarms in ALARM; the count and a "
                          "sample of recent error lines. For each problem, say what to look at next. Use only "
                          "what the tool returns; if a part carries an error, say which and why."}};
       }});
  prompts.push_back(
      {.name = "deployment_check",
       .title = "Deployment check",
       .description = "Is the latest deployment of an ECS service rolled out and healthy?",
       .arguments = {kService, kCluster},
       .handler = [project](const Args& args) -> std::vector<mcp::PromptMessage> {
         return {{.role = "user",
                  .text = "Check the latest deployment of the ECS service " + Get(args, "service") + ".\n\n"
                          "Call aws_service_health with " + HealthArgs(project, args) + ". From its "
                          "deployments, compare the PRIMARY deployment's task definition, rolloutState, "
                          "running/desired counts and failedTasks with any older deployment still active; read "
                          "the recent service events and the stopped tasks' reasons since the rollout began; "
                          "and check that every target group has healthy targets. If an image question "
                          "remains, call aws_images for the service's repository to see when its tags were "
                          "pushed. Conclude with one of: rolled out and healthy, still rolling out, or failing "
                          "(and the evidence)."}};
       }});
  prompts.push_back(
      {.name = "log_triage",
       .title = "Log triage",
       .description = "Group an ECS service's recent log errors by cause, with counts and first/last seen.",
       .arguments = {kService, kCluster,
                     {"since", "how far back: 15m, 1h (default), 1d, or an ISO-8601 time", false}},
       .handler = [project](const Args& args) -> std::vector<mcp::PromptMessage> {
         std::string since = Get(args, "since").empty() ? "1h" : Get(args, "since");
         std::string group = project.log_groups.empty() ? "" : project.log_groups.front();
         std::string where = group.empty()
                                 ? "First call aws_service_health with " + HealthArgs(project, args) +
                                       " to learn its log group (logs.logGroup). Then call aws_logs with that "
                                       "log_group"
                                 : "Call aws_logs with {\"log_group\": " + nlohmann::json(group).dump();
         return {{.role = "user",
                  .text = "Triage the recent errors of the ECS service " + Get(args, "service") + ".\n\n" +
                          where + ", \"since\": \"" + since + "\", \"filter\": \"?ERROR ?Error ?Exception "
                          "?FATAL\"}. Group the lines by error signature (the message with ids, numbers and "
                          "timestamps taken out), and for each group give the count, first and last seen, and "
                          "one example line. If there are many, run aws_logs with a Logs Insights query such "
                          "as `fields @timestamp, @message | filter @message like /ERROR|Exception/ | stats "
                          "count() by bin(5m)` to show the trend. End with the most likely cause and what to "
                          "check next."}};
       }});
  return prompts;
}

}  // namespace awsmcp::tools
