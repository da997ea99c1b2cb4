// aws_service_health: "is the gateway service healthy?" in one call. For an
// ECS service it fans out in parallel: the service (deployments, counts,
// events), stopped tasks and their reasons, target health on its target
// groups, CPU and memory over the last hour, alarms in ALARM, and recent error
// lines in its log group; then gives a verdict (healthy / degraded / failing)
// with reasons. A part that fails (a missing permission, say) carries its
// error; the rest still comes back. `details: true` adds the raw answers.
#pragma once

#include "base/env.h"
#include "base/executor.h"
#include "mcp/tool.h"
#include "tools/aws_call_tool.h"
#include "tools/project_resources.h"

namespace awsmcp::tools {

// Its parts run at once on `executor` (not owned).
mcp::Tool MakeServiceHealthTool(ClientForProfile clients, Env* env, ProjectResources project, Executor* executor);

}  // namespace awsmcp::tools
