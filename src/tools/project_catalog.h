// The project's AWS resources as MCP resources. Each mapped resource has a URI
// (segments percent-encoded, as RFC 6570 {var} expansion does):
//   aws://ecs/{cluster}/{service}      aws://ecr/{repository}
//   aws://secrets/{secret}             aws://logs/{logGroup}
//   aws://rds/{dbInstance}             aws://elasticache/{cacheCluster}
//   aws://elbv2/{loadBalancer}         aws://alarms/{alarm}
// resources/list gives the mapped ones (no AWS call); the templates read any
// resource of those kinds. A read returns the resource's current description
// as the AWS API gives it (one Describe call, through the access policy and
// the cache); secrets give their metadata, never their value. A resource AWS
// does not know is not found.
#pragma once

#include "mcp/resource.h"
#include "tools/aws_call_tool.h"
#include "tools/project_resources.h"

namespace awsmcp::tools {

// Names from the mapping for a prompt argument or a template variable
// ("service", "cluster", "repository", "logGroup", ...) that start with `prefix`.
std::vector<std::string> CompleteFromProject(const ProjectResources& project, const std::string& argument,
                                             const std::string& prefix);

class ProjectCatalog : public mcp::ResourceCatalog {
 public:
  // `client` is not owned and must outlive the catalog.
  ProjectCatalog(aws::AwsClient* client, ProjectResources project)
      : client_(client), project_(std::move(project)) {}

  std::vector<mcp::Resource> List() const override;
  std::vector<mcp::ResourceTemplate> Templates() const override;
  Result<std::vector<mcp::ResourceContents>> Read(const std::string& uri, mcp::ToolContext& ctx) const override;

 private:
  aws::AwsClient* const client_;
  const ProjectResources project_;
};

}  // namespace awsmcp::tools
