// The tool parameters a Streamable HTTP client mirrors into Mcp-Param-*
// headers (the 2026-07-28 "x-mcp-header" schema annotation): the AWS region
// of every tool, and aws_call's service and action. A load balancer, gateway
// or WAF in front of a team's server can then route, rate-limit or log by
// region and AWS API without reading request bodies; the server checks that
// the headers match the arguments, so a proxy cannot be told one thing while
// the server does another.
#pragma once

#include "mcp/tool.h"

namespace awsmcp::tools {

// Adds the annotations to `tool`'s inputSchema where it has those parameters.
void MarkHeaderParams(mcp::Tool& tool);

}  // namespace awsmcp::tools
