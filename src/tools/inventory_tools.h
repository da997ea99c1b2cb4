// Inventory workflow tools, each one call with a compact answer:
//   aws_images       ECR repositories with their latest images (tags, pushed
//                    at, size, scan findings summary);
//   aws_data_stores  RDS instances and ElastiCache clusters with status,
//                    endpoint, engine and version, multi-AZ, recent events.
// Both default to the project's mapped resources, else everything in the
// region; a part that fails carries its error and the rest comes back.
#pragma once

#include "mcp/tool.h"
#include "tools/aws_call_tool.h"
#include "tools/project_resources.h"

namespace awsmcp::tools {

mcp::Tool MakeImagesTool(ClientForProfile clients, ProjectResources project);
mcp::Tool MakeDataStoresTool(ClientForProfile clients, ProjectResources project);

}  // namespace awsmcp::tools
