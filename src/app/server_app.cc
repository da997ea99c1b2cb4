#include "app/server_app.h"

#include "app/profile_clients.h"
#include "mcp/server.h"
#include "tools/aws_call_tool.h"
#include "tools/aws_describe_tool.h"
#include "tools/inventory_tools.h"
#include "tools/logs_tool.h"
#include "tools/metrics_tool.h"
#include "tools/project_catalog.h"
#include "tools/region_fanout.h"
#include "tools/service_health_tool.h"
#include "tools/workflow_prompts.h"
#include "transport/stdio_transport.h"

namespace awsmcp::app {

namespace {

constexpr char kInstructions[] =
    "Read-only access to AWS. For the common questions use one workflow tool: aws_service_health (is an ECS "
    "service healthy), aws_logs (recent errors, search, Logs Insights), aws_metrics, aws_images (ECR), "
    "aws_data_stores (RDS, ElastiCache). For anything else use aws_describe to find an action's params, then "
    "aws_call; its answers are the AWS API's own JSON. `regions` runs a read in several regions at once. "
    "Results are cached for a short time; pass refresh=true to aws_call for fresh data.";

}  // namespace

int RunStdioServer(const AppOptions& options) {
  SetStderrLogLevel(options.log_level);
  ProfileClients clients(options, Env::Default());

  mcp::ServerOptions server_options;
  server_options.instructions = kInstructions;
  mcp::McpServer server(server_options);
  const tools::ClientForProfile for_profile = [&clients](const std::string& p) { return clients.For(p); };
  const tools::RegionLister all_regions = tools::Ec2RegionLister(for_profile);
  server.AddTool(tools::WithRegions(
      tools::MakeAwsCallTool(for_profile, {.max_result_bytes = options.max_result_bytes}), all_regions, options.max_result_bytes));
  server.AddTool(tools::MakeAwsDescribeTool(&clients.default_stack().client()));
  server.AddTool(tools::MakeServiceHealthTool(for_profile, Env::Default(), options.project));
  server.AddTool(tools::WithRegions(tools::MakeImagesTool(for_profile, options.project), all_regions, options.max_result_bytes));
  server.AddTool(tools::WithRegions(tools::MakeDataStoresTool(for_profile, options.project), all_regions, options.max_result_bytes));
  server.AddTool(tools::MakeLogsTool(for_profile, Env::Default(), options.project));
  server.AddTool(tools::WithRegions(tools::MakeMetricsTool(for_profile, Env::Default(), options.project), all_regions, options.max_result_bytes));

  tools::ProjectCatalog catalog(&clients.default_stack().client(), options.project);
  server.SetResources(&catalog);
  for (auto& prompt : tools::MakeWorkflowPrompts(options.project)) server.AddPrompt(std::move(prompt));

  transport::StdioTransport stdio;
  Status s = server.Serve(stdio);
  if (!s.ok()) {
    Log(LogLevel::kError, "mcp", s.ToString());
    return 1;
  }
  return 0;
}

}  // namespace awsmcp::app
