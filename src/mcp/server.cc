#include "mcp/server.h"

#include <thread>

#include "mcp/progress_beat.h"

#include "base/log.h"
#include "jsonrpc/params.h"

namespace awsmcp::mcp {

using jsonrpc::MakeError;
using jsonrpc::MakeNotification;
using jsonrpc::MakeResult;
using jsonrpc::ParseMessage;

McpServer::McpServer(ServerOptions options, Executor* executor)
    : options_(std::move(options)),
      own_executor_(executor == nullptr ? std::make_unique<Executor>() : nullptr),
      executor_(executor != nullptr ? executor : own_executor_.get()) {
  // Methods both eras share.
  for (auto* table : {&legacy_handlers_, &modern_handlers_}) {
    auto& t = *table;
    t["tools/list"] = [this](const Message& m, RequestContext& c) { HandleToolsList(m, c); };
    t["tools/call"] = [this](const Message& m, RequestContext& c) { HandleToolsCall(m, c); };
    t["resources/list"] = [this](const Message& m, RequestContext& c) { HandleResourcesList(m, c); };
    t["resources/templates/list"] = [this](const Message& m, RequestContext& c) { HandleTemplatesList(m, c); };
    t["resources/read"] = [this](const Message& m, RequestContext& c) { HandleResourcesRead(m, c); };
    t["prompts/list"] = [this](const Message& m, RequestContext& c) { HandlePromptsList(m, c); };
    t["prompts/get"] = [this](const Message& m, RequestContext& c) { HandlePromptsGet(m, c); };
    t["completion/complete"] = [this](const Message& m, RequestContext& c) { HandleComplete(m, c); };
  }
  legacy_handlers_["initialize"] = [this](const Message& m, RequestContext& c) { HandleInitialize(m, c); };
  legacy_handlers_["ping"] = [this](const Message&, RequestContext& c) { Reply(c, json::object()); };
  legacy_handlers_["logging/setLevel"] = [this](const Message& m, RequestContext& c) { HandleSetLevel(m, c); };
  modern_handlers_["server/discover"] = [this](const Message& m, RequestContext& c) { HandleDiscover(m, c); };
}

McpServer::~McpServer() {
  MutexLock lock(mu_);
  while (live_calls_ > 0) calls_changed_.wait(mu_);
}

void McpServer::AddTool(Tool tool) {
  tool_index_[tool.name] = tools_.size();
  tools_.push_back(std::move(tool));
}

Status McpServer::Serve(transport::Transport& transport) {
  Sink out = [&transport](const std::string& message, bool) { (void)transport.Write(message); };
  Status result;
  while (true) {
    auto text = transport.Read();
    if (!text) {
      if (text.error().code() == Code::kResourceExhausted) {
        Log(LogLevel::kWarning, "mcp", text.error().message());
        (void)transport.Write(MakeError(nullptr, jsonrpc::kInvalidRequest, "Invalid Request: " + text.error().message()));
        continue;
      }
      if (text.error().code() != Code::kNotFound && text.error().code() != Code::kCancelled) result = text.error();
      break;
    }
    // A token per request: copies share their state, so one shared token
    // would let a notifications/cancelled for one call cancel them all.
    Dispatch(ParseMessage(*text), text->size(), out, CancelToken(), /*modern_only=*/false, "");
  }
  // End of input: let the calls in flight finish (their answers may still be read).
  MutexLock lock(mu_);
  while (live_calls_ > 0) calls_changed_.wait(mu_);
  return result;
}

void McpServer::HandleStateless(const std::string& message, Sink out, CancelToken cancel) {
  // Ids are the client's, and many clients share this server: key by a serial instead.
  Dispatch(ParseMessage(message), message.size(), std::move(out), std::move(cancel), /*modern_only=*/true,
           "#" + std::to_string(++stateless_serial_));
}

void McpServer::Dispatch(const Message& m, size_t bytes, Sink out, CancelToken cancel, bool modern_only,
                         std::string key) {
  RequestContext ctx;
  ctx.id = m.id;
  ctx.bytes = bytes;
  ctx.out = std::move(out);
  ctx.cancel = std::move(cancel);
  switch (m.kind) {
    case Message::Kind::kInvalid:
      ReplyError(ctx, m.error_code, m.error);
      return;
    case Message::Kind::kResponse:
      return;  // this server sends no requests of its own
    case Message::Kind::kNotification:
      // Stateless HTTP cancels by closing the stream; ids there are not unique.
      if (m.method == "notifications/cancelled" && !modern_only) HandleCancelled(m);
      return;  // notifications/initialized and unknown notifications need no answer
    case Message::Kind::kRequest: break;
  }
  if (m.params.contains("_meta") && m.params["_meta"].is_object()) ctx.meta = m.params["_meta"];
  ctx.key = key.empty() ? m.id.dump() : std::move(key);
  ctx.modern = modern_only || AsksForModernEra(m.method, m.params);
  if (ctx.modern) {
    if (auto error = CheckModernMeta(m.params)) {
      ReplyError(ctx, error->code, error->message, std::move(error->data));
      return;
    }
    LogLevel level;
    auto wanted = ctx.meta.find(kMetaLogLevel);
    if (wanted != ctx.meta.end() && wanted->is_string() && ParseLogLevel(wanted->get<std::string>(), &level)) {
      ctx.log_level = level;
    }
  }
  const auto& table = ctx.modern ? modern_handlers_ : legacy_handlers_;
  auto it = table.find(m.method);
  if (it == table.end()) {
    ReplyError(ctx, jsonrpc::kMethodNotFound, "Method not found: " + m.method.substr(0, 100));
    return;
  }
  RunHandler(it->second, m, ctx);
}

void McpServer::RunHandler(const Handler& handler, const Message& m, RequestContext& ctx) {
  // The one boundary: no exception from a handler reaches the transport.
  try {
    handler(m, ctx);
  } catch (const nlohmann::json::type_error& e) {
    if (!ctx.answered) ReplyError(ctx, jsonrpc::kInvalidParams, std::string("Invalid params: ") + e.what());
  } catch (const std::exception& e) {
    Log(LogLevel::kError, "mcp", m.method + " failed: " + e.what());
    if (!ctx.answered) ReplyError(ctx, jsonrpc::kInternalError, "Internal error in " + m.method);
  } catch (...) {
    if (!ctx.answered) ReplyError(ctx, jsonrpc::kInternalError, "Internal error in " + m.method);
  }
}

void McpServer::Reply(RequestContext& ctx, json result) {
  if (ctx.modern) {
    result["resultType"] = "complete";
    result["_meta"][kMetaServerInfo] = {{"name", options_.name}, {"version", options_.version}};
  }
  ctx.answered = true;
  ctx.out(MakeResult(ctx.id, std::move(result)), true);
}

void McpServer::ReplyCacheable(RequestContext& ctx, json result, CacheScope scope, std::chrono::milliseconds ttl) {
  if (ctx.modern) {
    result["ttlMs"] = std::max<long long>(0, ttl.count());
    result["cacheScope"] = scope == CacheScope::kPublic ? "public" : "private";
  }
  Reply(ctx, std::move(result));
}

void McpServer::ReplyError(RequestContext& ctx, int code, const std::string& message, json data) {
  ctx.answered = true;
  ctx.out(MakeError(ctx.id, code, message, std::move(data)), true);
}

void McpServer::ReplyError(RequestContext& ctx, const jsonrpc::RpcError& error) {
  ReplyError(ctx, error.code, error.message, error.data);
}

void McpServer::Notify(RequestContext& ctx, const std::string& method, json params) {
  ctx.out(MakeNotification(method, std::move(params)), false);
}

json McpServer::Capabilities() const {
  json capabilities = {{"tools", {{"listChanged", false}}}, {"logging", json::object()}};
  if (resources_) capabilities["resources"] = {{"subscribe", false}, {"listChanged", false}};
  if (!prompts_.empty()) capabilities["prompts"] = {{"listChanged", false}};
  if (completer_) capabilities["completions"] = json::object();
  return capabilities;
}

void McpServer::HandleDiscover(const Message&, RequestContext& ctx) {
  json result = {{"supportedVersions", AllVersions()}, {"capabilities", Capabilities()}};
  if (!options_.instructions.empty()) result["instructions"] = options_.instructions;
  ReplyCacheable(ctx, std::move(result), CacheScope::kPublic, options_.list_ttl);
}

void McpServer::HandleInitialize(const Message& m, RequestContext& ctx) {
  jsonrpc::ParamReader in(m.params);
  const std::string requested = in.String("protocolVersion").value_or("");
  in.Object("capabilities");
  in.Object("clientInfo");
  if (!in.ok()) return ReplyError(ctx, in.error());
  std::string chosen = IsLegacyVersion(requested) ? requested : LegacyVersions().front();
  json result = {{"protocolVersion", chosen},
                 {"capabilities", Capabilities()},
                 {"serverInfo", {{"name", options_.name}, {"title", options_.title}, {"version", options_.version}}}};
  if (!options_.instructions.empty()) result["instructions"] = options_.instructions;
  Reply(ctx, std::move(result));
}

json McpServer::ToolJson(const Tool& t) const {
  json j = {{"name", t.name}, {"description", t.description}, {"inputSchema", t.input_schema}};
  if (!t.title.empty()) j["title"] = t.title;
  if (t.output_schema) j["outputSchema"] = *t.output_schema;
  j["annotations"] = {{"readOnlyHint", t.annotations.read_only},
                      {"destructiveHint", t.annotations.destructive},
                      {"idempotentHint", t.annotations.idempotent},
                      {"openWorldHint", t.annotations.open_world}};
  return j;
}

void McpServer::HandleSetLevel(const Message& m, RequestContext& ctx) {
  LogLevel level;
  std::optional<std::string> name = jsonrpc::ParamReader(m.params).String("level");
  if (!name || !ParseLogLevel(*name, &level)) {
    ReplyError(ctx, jsonrpc::kInvalidParams, "Invalid params: level must be one of debug, info, notice, warning, "
                                            "error, critical, alert, emergency");
    return;
  }
  log_level_ = static_cast<int>(level);
  Reply(ctx, json::object());
}

void McpServer::HandleCancelled(const Message& m) {
  const json* id = jsonrpc::ParamReader(m.params).Id("requestId");
  if (id == nullptr) return;
  MutexLock lock(mu_);
  auto it = in_flight_.find(id->dump());
  if (it != in_flight_.end()) it->second.Cancel();
}

void McpServer::HandleToolsCall(const Message& m, RequestContext& ctx) {
  jsonrpc::ParamReader in(m.params);
  const std::string name = in.String("name").value_or("");
  const json* given = in.Object("arguments");
  in.Require("name", !name.empty());
  if (!in.ok()) return ReplyError(ctx, in.error());
  auto it = tool_index_.find(name);
  if (it == tool_index_.end()) {
    ReplyError(ctx, jsonrpc::kInvalidParams, "Unknown tool: " + name.substr(0, 100));
    return;
  }
  json arguments = given != nullptr ? *given : json::object();
  const Tool& tool = tools_[it->second];
  Submit(std::move(ctx), [this, &tool, arguments = std::move(arguments)](RequestContext& c, ToolContext& tc) {
    AnswerCall(tool, arguments, c, tc);
  });
}

void McpServer::Submit(RequestContext ctx, Work work) {
  {
    MutexLock lock(mu_);
    if (live_calls_ >= options_.max_queued_calls || live_bytes_ + ctx.bytes > options_.max_queued_bytes) {
      ReplyError(ctx, jsonrpc::kInternalError, "server busy: too many calls in flight");
      return;
    }
    if (in_flight_.count(ctx.key)) {
      ReplyError(ctx, jsonrpc::kInvalidRequest, "Invalid Request: id already in use by a call in flight");
      return;
    }
    in_flight_[ctx.key] = ctx.cancel;
    ++live_calls_;
    live_bytes_ += ctx.bytes;
  }
  RequestContext refused = ctx;  // to answer with, should the executor's queue be full
  if (executor_->TrySubmit([this, work = std::move(work), ctx = std::move(ctx)]() mutable {
        RunWork(work, std::move(ctx));
      })) {
    return;
  }
  Finish(refused);
  ReplyError(refused, jsonrpc::kInternalError, "server busy: too many calls in flight");
}

void McpServer::Finish(const RequestContext& ctx) {
  {
    MutexLock lock(mu_);
    in_flight_.erase(ctx.key);  // when the work was skipped (cancelled before it started)
    --live_calls_;
    live_bytes_ -= ctx.bytes;
  }
  calls_changed_.notify_all();
}

void McpServer::RunWork(const Work& work, RequestContext ctx) {
  ToolContext tc;
  tc.cancel = ctx.cancel;
  json progress_token = ctx.meta.value("progressToken", json());
  std::shared_ptr<CallProgress>& progress = ctx.progress;
  if (progress_token.is_string() || progress_token.is_number_integer()) {
    // Closed before ctx ends, so no heartbeat outlives the request.
    progress = std::make_shared<CallProgress>(
        [this, &ctx, progress_token](double value, std::optional<double> total, const std::string& message) {
          if (ctx.cancel.cancelled()) return;
          json p = {{"progressToken", progress_token}, {"progress", value}};
          if (total) p["total"] = *total;
          if (!message.empty()) p["message"] = message;
          Notify(ctx, "notifications/progress", std::move(p));
        },
        CallProgress::Clock::now());
    tc.progress = [progress](double value, std::optional<double> total, const std::string& message) {
      progress->Report(value, total, message);
    };
    tc.status = [progress](const std::string& doing, bool now) { progress->SetStatus(doing, now); };
    ProgressBeat::Shared().Watch(progress);
  }
  tc.log = [this, &ctx](LogLevel level, const std::string& message) {
    // Modern: only what the request's _meta asked for; legacy: the connection's level.
    const int threshold = ctx.modern ? (ctx.log_level ? static_cast<int>(*ctx.log_level) : -1) : log_level_.load();
    if (threshold < 0 || static_cast<int>(level) < threshold || ctx.cancel.cancelled()) return;
    Notify(ctx, "notifications/message", {{"level", LogLevelName(level)}, {"logger", "aws-mcp"}, {"data", message}});
  };
  if (!ctx.cancel.cancelled()) {
    try {
      work(ctx, tc);
    } catch (const std::exception& e) {
      Log(LogLevel::kError, "mcp", std::string("a call failed: ") + e.what());
      if (!ctx.answered && Release(ctx)) ReplyError(ctx, jsonrpc::kInternalError, "Internal error");
    } catch (...) {
      if (!ctx.answered && Release(ctx)) ReplyError(ctx, jsonrpc::kInternalError, "Internal error");
    }
  }
  if (progress) progress->Close();
  Finish(ctx);
}

void McpServer::AnswerCall(const Tool& tool, const json& arguments, RequestContext& ctx, ToolContext& tc) {
  ToolResult r;
  try {
    r = tool.handler(arguments, tc);
  } catch (const std::exception& e) {
    r = ToolResult::Error(std::string("internal error in ") + tool.name + ": " + e.what());
  } catch (...) {
    r = ToolResult::Error("internal error in " + tool.name);
  }
  if (!Release(ctx)) return;  // a cancelled request gets no answer, as the spec says
  std::string text = r.text.empty() ? r.structured.dump(-1, ' ', false, json::error_handler_t::replace) : r.text;
  json content = json::array({{{"type", "text"}, {"text", std::move(text)}}});
  for (auto& note : r.notes) content.push_back({{"type", "text"}, {"text", std::move(note)}});
  json result = {{"content", std::move(content)}, {"isError", r.is_error}};
  // An error's details would not fit a declared outputSchema, and strict
  // clients reject what does not: they stay in the text then.
  const bool schema_bound = r.is_error && tool.output_schema.has_value();
  if (r.structured.is_object() && (!r.structured.empty() || !r.is_error) && !schema_bound) {
    result["structuredContent"] = std::move(r.structured);
  }
  Reply(ctx, std::move(result));
}

bool McpServer::Release(RequestContext& ctx) {
  // No progress may follow the answer.
  if (ctx.progress) ctx.progress->Close();
  // Free the id before answering: a client may reuse it as soon as it reads the answer.
  MutexLock lock(mu_);
  in_flight_.erase(ctx.key);
  return !ctx.cancel.cancelled();
}

}  // namespace awsmcp::mcp
