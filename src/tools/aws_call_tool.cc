#include "tools/aws_call_tool.h"

#include <cstdint>

#include <algorithm>
#include <cctype>

#include "aws/paginator.h"
#include "base/jmespath.h"
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
      "service": {"type": "string", "description": "CLI name: ecs, s3, lambda, ... (aws_describe finds them)"},
      "action": {"type": "string", "description": "describe-services or DescribeServices"},
      "params": {"type": "object", "description": "API input members, boto3 names (see aws_describe)"},
      "region": {"type": "string", "description": "e.g. us-east-1; default: the server's"},
      "refresh": {"type": "boolean", "description": "bypass the 30 s cache"},
      "max_items": {"type": "integer", "minimum": 1, "description": "follow pages up to this many items"},
      "starting_token": {"type": "string", "description": "NextToken of a previous result"},
      "query": {"type": "string", "maxLength": 4096,
                "description": "JMESPath over the answer, as the AWS CLI's --query (Reservations[].Instances[].InstanceId); returns {\"result\": value}"},
      "profile": {"type": "string", "description": "another account or role; default: the server's"}
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

namespace {

size_t JsonSize(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace).size(); }

std::string Kilobytes(size_t bytes) {
  if (bytes < 10 * 1024) return std::to_string(bytes) + " bytes";
  return std::to_string((bytes + 512) / 1024) + " KB";
}

std::string QuotedName(const std::string& name) {
  const bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                     std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
  return plain ? name : json(name).dump();
}

// A query that keeps a few identifying members of each item of output[key]:
// "Reservations[].{ReservationId: ReservationId, OwnerId: OwnerId}".
std::string SuggestQuery(const json& output, const std::string& key) {
  const json* list = output.is_object() && output.contains(key) ? &output[key] : nullptr;
  if (list == nullptr || !list->is_array() || list->empty() || !(*list)[0].is_object()) {
    return list != nullptr ? QuotedName(key) + "[:10]" : "";
  }
  std::vector<std::string> names;
  for (const char* hint : {"Name", "Id", "Arn", "Status", "State", "Type", "name", "status"}) {
    for (const auto& [member, value] : (*list)[0].items()) {
      if (names.size() < 3 && value.is_primitive() && member.find(hint) != std::string::npos &&
          std::find(names.begin(), names.end(), member) == names.end()) {
        names.push_back(member);
      }
    }
  }
  if (names.empty()) return QuotedName(key) + "[:10]";
  std::string q = QuotedName(key) + "[].{";
  for (size_t i = 0; i < names.size(); ++i) q += (i ? ", " : "") + QuotedName(names[i]) + ": " + QuotedName(names[i]);
  return q + "}";
}

std::string NarrowingHint(const json& output, const std::string& key, bool paginates) {
  std::string hint = "To see less, pass `query` (JMESPath, as the AWS CLI's --query)";
  const std::string example = SuggestQuery(output, key);
  if (!example.empty()) hint += ", e.g. \"" + example + "\"";
  if (paginates) hint += "; or max_items to take fewer items a call";
  return hint + "; or filters in params.";
}

}  // namespace

std::string CutToSize(json& output, size_t max_bytes) {
  size_t size = JsonSize(output);
  if (size <= max_bytes || !output.is_object()) return "";
  std::string key;
  size_t key_size = 0;
  for (const auto& [k, v] : output.items()) {
    if (!v.is_array()) continue;
    size_t s = JsonSize(v);
    if (s > key_size) key = k, key_size = s;
  }
  if (key.empty()) {
    return "The answer is " + Kilobytes(size) + ", over the " + Kilobytes(max_bytes) +
           " result limit, and has no list to cut; it is returned whole. " + NarrowingHint(output, key, false);
  }
  const std::string hint = NarrowingHint(output, key, false);
  json& list = output[key];
  const size_t total = list.size();
  size_t budget = max_bytes > size - key_size ? max_bytes - (size - key_size) : 0;
  size_t used = 2, keep = 0;
  for (; keep < total; ++keep) {
    used += JsonSize(list[keep]) + 1;
    if (used > budget) break;
  }
  list.erase(list.begin() + static_cast<std::ptrdiff_t>(keep), list.end());
  return "Truncated: " + key + " holds " + std::to_string(keep) + " of " + std::to_string(total) +
         " items to stay under the " + Kilobytes(max_bytes) + " result limit; the whole answer was " +
         Kilobytes(size) + ". " + hint;
}

