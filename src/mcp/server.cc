#include "mcp/server.h"

#include <thread>

#include "base/log.h"

namespace awsmcp::mcp {

const char* const kSupportedProtocolVersions[3] = {"2025-11-25", "2025-06-18", "2025-03-26"};


McpServer::McpServer(ServerOptions options) : options_(std::move(options)) {
  handlers_["initialize"] = [this](const Message& m, RequestContext& c) { HandleInitialize(m, c); };
  handlers_["ping"] = [this](const Message&, RequestContext& c) { Reply(c.id, json::object()); };
  handlers_["tools/list"] = [this](const Message& m, RequestContext& c) { HandleToolsList(m, c); };
  handlers_["tools/call"] = [this](const Message& m, RequestContext& c) { HandleToolsCall(m, c); };
  handlers_["resources/list"] = [this](const Message& m, RequestContext& c) { HandleResourcesList(m, c); };
  handlers_["resources/templates/list"] = [this](const Message& m, RequestContext& c) { HandleTemplatesList(m, c); };
  handlers_["resources/read"] = [this](const Message& m, RequestContext& c) { HandleResourcesRead(m, c); };
  handlers_["prompts/list"] = [this](const Message& m, RequestContext& c) { HandlePromptsList(m, c); };
  handlers_["prompts/get"] = [this](const Message& m, RequestContext& c) { HandlePromptsGet(m, c); };
  handlers_["completion/complete"] = [this](const Message& m, RequestContext& c) { HandleComplete(m, c); };
  handlers_["logging/setLevel"] = [this](const Message& m, RequestContext& c) { HandleSetLevel(m, c); };
}

McpServer::~McpServer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (auto& t : workers_) {
    if (t.joinable()) t.join();
  }
}

void McpServer::WorkerLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    ++idle_workers_;
    work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    --idle_workers_;
    if (queue_.empty()) return;  // stopping
    auto job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    job();
    lock.lock();
  }
}

void McpServer::AddTool(Tool tool) {
  tool_index_[tool.name] = tools_.size();
  tools_.push_back(std::move(tool));
}

Status McpServer::Serve(transport::Transport& transport) {
  transport_ = &transport;
  Status result;
  while (true) {
    auto text = transport.Read();
    if (!text) {
      if (text.error().code() == Code::kResourceExhausted) {
        Log(LogLevel::kWarning, "mcp", text.error().message());
        ReplyError(nullptr, rpc::kInvalidRequest, "Invalid Request: " + text.error().message());
        continue;
      }
      if (text.error().code() != Code::kNotFound && text.error().code() != Code::kCancelled) result = text.error();
      break;
    }
    Dispatch(ParseMessage(*text));
  }
  // End of input: let the calls in flight finish (their answers may still be read).
  std::unique_lock<std::mutex> lock(mu_);
  calls_changed_.wait(lock, [&] { return live_calls_ == 0; });
  return result;
}

void McpServer::Dispatch(const Message& m) {
  switch (m.kind) {
    case Message::Kind::kInvalid:
      ReplyError(m.id, m.error_code, m.error);
      return;
    case Message::Kind::kResponse:
      return;  // this server sends no requests of its own yet
    case Message::Kind::kNotification:
      if (m.method == "notifications/cancelled") HandleCancelled(m);
      return;  // notifications/initialized and unknown notifications need no answer
    case Message::Kind::kRequest: break;
  }
  auto it = handlers_.find(m.method);
  if (it == handlers_.end()) {
    ReplyError(m.id, rpc::kMethodNotFound, "Method not found: " + m.method.substr(0, 100));
    return;
  }
  RequestContext ctx;
  ctx.id = m.id;
  if (m.params.contains("_meta") && m.params["_meta"].is_object()) ctx.meta = m.params["_meta"];
  it->second(m, ctx);
}

void McpServer::Reply(const json& id, json result) { (void)transport_->Write(MakeResult(id, std::move(result))); }

void McpServer::ReplyError(const json& id, int code, const std::string& message) {
  (void)transport_->Write(MakeError(id, code, message));
}

void McpServer::Notify(const std::string& method, json params) {
  (void)transport_->Write(MakeNotification(method, std::move(params)));
}

