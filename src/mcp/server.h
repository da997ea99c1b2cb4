// McpServer: the MCP protocol layer. It owns request ids, both protocol eras
// (see mcp/eras.h), ping, tools (list with cursor pagination, call), resources
// (list, templates, read), prompts (list, get), completion, logging, progress
// and cancellation. Tool calls and resource reads run concurrently on a
// bounded pool of threads, so a slow call never blocks another request.
// Capabilities are declared for what is registered: no prompts, no `prompts`
// capability.
//
// Eras: every method is a Handler in one of two dispatch tables. The legacy
// table has initialize, ping and logging/setLevel, and keeps per-connection
// state (the log level). The modern table has server/discover
// and reads everything from each request's _meta; its results carry
// resultType, the server's identity and, for lists and reads, caching hints.
// Per-request state (id, _meta, where the answer goes, cancel token) lives in
// a RequestContext, so the tool handlers are the same in both eras.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/executor.h"
#include "base/thread_annotations.h"
#include "mcp/eras.h"
#include "jsonrpc/message.h"
#include "mcp/prompt.h"
#include "mcp/resource.h"
#include "mcp/tool.h"
#include "transport/transport.h"

namespace awsmcp::mcp {

using jsonrpc::Message;
class CallProgress;

struct ServerOptions {
  std::string name = "aws-mcp";     // serverInfo.name
  std::string title = "AWS";         // serverInfo.title
  std::string version = "0.1.0";     // serverInfo.version
  std::string instructions;          // sent in initialize and server/discover results when not empty
  size_t page_size = 50;             // default 50 items per tools/resources/prompts list page
  size_t max_queued_calls = 256;     // default 256 calls running or waiting; beyond, a call is refused as busy
  // Bytes of the messages of the calls running or waiting: beyond, refused as
  // busy, so that queued calls cannot take the memory. Default 32 MiB.
  size_t max_queued_bytes = 32u << 20;
  // Modern-era caching hints (ttlMs). Lists of tools, prompts, templates and
  // mapped resources are fixed while the process runs: default 5 minutes, so a
  // redeployed server is noticed. Reads: default 30 s, the AWS cache's TTL.
  std::chrono::milliseconds list_ttl{5 * 60 * 1000};
  std::chrono::milliseconds read_ttl{30 * 1000};
};

// Where one request's answer and its notifications go: `final` is set on the
// answer (a result or an error), the last message for the request.
using Sink = std::function<void(const std::string& message, bool final)>;

class McpServer {
 public:
  // Calls run on `executor` (not owned; it must outlive the server), which
  // many servers (one per legacy HTTP session) may share; nullptr: an
  // executor of its own, with the default bound.
  explicit McpServer(ServerOptions options, Executor* executor = nullptr);
  // Waits for the calls still in flight.
  ~McpServer();

  // Registers a tool; names must be unique. Call before Serve.
  void AddTool(Tool tool);
  // Registers a prompt; names must be unique. Call before Serve.
  void AddPrompt(Prompt prompt);
  // Suggests values for a prompt argument or a resource template variable
  // (completion/complete): `ref` is the request's ref object, `argument` the
  // argument's name, `value` what is typed so far.
  using Completer = std::function<std::vector<std::string>(const json& ref, const std::string& argument,
                                                           const std::string& value)>;
  void SetCompleter(Completer completer) { completer_ = std::move(completer); }
  // Sets the resource catalog (not owned; must outlive Serve). Call before Serve.
  void SetResources(const ResourceCatalog* catalog) { resources_ = catalog; }

  // Reads and answers messages until end of input, then waits for calls in
  // flight and returns OK. Returns an error only for a broken transport.
  // Serves both eras: the stdio process, or one legacy HTTP session.
  Status Serve(transport::Transport& transport);

  // Answers one modern-era message (a stateless HTTP POST) through `out`.
  // `cancel` stops the request (its asker went away); no answer follows then.
  // Thread-safe: called concurrently for concurrent requests.
  void HandleStateless(const std::string& message, Sink out, CancelToken cancel);

