// Inventory workflow tools, each one call with a compact answer:
//   aws_images       ECR repositories with their latest images (tags, pushed
//                    at, size, scan findings summary);
//   aws_data_stores  RDS instances and ElastiCache clusters with status,
//                    endpoint, engine and version, multi-AZ, recent events.
// Both default to the project's mapped resources, else everything in the
// region; a part that fails carries its error and the rest comes back.
#pragma once

#include "base/executor.h"
#include "mcp/tool.h"
#include "tools/aws_call_tool.h"
#include "tools/project_resources.h"

namespace awsmcp::tools {

// Their parts (one per repository; RDS and ElastiCache) run at once on `executor` (not owned).
mcp::Tool MakeImagesTool(ClientForProfile clients, ProjectResources project, Executor* executor);
mcp::Tool MakeDataStoresTool(ClientForProfile clients, ProjectResources project, Executor* executor);

}  // namespace awsmcp::tools
