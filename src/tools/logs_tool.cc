#include "tools/logs_tool.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <thread>

#include "tools/arguments.h"
#include "tools/call_progress.h"
#include "tools/discovery.h"
#include "tools/time_range.h"

namespace awsmcp::tools {
namespace {

using nlohmann::json;
using std::chrono::system_clock;

constexpr size_t kMessageChars = 1000;
constexpr int64_t kMaxLimit = 1000;
constexpr auto kPollEvery = std::chrono::milliseconds(500);
constexpr auto kQueryDeadline = std::chrono::minutes(5);

// A message with its variable parts (numbers, hex ids) replaced by '#', so
// that lines from the same cause share one signature.
std::string Signature(const std::string& message) {
  std::string out;
  for (size_t i = 0; i < message.size() && out.size() < 200;) {
    unsigned char c = static_cast<unsigned char>(message[i]);
    if (std::isxdigit(c)) {
      size_t j = i;
      bool digit = false;
      while (j < message.size() && std::isxdigit(static_cast<unsigned char>(message[j]))) {
        digit = digit || std::isdigit(static_cast<unsigned char>(message[j]));
        ++j;
      }
      // A run with a digit is a number or an id; a plain word ("dead", "face") stays.
      const bool word_edge = (i > 0 && std::isalpha(static_cast<unsigned char>(message[i - 1]))) ||
                             (j < message.size() && std::isalpha(static_cast<unsigned char>(message[j])));
      if (digit && !word_edge) {
        out += '#';
      } else {
        out.append(message, i, j - i);
      }
      i = j;
    } else if (std::isspace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      ++i;
    } else {
      out += static_cast<char>(c);
      ++i;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Events grouped by signature, most frequent first. FilterLogEvents gives
// stream after stream, not time order, so first and last are the extremes of
// each group's `times_ms` (one per event).
json Groups(const json& events, const std::vector<int64_t>& times_ms) {
  struct Group {
    json example;
    int64_t count = 0, first = 0, last = 0;
  };
  std::map<std::string, Group> by_signature;
  for (size_t i = 0; i < events.size(); ++i) {
    const int64_t t = times_ms[i];
    auto [it, fresh] = by_signature.try_emplace(Signature(events[i].value("message", "")));
    Group& g = it->second;
    if (fresh) g = {events[i]["message"], 0, t, t};
    ++g.count;
    g.first = std::min(g.first, t);
    g.last = std::max(g.last, t);
  }
  json out = json::array();
  for (auto& [sig, g] : by_signature) {
    out.push_back({{"signature", sig}, {"count", g.count}, {"first", IsoFromMs(g.first)},
                   {"last", IsoFromMs(g.last)}, {"example", std::move(g.example)}});
  }
  std::stable_sort(out.begin(), out.end(), [](const json& a, const json& b) { return a["count"] > b["count"]; });
  return out;
}

mcp::ToolResult Search(aws::AwsClient& client, const aws::CallOptions& call, const std::string& group,
                       const std::string& filter, int64_t from_ms, int64_t to_ms, size_t limit, bool grouped,
                       mcp::ToolContext& ctx) {
  json params = {{"logGroupName", group}, {"startTime", from_ms}, {"endTime", to_ms}};
  if (!filter.empty()) params["filterPattern"] = filter;
  json events = json::array();
  std::vector<int64_t> times_ms;
  bool more = false;
  for (int page = 0; page < 50; ++page) {
    params["limit"] = static_cast<int64_t>(std::min<size_t>(limit - events.size(), 10000));
    auto out = client.Call("logs", "FilterLogEvents", params, call);
    if (!out) return ErrorResult(out.error(), "logs", "search", call.region);
    for (const auto& e : (*out)["events"]) {
      if (events.size() >= limit) {
        more = true;
        break;
      }
      std::string msg = e.value("message", "");
      if (msg.size() > kMessageChars) msg = msg.substr(0, kMessageChars) + "...";
      while (!msg.empty() && (msg.back() == '\n' || msg.back() == '\r')) msg.pop_back();
      times_ms.push_back(e.value("timestamp", int64_t{0}));
      events.push_back({{"time", IsoFromMs(times_ms.back())}, {"stream", e.value("logStreamName", "")},
                        {"message", msg}});
    }
    ctx.progress(page + 1, std::nullopt, std::to_string(events.size()) + " events");
    if (!out->contains("nextToken") || events.size() >= limit) {
      more = more || (out->contains("nextToken") && events.size() >= limit);
      break;
    }
    params["nextToken"] = (*out)["nextToken"];
  }
  mcp::ToolResult r;
  r.structured = {{"logGroup", group}, {"from", IsoFromMs(from_ms)}, {"to", IsoFromMs(to_ms)}, {"filter", filter},
                  {"count", events.size()}, {"more", more}};
  if (grouped) {
    r.structured["groups"] = Groups(events, times_ms);
  } else {
    r.structured["events"] = std::move(events);
  }
  r.text = r.structured.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

mcp::ToolResult Insights(aws::AwsClient& client, const aws::CallOptions& call, Env* env, const std::string& group,
                         const std::string& query, int64_t from_ms, int64_t to_ms, size_t limit,
                         mcp::ToolContext& ctx) {
  auto started = client.Call("logs", "StartQuery",
                             {{"logGroupNames", {group}}, {"queryString", query}, {"startTime", from_ms / 1000},
                              {"endTime", to_ms / 1000}, {"limit", static_cast<int64_t>(limit)}},
                             call);
  if (!started) return ErrorResult(started.error(), "logs", "insights", call.region);
  const std::string id = (*started)["queryId"];
  aws::CallOptions poll = call;
  poll.refresh = true;  // every poll must reach AWS
  const auto deadline = env->SteadyNow() + kQueryDeadline;
  for (int n = 1;; ++n) {
    auto out = client.Call("logs", "GetQueryResults", {{"queryId", id}}, poll);
    if (!out) return ErrorResult(out.error(), "logs", "insights", call.region);
    std::string status = out->value("status", "");
    ctx.progress(n, std::nullopt, "query " + status);
    if (status == "Complete" || status == "Failed" || status == "Cancelled" || status == "Timeout") {
      json rows = json::array();
      for (const auto& row : (*out)["results"]) {
        json r = json::object();
        for (const auto& f : row) {
          if (f.value("field", "") != "@ptr") r[f.value("field", "")] = f.value("value", "");
        }
        rows.push_back(std::move(r));
      }
      mcp::ToolResult r;
      r.structured = {{"logGroup", group}, {"query", query}, {"status", status}, {"from", IsoFromMs(from_ms)},
                      {"to", IsoFromMs(to_ms)}, {"rows", rows}, {"statistics", out->value("statistics", json::object())}};
      r.text = r.structured.dump(-1, ' ', false, json::error_handler_t::replace);
      r.is_error = status != "Complete";
      return r;
    }
    if (env->SteadyNow() > deadline || !ctx.cancel.SleepFor(kPollEvery)) {
      // Cancelled or too slow: stop the query so it costs nothing more.
      aws::CallOptions stop = call;
      stop.cancel = CancelToken();
      (void)client.Call("logs", "StopQuery", {{"queryId", id}}, stop);
      return ErrorResult(aws::CallError::Local(ctx.cancel.cancelled() ? aws::kCancelled : aws::kTimeout,
                                               "Logs Insights query " + id + " stopped"),
                         "logs", "insights", call.region);
    }
  }
}

}  // namespace

mcp::Tool MakeLogsTool(ClientForProfile clients, Env* env, ProjectResources project) {
  mcp::Tool tool;
  tool.name = "aws_logs";
  tool.title = "Search CloudWatch logs";
  tool.description =
      "Tail or search a log group over a time range (since: \"15m\", \"2h\" or ISO-8601) with a filter pattern, "
      "or run a Logs Insights query. Defaults to the project's log group.";
  tool.input_schema = json::parse(R"json({
    "type": "object",
    "properties": {
      "log_group": {"type": "string", "description": "log group name; default: the mapped one, else the only one in the account (or the only one starting with log_group_prefix); with several, the answer lists them"},
      "log_group_prefix": {"type": "string", "description": "without log_group: find the log groups whose names start with this"},
      "filter": {"type": "string", "description": "CloudWatch filter pattern, e.g. ERROR or ?ERROR ?Exception"},
      "query": {"type": "string", "description": "Logs Insights query (instead of filter)"},
      "since": {"type": "string", "description": "start of the range: 15m, 2h, 1d ago or ISO-8601; default 15m"},
      "until": {"type": "string", "description": "end of the range, as since; default now"},
      "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "description": "default 50 (1000 with group)"},
      "group": {"type": "boolean", "description": "count the lines by message pattern instead of listing them"},
      "region": {"type": "string", "description": "e.g. us-east-1; default: the server's"},
      "profile": {"type": "string", "description": "another account or role; default: the server's"}
    },
    "additionalProperties": false
  })json");
  tool.output_schema = json::parse(R"json({
    "type": "object",
    "properties": {
      "logGroup": {"type": "string"}, "from": {"type": "string"}, "to": {"type": "string"},
      "filter": {"type": "string"}, "count": {"type": "integer"}, "more": {"type": "boolean"},
      "events": {"type": "array", "items": {"type": "object", "properties": {
        "time": {"type": "string"}, "stream": {"type": "string"}, "message": {"type": "string"}}}},
      "groups": {"type": "array", "items": {"type": "object", "properties": {
        "signature": {"type": "string"}, "count": {"type": "integer"}, "first": {"type": "string"},
        "last": {"type": "string"}, "example": {"type": "string"}}}},
      "query": {"type": "string"}, "status": {"type": "string"},
      "picked": {"type": "string", "description": "set when nothing was given or mapped: the only log group found"},
      "rows": {"type": "array", "items": {"type": "object"}}, "statistics": {"type": "object"}
    },
    "required": ["logGroup", "from", "to"]
  })json");
  tool.annotations = {.read_only = true, .destructive = false, .idempotent = true, .open_world = true};
  tool.handler = [clients, env, project](const json& args, mcp::ToolContext& ctx) -> mcp::ToolResult {
    ArgReader in(args);
    std::string group = in.String("log_group", false, 512);
    std::string prefix = in.String("log_group_prefix", false, 512);
    std::string filter = in.String("filter", false, 1024);
    std::string query = in.String("query", false, 10000);
    std::string since = in.String("since", false, 64);
    std::string until = in.String("until", false, 64);
    auto limit = in.Int("limit", 1, kMaxLimit);
    std::string region = in.Region("region");
    std::string profile = in.String("profile", false, 128);
    bool grouped = in.Bool("group");
    in.RejectOthers({"log_group", "log_group_prefix", "filter", "query", "since", "until", "limit", "group", "region", "profile"});
    if (in.ok() && !filter.empty() && !query.empty()) {
      return ErrorResult(aws::CallError::Local(aws::kValidationError, "give 'filter' or 'query', not both"), "logs",
                         "search", region);
    }
    if (!in.ok()) return ErrorResult(in.error(), "logs", "search", region);
    if (group.empty() && !project.log_groups.empty() && prefix.empty()) group = project.log_groups.front();
    auto now = env->Now();
    auto from = ParseTime(since.empty() ? "15m" : since, now);
    auto to = until.empty() ? std::optional(now) : ParseTime(until, now);
    if (!from || !to || *from > *to) {
      return ErrorResult(aws::CallError::Local(aws::kValidationError,
                                               "since/until must be like 15m, 2h, 1d or ISO-8601, since before until"),
                         "logs", "search", region);
    }
    auto client = clients(profile);
    if (!client) return ErrorResult(client.error(), "logs", "search", region);
    aws::CallOptions call = CallOptionsFor(ctx, region);
    std::string picked;
    if (group.empty()) {
      auto found = FindLogGroups(**client, call, prefix);
      const std::string where = region.empty() ? (*client)->options().default_region : region;
      if (!found) return ErrorResult(found.error(), "logs", "search", where);
      const std::string starting = prefix.empty() ? "" : " starting with " + prefix;
      if (!found->Single()) {
        return ChooseOneResult(*found, "log groups" + starting, "'log_group' (or narrow with 'log_group_prefix')",
                               "logs", "search", where);
      }
      group = found->names[0];
      picked = "the only log group" + starting + " in " + where + ": " + group;
    }
    size_t n = static_cast<size_t>(limit.value_or(grouped ? kMaxLimit : 50));
    mcp::ToolResult r = query.empty()
                            ? Search(**client, call, group, filter, EpochMs(*from), EpochMs(*to), n, grouped, ctx)
                            : Insights(**client, call, env, group, query, EpochMs(*from), EpochMs(*to), n, ctx);
    if (!picked.empty() && !r.is_error) {
      r.structured["picked"] = picked;
      r.text = r.structured.dump(-1, ' ', false, json::error_handler_t::replace);
      r.notes.insert(r.notes.begin(), "Picked " + picked + " (nothing given or mapped).");
    }
    return r;
  };
  return tool;
}

}  // namespace awsmcp::tools
