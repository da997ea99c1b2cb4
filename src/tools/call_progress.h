// The AWS call options of one tool call: its region, its cancel token, and an
// observer that turns the AWS layer's events into the call's progress. A
// retry is sent at once with its reason ("ecs DescribeServices: attempt 1 of 3
// timed out; retrying in 0.4 s"); an attempt or a page only updates what the
// call is doing, which the server's heartbeat sends once the call is quiet.
#pragma once

#include <string>

#include "aws/client.h"
#include "mcp/tool.h"

namespace awsmcp::tools {

// `ctx` must outlive every call made with the options.
aws::CallOptions CallOptionsFor(mcp::ToolContext& ctx, const std::string& region);

// The words for one event, as the progress message says them.
std::string DescribeEvent(const aws::CallEvent& event);

}  // namespace awsmcp::tools
