#include "tools/header_params.h"

namespace awsmcp::tools {
namespace {

void Mark(mcp::Tool& tool, const char* property, const char* header) {
  auto& properties = tool.input_schema["properties"];
  if (properties.contains(property) && properties[property].value("type", "") == "string") {
    properties[property]["x-mcp-header"] = header;
  }
}

}  // namespace

void MarkHeaderParams(mcp::Tool& tool) {
  if (!tool.input_schema.is_object() || !tool.input_schema.contains("properties")) return;
  Mark(tool, "region", "Region");
  if (tool.name == "aws_call") {
    Mark(tool, "service", "Service");
    Mark(tool, "action", "Action");
  }
}

}  // namespace awsmcp::tools
