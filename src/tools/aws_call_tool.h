// The aws_call tool: any allowed action of any shipped service, the seed's
// data flow {service, action, params} -> the API's own answer.
#pragma once

#include "aws/client.h"
#include "mcp/tool.h"

namespace awsmcp::tools {

// The tool, bound to `client` (not owned; must outlive the tool).
mcp::Tool MakeAwsCallTool(aws::AwsClient* client);

// The isError result for a failed call: text with code, message and hint;
// structuredContent {"error": {...}}.
mcp::ToolResult ErrorResult(const aws::CallError& error, const std::string& service, const std::string& action,
                            const std::string& region);

}  // namespace awsmcp::tools
