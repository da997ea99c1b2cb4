// McpServer's list and read methods: tools/list, resources/list,
// resources/templates/list, resources/read, prompts/list, prompts/get.
#include "mcp/server.h"

namespace awsmcp::mcp {
namespace {

// List cursors are opaque to clients: "c" + decimal offset.
std::string MakeCursor(size_t offset) { return "c" + std::to_string(offset); }

bool ParseCursor(const std::string& cursor, size_t* offset) {
  if (cursor.size() < 2 || cursor.size() > 12 || cursor[0] != 'c') return false;
  size_t v = 0;
  for (size_t i = 1; i < cursor.size(); ++i) {
    if (cursor[i] < '0' || cursor[i] > '9') return false;
    v = v * 10 + static_cast<size_t>(cursor[i] - '0');
  }
  *offset = v;
  return true;
}

json ResourceJson(const Resource& r) {
  json j = {{"uri", r.uri}, {"name", r.name}, {"mimeType", r.mime_type}};
  if (!r.title.empty()) j["title"] = r.title;
  if (!r.description.empty()) j["description"] = r.description;
  return j;
}

json TemplateJson(const ResourceTemplate& t) {
  json j = {{"uriTemplate", t.uri_template}, {"name", t.name}, {"mimeType", t.mime_type}};
  if (!t.title.empty()) j["title"] = t.title;
  if (!t.description.empty()) j["description"] = t.description;
  return j;
}

json PromptJson(const Prompt& p) {
  json args = json::array();
  for (const auto& a : p.arguments) {
    json arg = {{"name", a.name}, {"required", a.required}};
    if (!a.description.empty()) arg["description"] = a.description;
    args.push_back(std::move(arg));
  }
  json j = {{"name", p.name}, {"arguments", std::move(args)}};
  if (!p.title.empty()) j["title"] = p.title;
  if (!p.description.empty()) j["description"] = p.description;
  return j;
}

}  // namespace

void McpServer::AddPrompt(Prompt prompt) { prompts_.push_back(std::move(prompt)); }

bool McpServer::Page(const Message& m, RequestContext& ctx, const char* key, json items, CacheScope scope) {
  size_t offset = 0;
  if (m.params.contains("cursor") && !m.params["cursor"].is_null()) {
    if (!m.params["cursor"].is_string() || !ParseCursor(m.params["cursor"].get<std::string>(), &offset) ||
        offset >= items.size()) {
      ReplyError(ctx, jsonrpc::kInvalidParams, "Invalid params: unknown cursor");
      return false;
    }
  }
  const size_t end = std::min(items.size(), offset + std::max<size_t>(1, options_.page_size));
  json page = json::array();
  for (size_t i = offset; i < end; ++i) page.push_back(std::move(items[i]));
  json result = {{key, std::move(page)}};
  if (end < items.size()) result["nextCursor"] = MakeCursor(end);
  ReplyCacheable(ctx, std::move(result), scope, options_.list_ttl);
  return true;
}

void McpServer::HandleToolsList(const Message& m, RequestContext& ctx) {
  json items = json::array();
  for (const auto& t : tools_) items.push_back(ToolJson(t));
  Page(m, ctx, "tools", std::move(items), CacheScope::kPublic);
}

void McpServer::HandleResourcesList(const Message& m, RequestContext& ctx) {
  json items = json::array();
  if (resources_) {
    for (const auto& r : resources_->List()) items.push_back(ResourceJson(r));
  }
  // The mapped names of a team's infrastructure: not for shared caches.
  Page(m, ctx, "resources", std::move(items), CacheScope::kPrivate);
}

void McpServer::HandleTemplatesList(const Message& m, RequestContext& ctx) {
  json items = json::array();
  if (resources_) {
    for (const auto& t : resources_->Templates()) items.push_back(TemplateJson(t));
  }
  Page(m, ctx, "resourceTemplates", std::move(items), CacheScope::kPublic);
}

void McpServer::HandleResourcesRead(const Message& m, RequestContext& ctx) {
  if (!m.params.contains("uri") || !m.params["uri"].is_string()) {
    ReplyError(ctx, jsonrpc::kInvalidParams, "Invalid params: uri must be a string");
    return;
  }
  std::string uri = m.params["uri"].get<std::string>();
  if (uri.size() > 2048) {
    ReplyError(ctx, jsonrpc::kInvalidParams, "Invalid params: uri longer than 2048 bytes");
    return;
  }
  // The modern era answers an unknown resource with -32602, the legacy one with -32002.
  const int not_found = ctx.modern ? jsonrpc::kInvalidParams : jsonrpc::kResourceNotFound;
  if (!resources_) {
    ReplyError(ctx, not_found, "Resource not found", {{"uri", uri}});
    return;
  }
  Submit(std::move(ctx), [this, uri = std::move(uri), not_found](RequestContext& c, ToolContext& tc) {
    auto contents = resources_->Read(uri, tc);
    if (!Release(c)) return;
    if (!contents) {
      if (contents.error().code() == Code::kNotFound) {
        ReplyError(c, not_found, "Resource not found: " + contents.error().message(), {{"uri", uri}});
      } else {
        ReplyError(c, jsonrpc::kInternalError, contents.error().message());
      }
      return;
    }
    json list = json::array();
    for (auto& body : *contents) {
      list.push_back({{"uri", std::move(body.uri)}, {"mimeType", std::move(body.mime_type)},
                      {"text", std::move(body.text)}});
    }
    // AWS answers can hold account data: private, and fresh for as long as the AWS cache keeps them.
    ReplyCacheable(c, {{"contents", std::move(list)}}, CacheScope::kPrivate, options_.read_ttl);
  });
}

void McpServer::HandlePromptsList(const Message& m, RequestContext& ctx) {
  json items = json::array();
  for (const auto& p : prompts_) items.push_back(PromptJson(p));
  Page(m, ctx, "prompts", std::move(items), CacheScope::kPublic);
}

void McpServer::HandlePromptsGet(const Message& m, RequestContext& ctx) {
  if (!m.params.contains("name") || !m.params["name"].is_string()) {
    ReplyError(ctx, jsonrpc::kInvalidParams, "Invalid params: name must be a string");
    return;
  }
  const std::string name = m.params["name"].get<std::string>();
  auto it = std::find_if(prompts_.begin(), prompts_.end(), [&](const Prompt& p) { return p.name == name; });
  if (it == prompts_.end()) {
    ReplyError(ctx, jsonrpc::kInvalidParams, "Unknown prompt: " + name.substr(0, 100));
    return;
  }
  const json given = m.params.value("arguments", json::object());
  if (!given.is_object() && !given.is_null()) {
    ReplyError(ctx, jsonrpc::kInvalidParams, "Invalid params: arguments must be an object");
    return;
  }
  std::map<std::string, std::string> arguments;
  for (const auto& a : it->arguments) {
    const bool present = given.is_object() && given.contains(a.name) && !given[a.name].is_null();
    if (present && (!given[a.name].is_string() || given[a.name].get_ref<const std::string&>().size() > 1024)) {
      ReplyError(ctx, jsonrpc::kInvalidParams, "Invalid params: argument " + a.name + " must be a string");
      return;
    }
    if (present) arguments[a.name] = given[a.name].get<std::string>();
    if (a.required && (!present || arguments[a.name].empty())) {
      ReplyError(ctx, jsonrpc::kInvalidParams, "Invalid params: missing required argument " + a.name);
      return;
    }
  }
  json messages = json::array();
  for (auto& msg : it->handler(arguments)) {
    messages.push_back({{"role", msg.role}, {"content", {{"type", "text"}, {"text", std::move(msg.text)}}}});
  }
  json result = {{"messages", std::move(messages)}};
  if (!it->description.empty()) result["description"] = it->description;
  Reply(ctx, std::move(result));
}

void McpServer::HandleComplete(const Message& m, RequestContext& ctx) {
  const json ref = m.params.value("ref", json());
  const json argument = m.params.value("argument", json());
  if (!ref.is_object() || !ref.contains("type") || !ref["type"].is_string() || !argument.is_object() ||
      !argument.contains("name") || !argument["name"].is_string() || !argument.contains("value") ||
      !argument["value"].is_string()) {
    ReplyError(ctx, jsonrpc::kInvalidParams, "Invalid params: ref {type, ...} and argument {name, value} are required");
    return;
  }
  const std::string type = ref["type"];
  if (type != "ref/prompt" && type != "ref/resource") {
    ReplyError(ctx, jsonrpc::kInvalidParams, "Invalid params: ref.type must be ref/prompt or ref/resource");
    return;
  }
  std::vector<std::string> values;
  if (completer_) values = completer_(ref, argument["name"], argument["value"]);
  const size_t total = values.size();
  if (values.size() > 100) values.resize(100);  // the spec's maximum per answer
  Reply(ctx, {{"completion", {{"values", values}, {"total", total}, {"hasMore", total > values.size()}}}});
}

}  // namespace awsmcp::mcp