void McpServer::HandleInitialize(const Message& m, RequestContext& ctx) {
  std::string requested = m.params.value("protocolVersion", "");
  std::string chosen = kSupportedProtocolVersions[0];
  for (const char* v : kSupportedProtocolVersions) {
    if (requested == v) chosen = v;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    protocol_version_ = chosen;
  }
  json capabilities = {{"tools", {{"listChanged", false}}}, {"logging", json::object()}};
  if (resources_) capabilities["resources"] = {{"subscribe", false}, {"listChanged", false}};
  if (!prompts_.empty()) capabilities["prompts"] = {{"listChanged", false}};
  if (completer_) capabilities["completions"] = json::object();
  json result = {{"protocolVersion", chosen},
                 {"capabilities", std::move(capabilities)},
                 {"serverInfo", {{"name", options_.name}, {"title", options_.title}, {"version", options_.version}}}};
  if (!options_.instructions.empty()) result["instructions"] = options_.instructions;
  Reply(ctx.id, std::move(result));
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
  if (!m.params.contains("level") || !m.params["level"].is_string() ||
      !ParseLogLevel(m.params["level"].get<std::string>(), &level)) {
    ReplyError(ctx.id, rpc::kInvalidParams, "Invalid params: level must be one of debug, info, notice, warning, "
                                            "error, critical, alert, emergency");
    return;
  }
  log_level_ = static_cast<int>(level);
  Reply(ctx.id, json::object());
}

void McpServer::HandleCancelled(const Message& m) {
  if (!m.params.contains("requestId")) return;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = in_flight_.find(m.params["requestId"].dump());
  if (it != in_flight_.end()) it->second.Cancel();
}

void McpServer::HandleToolsCall(const Message& m, RequestContext& ctx) {
  if (!m.params.contains("name") || !m.params["name"].is_string()) {
    ReplyError(ctx.id, rpc::kInvalidParams, "Invalid params: name must be a string");
    return;
  }
  const std::string name = m.params["name"].get<std::string>();
  auto it = tool_index_.find(name);
  if (it == tool_index_.end()) {
    ReplyError(ctx.id, rpc::kInvalidParams, "Unknown tool: " + name.substr(0, 100));
    return;
  }
  json arguments = m.params.value("arguments", json::object());
  if (arguments.is_null()) arguments = json::object();
  if (!arguments.is_object()) {
    ReplyError(ctx.id, rpc::kInvalidParams, "Invalid params: arguments must be an object");
    return;
  }
  const Tool& tool = tools_[it->second];
  Submit(std::move(ctx), [this, &tool, arguments = std::move(arguments)](RequestContext& c, ToolContext& tc) {
    AnswerCall(tool, arguments, c, tc);
  });
}

void McpServer::Submit(RequestContext ctx, Work work) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    const std::string key = ctx.id.dump();
    if (live_calls_ >= options_.max_queued_calls) {
      ReplyError(ctx.id, rpc::kInternalError, "server busy: too many calls in flight");
      return;
    }
    if (in_flight_.count(key)) {
      ReplyError(ctx.id, rpc::kInvalidRequest, "Invalid Request: id already in use by a call in flight");
      return;
    }
    in_flight_[key] = ctx.cancel;
    ++live_calls_;
    queue_.push_back([this, work = std::move(work), ctx]() mutable { RunWork(work, std::move(ctx)); });
    if (idle_workers_ < queue_.size() && workers_.size() < std::max<size_t>(1, options_.max_concurrent_calls)) {
      workers_.emplace_back([this] { WorkerLoop(); });
    }
  }
  work_ready_.notify_one();
}

void McpServer::RunWork(const Work& work, RequestContext ctx) {
  ToolContext tc;
  tc.cancel = ctx.cancel;
  json progress_token = ctx.meta.value("progressToken", json());
  if (progress_token.is_string() || progress_token.is_number_integer()) {
    tc.progress = [this, progress_token, cancel = ctx.cancel](double progress, std::optional<double> total,
                                                              const std::string& message) {
      if (cancel.cancelled()) return;
      json p = {{"progressToken", progress_token}, {"progress", progress}};
      if (total) p["total"] = *total;
      if (!message.empty()) p["message"] = message;
      Notify("notifications/progress", std::move(p));
    };
  } else {
    tc.progress = [](double, std::optional<double>, const std::string&) {};
  }
  tc.log = [this](LogLevel level, const std::string& message) {
    if (static_cast<int>(level) < log_level_.load()) return;
    Notify("notifications/message", {{"level", LogLevelName(level)}, {"logger", "aws-mcp"}, {"data", message}});
  };
  if (!ctx.cancel.cancelled()) work(ctx, tc);
  {
    std::lock_guard<std::mutex> lock(mu_);
    in_flight_.erase(ctx.id.dump());  // when the work was skipped (cancelled before it started)
    --live_calls_;
  }
  calls_changed_.notify_all();
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
  if (r.structured.is_object() && (!r.structured.empty() || !r.is_error)) {
    result["structuredContent"] = std::move(r.structured);
  }
  Reply(ctx.id, std::move(result));
}

bool McpServer::Release(RequestContext& ctx) {
  // Free the id before answering: a client may reuse it as soon as it reads the answer.
  std::lock_guard<std::mutex> lock(mu_);
  in_flight_.erase(ctx.id.dump());
  return !ctx.cancel.cancelled();
}

}  // namespace awsmcp::mcp
