// What resources are to the MCP server: a catalog that lists concrete
// resources and URI templates, and reads one resource by URI. The server owns
// the protocol (pagination, error codes, running reads off the read loop);
// the catalog owns what the URIs mean.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "mcp/tool.h"

namespace awsmcp::mcp {

struct Resource {
  std::string uri;          // "aws://ecs/cluster/service"
  std::string name;         // short, unique within the list
  std::string title;        // for people; may be empty
  std::string description;  // may be empty
  std::string mime_type = "application/json";
};

struct ResourceTemplate {
  std::string uri_template;  // RFC 6570, e.g. "aws://rds/{dbInstance}"
  std::string name;
  std::string title;
  std::string description;
  std::string mime_type = "application/json";
};

// One text body of a read.
struct ResourceContents {
  std::string uri;
  std::string mime_type = "application/json";
  std::string text;
};

class ResourceCatalog {
 public:
  virtual ~ResourceCatalog() = default;
  // The concrete resources; cheap (no network), called for every resources/list.
  virtual std::vector<Resource> List() const = 0;
  virtual std::vector<ResourceTemplate> Templates() const = 0;
  // Reads `uri`. A URI that names nothing, or a thing that does not exist, is
  // Code::kNotFound (the server answers -32002); any other error is passed on
  // as an internal error with its message. Runs on a worker thread; honours
  // ctx.cancel.
  virtual Result<std::vector<ResourceContents>> Read(const std::string& uri, ToolContext& ctx) const = 0;
};

}  // namespace awsmcp::mcp
