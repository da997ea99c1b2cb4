// The aws_call tool: any allowed action of any shipped service, the seed's
// data flow {service, action, params} -> the API's own answer.
#pragma once

#include <functional>

#include "aws/client.h"
#include "mcp/tool.h"

namespace awsmcp::tools {

struct AwsCallOptions {
  size_t max_result_bytes = 256 * 1024;  // default 256 KiB of JSON per result; cut at a whole item beyond
  // The policy in force (set by the AWS client's access policy), so that the
  // tool's annotations and description tell the truth. Default: read-only.
  bool allow_write = false;
  bool allow_secret_reads = false;
};

// The client for a call's `profile` argument ("" = the default profile).
using ClientForProfile = std::function<std::expected<aws::AwsClient*, aws::CallError>(const std::string& profile)>;

// The tool; clients come from `clients` (they must outlive the tool).
mcp::Tool MakeAwsCallTool(ClientForProfile clients, AwsCallOptions options = {});

// The error of one part of a workflow answer: {"code", "message", "hint"?}.
nlohmann::json PartError(const aws::CallError& error);

// Cuts the largest top-level list of `output` at a whole item so its JSON
// fits `max_bytes`; returns a note saying what was cut, or "" when it fit.
std::string CutToSize(nlohmann::json& output, size_t max_bytes);

// The isError result for a failed call: text with code, message and hint;
// structuredContent {"error": {...}}.
mcp::ToolResult ErrorResult(const aws::CallError& error, const std::string& service, const std::string& action,
                            const std::string& region);

}  // namespace awsmcp::tools
