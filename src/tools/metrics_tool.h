// aws_metrics: CloudWatch statistics summarised. Either one metric
// (namespace, metric, dimensions) or a resource's standard metrics
// ("ecs:<cluster>/<service>", "rds:<id>", "elasticache:<id>", "alb:<name>"),
// over a time range, in one GetMetricData call. Each metric comes back as
// min / avg / max / last with the number of datapoints; `datapoints: true`
// adds the series. Defaults to the project's mapped ECS service.
#pragma once

#include "base/env.h"
#include "mcp/tool.h"
#include "tools/aws_call_tool.h"
#include "tools/project_resources.h"

namespace awsmcp::tools {

mcp::Tool MakeMetricsTool(ClientForProfile clients, Env* env, ProjectResources project);

}  // namespace awsmcp::tools