 private:
  struct RequestContext {
    json id;
    json meta = json::object();  // params._meta, {} when absent
    CancelToken cancel;
    Sink out;
    std::string key;                    // in-flight key: unique among requests in flight
    bool modern = false;                // served in the 2026-07-28 era
    std::optional<LogLevel> log_level;  // modern: _meta's logLevel; none = no notifications/message
    bool answered = false;              // a result or an error was sent
    size_t bytes = 0;                   // the request's size
    std::shared_ptr<CallProgress> progress;  // with a progressToken: closed when the answer goes
  };
  enum class CacheScope { kPublic, kPrivate };
  using Handler = std::function<void(const Message&, RequestContext&)>;
  using Work = std::function<void(RequestContext&, ToolContext&)>;

  // `modern_only`: a stateless HTTP request, never legacy. `key`: "" = the id.
  // `bytes`: the message's size, counted against max_queued_bytes.
  void Dispatch(const Message& m, size_t bytes, Sink out, CancelToken cancel, bool modern_only, std::string key);
  void Reply(RequestContext& ctx, json result);
  // Reply with the modern era's caching hints.
  void ReplyCacheable(RequestContext& ctx, json result, CacheScope scope, std::chrono::milliseconds ttl);
  void ReplyError(RequestContext& ctx, int code, const std::string& message, json data = nullptr);
  void ReplyError(RequestContext& ctx, const jsonrpc::RpcError& error);
  // Runs a method's handler inside the error boundary: any exception becomes
  // -32602 (a value of the wrong JSON type) or -32603, and the server goes on.
  void RunHandler(const Handler& handler, const Message& m, RequestContext& ctx);
  void Notify(RequestContext& ctx, const std::string& method, json params);
  json Capabilities() const;

  void HandleInitialize(const Message& m, RequestContext& ctx);
  void HandleDiscover(const Message& m, RequestContext& ctx);
  void HandleToolsList(const Message& m, RequestContext& ctx);
  void HandleToolsCall(const Message& m, RequestContext& ctx);
  void HandleResourcesList(const Message& m, RequestContext& ctx);
  void HandleTemplatesList(const Message& m, RequestContext& ctx);
  void HandleResourcesRead(const Message& m, RequestContext& ctx);
  void HandlePromptsList(const Message& m, RequestContext& ctx);
  void HandlePromptsGet(const Message& m, RequestContext& ctx);
  void HandleComplete(const Message& m, RequestContext& ctx);
  void HandleSetLevel(const Message& m, RequestContext& ctx);
  void HandleCancelled(const Message& m);
  // One page of `items` by the request's cursor, as {key: [...], nextCursor?};
  // false (after answering -32602) for a bad cursor.
  bool Page(const Message& m, RequestContext& ctx, const char* key, json items, CacheScope scope);
  // Queues `work` on the pool as a cancellable request; answers busy or a
  // duplicate id itself. `work` replies (unless cancelled).
  void Submit(RequestContext ctx, Work work);
  void RunWork(const Work& work, RequestContext ctx);
  // Frees the request's id; true when it is to be answered (not cancelled).
  bool Release(RequestContext& ctx);
  // Ends a call's accounting (live calls, bytes, its id).
  void Finish(const RequestContext& ctx);
  void AnswerCall(const Tool& tool, const json& arguments, RequestContext& ctx, ToolContext& tc);
  json ToolJson(const Tool& tool) const;

  const ServerOptions options_;
  std::vector<Tool> tools_;                 // immutable once serving
  std::map<std::string, size_t> tool_index_;
  std::vector<Prompt> prompts_;             // immutable once serving
  const ResourceCatalog* resources_ = nullptr;
  Completer completer_;
  std::map<std::string, Handler> legacy_handlers_;
  std::map<std::string, Handler> modern_handlers_;
  std::atomic<unsigned long long> stateless_serial_{0};

  // Legacy-era connection state.
  std::atomic<int> log_level_{static_cast<int>(LogLevel::kInfo)};

  std::unique_ptr<Executor> own_executor_;  // when none was given
  Executor* const executor_;
  Mutex mu_;
  std::condition_variable_any calls_changed_;
  size_t live_calls_ GUARDED_BY(mu_) = 0;    // running or queued
  size_t live_bytes_ GUARDED_BY(mu_) = 0;    // their messages' sizes
  std::map<std::string, CancelToken> in_flight_ GUARDED_BY(mu_);  // RequestContext::key -> token
};

}  // namespace awsmcp::mcp
