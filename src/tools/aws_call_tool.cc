#include "tools/aws_call_tool.h"

#include <cstdint>

#include "aws/paginator.h"
#include "tools/arguments.h"
#include "tools/call_progress.h"

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
      "region": {"type": "string", "description": "AWS region, e.g. us-east-1; default: the server's region"},
      "refresh": {"type": "boolean", "description": "bypass the 30 s cache"},
      "max_items": {"type": "integer", "minimum": 1, "description": "follow pages up to this many items"},
      "starting_token": {"type": "string", "description": "NextToken of a previous result"},
      "profile": {"type": "string", "description": "AWS profile (another account); default: the server's"}
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

json PartError(const aws::CallError& error) {
  json j = {{"code", error.code}, {"message", error.message}};
  if (!error.hint.empty()) j["hint"] = error.hint;
  return j;
}

std::string CutToSize(json& output, size_t max_bytes) {
  auto size_of = [](const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace).size(); };
  size_t size = size_of(output);
  if (size <= max_bytes || !output.is_object()) return "";
  std::string key;
  size_t key_size = 0;
  for (const auto& [k, v] : output.items()) {
    if (!v.is_array()) continue;
    size_t s = size_of(v);
    if (s > key_size) key = k, key_size = s;
  }
  if (key.empty()) {
    return "The answer is " + std::to_string(size) + " bytes, over the " + std::to_string(max_bytes) +
           "-byte result limit, and has no list to cut; it is returned whole.";
  }
  json& list = output[key];
  const size_t total = list.size();
  size_t budget = max_bytes > size - key_size ? max_bytes - (size - key_size) : 0;
  size_t used = 2, keep = 0;
  for (; keep < total; ++keep) {
    used += size_of(list[keep]) + 1;
    if (used > budget) break;
  }
  list.erase(list.begin() + static_cast<std::ptrdiff_t>(keep), list.end());
  return "Truncated: " + key + " holds " + std::to_string(keep) + " of " + std::to_string(total) +
         " items to stay under the " + std::to_string(max_bytes) + "-byte result limit. Narrow the request " +
         "(filters, fewer names) to see the rest.";
}

mcp::Tool MakeAwsCallTool(ClientForProfile clients, AwsCallOptions options) {
  mcp::Tool tool;
  tool.name = "aws_call";
  tool.title = "Call an AWS API action";
  tool.description = "Call one AWS API action and return its answer as the API gives it; params use the API's "
                     "member names (aws_describe lists them). ";
  if (options.allow_write) {
    tool.description += "Writes are allowed: actions that create, change or delete resources are sent as asked.";
  } else {
    tool.description += "Read-only: actions that change anything are refused.";
  }
  if (!options.allow_secret_reads) tool.description += " Secret values are withheld.";
  tool.input_schema = InputSchema();
  // Clients approve tools marked read-only without asking: with writes
  // allowed, the tool says it may destroy and is not idempotent.
  tool.annotations = {.read_only = !options.allow_write, .destructive = options.allow_write,
                      .idempotent = !options.allow_write, .open_world = true};
  tool.handler = [clients, options](const json& args, mcp::ToolContext& ctx) -> mcp::ToolResult {
    ArgReader in(args);
    std::string service = in.String("service", /*required=*/true);
    std::string action = in.String("action", true);
    json params = in.Object("params");
    std::string region = in.Region("region");
    bool refresh = in.Bool("refresh");
    std::optional<int64_t> max_items = in.Int("max_items", 1, kMaxItemsLimit);
    std::string starting_token = in.String("starting_token", false);
    std::string profile = in.String("profile", false, 128);
    in.RejectOthers({"service", "action", "params", "region", "refresh", "max_items", "starting_token", "profile"});
    if (!in.ok()) return ErrorResult(in.error(), service, action, region);
    auto chosen = clients(profile);
    if (!chosen) return ErrorResult(chosen.error(), service, action, region);
    aws::AwsClient* client = *chosen;

    aws::CallOptions call = CallOptionsFor(ctx, region);
    call.refresh = refresh;
    auto paginate = [&](size_t items, size_t max_pages, aws::PaginateInfo* info) {
      aws::PaginateOptions pages;
      pages.max_items = items;
      pages.max_pages = max_pages;
      pages.max_bytes = options.max_result_bytes;
      pages.starting_token = starting_token;
      pages.on_page = [&ctx](size_t n, size_t got) {
        if (ctx.progress) ctx.progress(static_cast<double>(n), std::nullopt,
                                       "page " + std::to_string(n) + ", " + std::to_string(got) + " items");
      };
      return aws::CallPaginated(*client, service, action, params, pages, call, info);
    };
    std::expected<json, aws::CallError> out;
    aws::PaginateInfo info;
    std::string note;
    std::string text;  // the answer serialised once: to measure it and to send it
    if (max_items || !starting_token.empty()) {
      out = paginate(static_cast<size_t>(max_items.value_or(1000)), 1000, &info);
    } else {
      out = client->Call(service, action, params, call);
      if (out) text = out->dump(-1, ' ', false, json::error_handler_t::replace);
      if (out && text.size() > options.max_result_bytes) {
        text.clear();
        // Too large for a model's context: a paginated operation is re-read as
        // one page cut at a whole item with a token to continue (the page is
        // usually a cache hit); any other is cut at its largest list.
        auto resolved = client->Resolve(service, action);
        if (resolved && resolved->model->FindPaginator(resolved->op->name) != nullptr) {
          out = paginate(SIZE_MAX, 1, &info);
        } else {
          note = CutToSize(*out, options.max_result_bytes);
        }
      }
    }
    if (out && info.cut_for_size) {
      note = "Truncated at " + std::to_string(info.items) + " items of " + info.result_key + " to stay under the " +
             std::to_string(options.max_result_bytes) + "-byte result limit. Call again with the same params and " +
             "starting_token set to NextToken for the rest.";
    } else if (out && out->contains("NextToken") && max_items) {
      note = "Stopped at max_items; pass starting_token = NextToken with the same params for more.";
    }
    if (!out) {
      return ErrorResult(out.error(), service, action,
                         region.empty() ? client->options().default_region : region);
    }
    mcp::ToolResult r;
    r.structured = std::move(*out);
    r.text = text.empty() ? r.structured.dump(-1, ' ', false, json::error_handler_t::replace) : std::move(text);
    if (!note.empty()) r.notes.push_back(std::move(note));
    return r;
  };
  return tool;
}

}  // namespace awsmcp::tools