namespace {

// With a query, pages may hold this many times the result limit before they
// are cut: the query usually keeps a small part of them.
constexpr size_t kQueryInputFactor = 32;

struct CallArgs {
  std::string service, action, region, starting_token, profile;
  json params;
  bool refresh = false;
  std::optional<int64_t> max_items;
  std::optional<jmespath::Expression> query;
};

// The arguments, or the isError result for the first bad one.
std::expected<CallArgs, mcp::ToolResult> ReadArgs(const json& args) {
  ArgReader in(args);
  CallArgs a;
  a.service = in.String("service", /*required=*/true);
  a.action = in.String("action", true);
  a.params = in.Object("params");
  a.region = in.Region("region");
  a.refresh = in.Bool("refresh");
  a.max_items = in.Int("max_items", 1, kMaxItemsLimit);
  a.starting_token = in.String("starting_token", false);
  a.profile = in.String("profile", false, 128);
  std::string query = in.String("query", false, 4096);
  in.RejectOthers({"service", "action", "params", "region", "refresh", "max_items", "starting_token", "profile",
                   "query"});
  if (!in.ok()) return std::unexpected(ErrorResult(in.error(), a.service, a.action, a.region));
  if (args.contains("query")) {
    auto compiled = jmespath::Expression::Compile(query);
    if (!compiled) {
      auto e = aws::CallError::Local("InvalidQuery", "query: " + compiled.error().message(),
                                     "query is JMESPath, as the AWS CLI's --query: Reservations[].Instances[].InstanceId");
      return std::unexpected(ErrorResult(e, a.service, a.action, a.region));
    }
    a.query = std::move(*compiled);
  }
  return a;
}

// One call's answer before the result limit, with what the limit needs to know.
struct Answer {
  json output;
  aws::PaginateInfo info;
  std::string note;
  size_t whole_bytes = 0;  // the size of the single answer that was re-read as a page, or 0
  bool paginates = false;  // the operation has a paginator
  bool paged = false;      // the answer came page by page (a token continues it; never cut further)
};

class Call {
 public:
  Call(aws::AwsClient& client, const CallArgs& args, const AwsCallOptions& options, mcp::ToolContext& ctx)
      : client_(client), args_(args), options_(options), ctx_(ctx), call_(CallOptionsFor(ctx, args.region)) {
    call_.refresh = args.refresh;
  }

  std::expected<Answer, aws::CallError> Fetch() {
    Answer a;
    auto resolved = client_.Resolve(args_.service, args_.action);
    a.paginates = resolved && resolved->model->FindPaginator(resolved->op->name) != nullptr;
    if (args_.max_items || !args_.starting_token.empty()) {
      auto out = Paginate(static_cast<size_t>(args_.max_items.value_or(1000)), 1000, &a.info);
      if (!out) return std::unexpected(out.error());
      a.output = std::move(*out);
      a.paged = true;
      return a;
    }
    auto out = client_.Call(args_.service, args_.action, args_.params, call_);
    if (!out) return std::unexpected(out.error());
    a.output = std::move(*out);
    if (args_.query) return a;  // the query, not the page, decides what is too large
    const size_t size = JsonSize(a.output);
    // Too large for a model's context: a paginated operation is re-read as one
    // page cut at a whole item with a token to continue (usually a cache hit).
    if (size > options_.max_result_bytes && a.paginates) {
      auto page = Paginate(SIZE_MAX, 1, &a.info);
      if (!page) return std::unexpected(page.error());
      a.whole_bytes = size;
      a.output = std::move(*page);
      a.paged = true;
    }
    return a;
  }

