// aws_logs: tail and search a CloudWatch log group in one call — a time range
// ("15m", "2h", "1d", or ISO-8601 since/until), a filter pattern, a limit — or
// run a Logs Insights query, polled to completion with progress notifications
// and stopped when the call is cancelled. Defaults to the project's first
// mapped log group.
#pragma once

#include "base/env.h"
#include "mcp/tool.h"
#include "tools/aws_call_tool.h"
#include "tools/project_resources.h"

namespace awsmcp::tools {

mcp::Tool MakeLogsTool(ClientForProfile clients, Env* env, ProjectResources project);

}  // namespace awsmcp::tools
