#include "tools/aws_call_tool.h"

#include <regex>

#include "aws/paginator.h"
#include "tools/arguments.h"

namespace awsmcp::tools {

using nlohmann::json;

namespace {

constexpr int64_t kMaxItemsLimit = 100000;

json InputSchema() {
  return json::parse(R"json({
    "type": "object",
    "properties": {
      "service": {"type": "string", "description": "CLI service name: ecs, ecr, logs, secretsmanager, sts, ..."},
      "action": {"type": "string", "description": "describe-services or DescribeServices"},
      "params": {"type": "object", "description": "API input members, boto3 names (see aws_describe)"},
      "region": {"type": "string"},
      "refresh": {"type": "boolean", "description": "bypass the 30 s cache"},
      "max_items": {"type": "integer", "minimum": 1, "description": "follow pages up to this many items"},
      "starting_token": {"type": "string", "description": "NextToken of a previous result"}
    },
    "required": ["service", "action"],
    "additionalProperties": false
  })json");
}

}  // namespace

mcp::ToolResult ErrorResult(const aws::CallError& error, const std::string& service, const std::string& action,
                            const std::string& region) {
  std::string text = error.code + ": " + error.message;
  if (!error.hint.empty()) text += "\nHint: " + error.hint;
  json e = {{"code", error.code}, {"message", error.message}, {"service", service}, {"action", action}};
  if (!error.hint.empty()) e["hint"] = error.hint;
  if (!region.empty()) e["region"] = region;
  if (error.from_aws) {
    e["httpStatus"] = error.http_status;
    if (!error.request_id.empty()) e["requestId"] = error.request_id;
  }
  return mcp::ToolResult::Error(std::move(text), json{{"error", std::move(e)}});
}

mcp::Tool MakeAwsCallTool(aws::AwsClient* client) {
  mcp::Tool tool;
  tool.name = "aws_call";
  tool.title = "Call an AWS API action";
  tool.description =
      "Call one AWS API action and return its answer as the API gives it. Read-only by default; "
      "params use the API's member names (aws_describe lists them).";
  tool.input_schema = InputSchema();
  tool.annotations = {.read_only = true, .destructive = false, .idempotent = true, .open_world = true};
  tool.handler = [client](const json& args, mcp::ToolContext& ctx) -> mcp::ToolResult {
    ArgReader in(args);
    std::string service = in.String("service", /*required=*/true);
    std::string action = in.String("action", true);
    json params = in.Object("params");
    std::string region = in.Region("region");
    bool refresh = in.Bool("refresh");
    std::optional<int64_t> max_items = in.Int("max_items", 1, kMaxItemsLimit);
    std::string starting_token = in.String("starting_token", false);
    in.RejectOthers({"service", "action", "params", "region", "refresh", "max_items", "starting_token"});
    if (!in.ok()) return ErrorResult(in.error(), service, action, region);

    aws::CallOptions call;
    call.region = region;
    call.refresh = refresh;
    call.cancel = ctx.cancel;
    std::expected<json, aws::CallError> out;
    if (max_items || !starting_token.empty()) {
      aws::PaginateOptions pages;
      pages.max_items = static_cast<size_t>(max_items.value_or(1000));
      pages.starting_token = starting_token;
      pages.on_page = [&ctx](size_t n, size_t items) {
        if (ctx.progress) ctx.progress(static_cast<double>(n), std::nullopt,
                                       "page " + std::to_string(n) + ", " + std::to_string(items) + " items");
      };
      out = aws::CallPaginated(*client, service, action, params, pages, call);
    } else {
      out = client->Call(service, action, params, call);
    }
    if (!out) {
      return ErrorResult(out.error(), service, action,
                         region.empty() ? client->options().default_region : region);
    }
    mcp::ToolResult r;
    r.structured = std::move(*out);
    r.text = r.structured.dump();
    return r;
  };
  return tool;
}

}  // namespace awsmcp::tools