 private:
  std::expected<json, aws::CallError> Paginate(size_t items, size_t max_pages, aws::PaginateInfo* info) {
    aws::PaginateOptions pages;
    pages.max_items = items;
    pages.max_pages = max_pages;
    pages.max_bytes = options_.max_result_bytes * (args_.query ? kQueryInputFactor : 1);
    pages.starting_token = args_.starting_token;
    pages.on_page = [this](size_t n, size_t got) {
      if (ctx_.progress) {
        ctx_.progress(static_cast<double>(n), std::nullopt, "page " + std::to_string(n) + ", " + std::to_string(got) + " items");
      }
    };
    return aws::CallPaginated(client_, args_.service, args_.action, args_.params, pages, call_, info);
  }

  aws::AwsClient& client_;
  const CallArgs& args_;
  const AwsCallOptions& options_;
  mcp::ToolContext& ctx_;
  aws::CallOptions call_;
};

// The note for pages cut by size or stopped at max_items, or "".
std::string PagesNote(const Answer& a, const CallArgs& args, size_t max_bytes) {
  if (a.info.cut_for_size) {
    std::string note = "Truncated at " + std::to_string(a.info.items) + " items of " + a.info.result_key +
                       " to stay under the " + Kilobytes(max_bytes * (args.query ? kQueryInputFactor : 1)) +
                       (args.query ? " limit on the input of a query" : " result limit");
    if (a.whole_bytes > 0) note += " (the whole first answer was " + Kilobytes(a.whole_bytes) + ")";
    note += ". Call again with the same params and starting_token set to NextToken for the rest.";
    if (!args.query) note += " " + NarrowingHint(a.output, a.info.result_key, a.paginates);
    return note;
  }
  if (a.output.contains("NextToken") && args.max_items) {
    return "Stopped at max_items; pass starting_token = NextToken with the same params for more.";
  }
  return "";
}

// {"result": the query's value} (an object whatever the value is), with the
// NextToken of pages that stopped early, so that they can be continued.
std::expected<json, aws::CallError> ApplyQuery(const jmespath::Expression& query, const json& output) {
  auto value = query.Search(output);
  if (!value) {
    return std::unexpected(aws::CallError::Local("InvalidQuery", "query: " + value.error().message(),
                                                 "the query ran on the answer and failed; check it against the "
                                                 "answer's shape (call without query to see it)"));
  }
  json wrapped = {{"result", std::move(*value)}};
  if (output.contains("NextToken")) wrapped["NextToken"] = output["NextToken"];
  return wrapped;
}

// Cuts a query's value to the limit: the list it is, or its largest list.
std::string CutQueryResult(json& wrapped, size_t max_bytes) {
  json& value = wrapped["result"];
  if (value.is_object() && JsonSize(wrapped) > max_bytes) {
    const size_t others = JsonSize(wrapped) - JsonSize(value);
    return CutToSize(value, max_bytes > others ? max_bytes - others : 0);
  }
  return CutToSize(wrapped, max_bytes);
}

}  // namespace

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
  tool.handler = [clients, options](const json& raw_args, mcp::ToolContext& ctx) -> mcp::ToolResult {
    auto args = ReadArgs(raw_args);
    if (!args) return std::move(args.error());
    auto chosen = clients(args->profile);
    if (!chosen) return ErrorResult(chosen.error(), args->service, args->action, args->region);
    aws::AwsClient* client = *chosen;
    const std::string region = args->region.empty() ? client->options().default_region : args->region;

    auto answer = Call(*client, *args, options, ctx).Fetch();
    if (!answer) return ErrorResult(answer.error(), args->service, args->action, region);
    std::string note = PagesNote(*answer, *args, options.max_result_bytes);
    mcp::ToolResult r;
    if (args->query) {
      auto wrapped = ApplyQuery(*args->query, answer->output);
      if (!wrapped) return ErrorResult(wrapped.error(), args->service, args->action, region);
      r.structured = std::move(*wrapped);
      std::string cut = CutQueryResult(r.structured, options.max_result_bytes);
      if (!cut.empty()) note = note.empty() ? cut : note + " " + cut;
    } else {
      r.structured = std::move(answer->output);
      if (!answer->paged) {
        std::string cut = CutToSize(r.structured, options.max_result_bytes);
        if (!cut.empty()) note = cut;
      }
    }
    r.text = r.structured.dump(-1, ' ', false, json::error_handler_t::replace);
    if (!note.empty()) r.notes.push_back(std::move(note));
    return r;
  };
  return tool;
}

}  // namespace awsmcp::tools
