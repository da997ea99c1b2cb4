// The aws_describe tool: discovery for aws_call. Lists the shipped services,
// a service's actions (allowed ones first), or one action's input members
// (type, required, enum values, one-line doc), so a model need not guess.
#pragma once

#include "aws/client.h"
#include "mcp/tool.h"

namespace awsmcp::tools {

mcp::Tool MakeAwsDescribeTool(aws::AwsClient* client);

// "DescribeDBInstances" -> "describe-db-instances" (the AWS CLI's form).
std::string CliName(const std::string& api_name);

}  // namespace awsmcp::tools
