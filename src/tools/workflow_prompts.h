// The seed's workflows as MCP prompts: health_report, deployment_check and
// log_triage, each taking the ECS service as its argument. A prompt tells the
// assistant which workflow tool to call with which arguments (the cluster and
// log group filled in from the project's mapping when it names them) and how
// to present the answer; it makes no AWS call itself.
#pragma once

#include <vector>

#include "mcp/prompt.h"
#include "tools/project_resources.h"

namespace awsmcp::tools {

std::vector<mcp::Prompt> MakeWorkflowPrompts(const ProjectResources& project);

}  // namespace awsmcp::tools
