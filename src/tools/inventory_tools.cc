#include "tools/inventory_tools.h"

#include <algorithm>

#include "aws/paginator.h"
#include "tools/arguments.h"
#include "tools/call_progress.h"
#include "tools/parts.h"

namespace awsmcp::tools {
namespace {

using nlohmann::json;

constexpr size_t kMaxRepositoriesShown = 50;     // described with their images in one answer
constexpr size_t kMaxRepositoriesListed = 1000;  // counted

json Images(aws::AwsClient& client, const aws::CallOptions& call, const json& repo, size_t latest) {
  std::string name = repo.value("repositoryName", "");
  json out = {{"repository", name}, {"uri", repo.value("repositoryUri", "")},
              {"scanOnPush", repo.value("imageScanningConfiguration", json::object()).value("scanOnPush", false)}};
  aws::PaginateOptions pages;
  pages.max_items = 10000;
  auto images = aws::CallPaginated(client, "ecr", "DescribeImages", {{"repositoryName", name}}, pages, call);
  if (!images) {
    out["error"] = PartError(images.error());
    return out;
  }
  json list = (*images)["imageDetails"];
  std::sort(list.begin(), list.end(), [](const json& a, const json& b) {
    return a.value("imagePushedAt", "") > b.value("imagePushedAt", "");
  });
  out["imageCount"] = list.size();
  json recent = json::array();
  for (size_t i = 0; i < list.size() && i < latest; ++i) {
    const json& d = list[i];
    json img = {{"tags", d.value("imageTags", json::array())}, {"pushedAt", d.value("imagePushedAt", "")},
                {"sizeBytes", d.value("imageSizeInBytes", 0)},
                {"digest", d.value("imageDigest", "").substr(0, 19)}};
    if (d.contains("imageScanStatus")) img["scanStatus"] = d["imageScanStatus"].value("status", "");
    if (d.contains("imageScanFindingsSummary")) {
      img["findings"] = d["imageScanFindingsSummary"].value("findingSeverityCounts", json::object());
    }
    recent.push_back(std::move(img));
  }
  out["latest"] = recent;
  return out;
}

json Events(aws::AwsClient& client, const aws::CallOptions& call, const char* service, const std::string& id,
            const char* source_type, int minutes) {
  auto out = client.Call(service, "DescribeEvents",
                         {{"SourceIdentifier", id}, {"SourceType", source_type}, {"Duration", minutes}}, call);
  if (!out) return {{"error", PartError(out.error())}};
  json events = json::array();
  for (const auto& e : (*out)["Events"]) {
    events.push_back({{"at", e.value("Date", "")}, {"message", e.value("Message", "")}});
  }
  if (events.size() > 10) events.erase(events.begin(), events.end() - 10);
  return events;
}

// "host:port", or "" while the resource has no endpoint yet.
std::string Endpoint(const json& ep) {
  std::string address = ep.value("Address", "");
  return address.empty() ? "" : address + ":" + std::to_string(ep.value("Port", 0));
}

// A part that may carry {"error": {...}} instead of its items.
constexpr char kErrorPart[] = R"json({"type": "object", "properties": {"code": {"type": "string"},
                                     "message": {"type": "string"}, "hint": {"type": "string"}}})json";

json ImagesSchema() {
  json schema = json::parse(R"json({
    "type": "object",
    "properties": {
      "repositoryCount": {"type": "integer"}, "imageCount": {"type": "integer"},
      "more": {"type": "integer", "description": "repositories found beyond the ones shown"},
      "otherRepositories": {"type": "integer",
                            "description": "with the mapped default: repositories in the account beyond the mapped ones"},
      "repositories": {"type": "array", "items": {"type": "object",
        "properties": {"repository": {"type": "string"}, "uri": {"type": "string"}, "scanOnPush": {"type": "boolean"},
                       "imageCount": {"type": "integer"},
                       "latest": {"type": "array", "items": {"type": "object",
                         "properties": {"tags": {"type": "array", "items": {"type": "string"}},
                                        "pushedAt": {"type": "string"}, "sizeBytes": {"type": "integer"},
                                        "digest": {"type": "string"}, "scanStatus": {"type": "string"},
                                        "findings": {"type": "object", "additionalProperties": {"type": "integer"}}},
                         "required": ["tags", "pushedAt", "sizeBytes"]}}},
        "required": ["repository"]}}
    },
    "required": ["repositories", "repositoryCount", "imageCount"]
  })json");
  schema["properties"]["repositories"]["items"]["properties"]["error"] = json::parse(kErrorPart);
  return schema;
}

json DataStoresSchema() {
  json schema = json::parse(R"json({
    "type": "object",
    "properties": {
      "eventWindowHours": {"type": "integer"},
      "databases": {"type": "object", "properties": {"instances": {"type": "array", "items": {"type": "object",
        "properties": {"id": {"type": "string"}, "status": {"type": "string"}, "engine": {"type": "string"},
                       "version": {"type": "string"}, "class": {"type": "string"}, "endpoint": {"type": "string"},
                       "multiAZ": {"type": "boolean"}, "storageGB": {"type": "integer"},
                       "recentEvents": {"type": ["array", "object"]}},
        "required": ["id", "status", "engine", "version", "endpoint", "multiAZ"]}}}},
      "caches": {"type": "object", "properties": {"clusters": {"type": "array", "items": {"type": "object",
        "properties": {"id": {"type": "string"}, "status": {"type": "string"}, "engine": {"type": "string"},
                       "version": {"type": "string"}, "nodeType": {"type": "string"}, "nodes": {"type": "integer"},
                       "endpoint": {"type": "string"}, "replicationGroup": {"type": "string"},
                       "recentEvents": {"type": ["array", "object"]}},
        "required": ["id", "status", "engine", "version", "endpoint"]}}}}
    },
    "required": ["databases", "caches", "eventWindowHours"]
  })json");
  schema["properties"]["databases"]["properties"]["error"] = json::parse(kErrorPart);
  schema["properties"]["caches"]["properties"]["error"] = json::parse(kErrorPart);
  return schema;
}

}  // namespace

mcp::Tool MakeImagesTool(ClientForProfile clients, ProjectResources project, Executor* executor) {
  mcp::Tool tool;
  tool.name = "aws_images";
  tool.title = "ECR image inventory";
  tool.description = "ECR repositories with their latest images: tags, pushed at, size, scan findings. "
                     "Defaults to the project's repositories.";
  tool.input_schema = json::parse(R"json({
    "type": "object",
    "properties": {
      "repositories": {"type": "array", "items": {"type": "string"},
                       "description": "repository names; [\"all\"] or [] for every repository in the region (at most 50 shown); default: the mapped repositories, or every one when none is mapped"},
      "latest": {"type": "integer", "minimum": 1, "maximum": 50, "description": "images per repository, default 3"},
      "region": {"type": "string", "description": "e.g. us-east-1; default: the server's"},
      "profile": {"type": "string", "description": "another account or role; default: the server's"}
    },
    "additionalProperties": false
  })json");
  tool.output_schema = ImagesSchema();
  tool.annotations = {.read_only = true, .destructive = false, .idempotent = true, .open_world = true};
  tool.handler = [clients, project, executor](const json& args, mcp::ToolContext& ctx) -> mcp::ToolResult {
    ArgReader in(args);
    const bool given = args.is_object() && args.contains("repositories") && !args["repositories"].is_null();
    std::vector<std::string> names = in.Strings("repositories", project.ecr);
    auto latest = in.Int("latest", 1, 50);
    std::string region = in.Region("region");
    std::string profile = in.String("profile", false, 128);
    in.RejectOthers({"repositories", "latest", "region", "profile"});
    if (!in.ok()) return ErrorResult(in.error(), "ecr", "images", region);
    if (names.size() == 1 && names[0] == "all") names.clear();  // [] and ["all"]: every repository
    const bool mapped = !given && !names.empty();
    auto client = clients(profile);
    if (!client) return ErrorResult(client.error(), "ecr", "images", region);
    aws::CallOptions call = CallOptionsFor(ctx, region);
    aws::PaginateOptions pages;
    pages.max_items = kMaxRepositoriesListed;
    auto list = [&](const std::vector<std::string>& only) {
      json params = json::object();
      if (!only.empty()) params["repositoryNames"] = json(only);
      return aws::CallPaginated(**client, "ecr", "DescribeRepositories", params, pages, call);
    };
    auto repos = list(names);
    if (!repos) return ErrorResult(repos.error(), "ecr", "images", region);
    json& found = (*repos)["repositories"];
    // Beyond the mapped ones: how many more the account has (one more list).
    std::optional<size_t> others;
    if (mapped) {
      auto all = list({});
      if (all) others = (*all)["repositories"].size() - std::min((*all)["repositories"].size(), found.size());
    }
    const size_t shown = std::min(found.size(), kMaxRepositoriesShown);
    Parts parts(executor);
    for (size_t i = 0; i < shown; ++i) {
      parts.Add([&, repo = found[i]] { return Images(**client, call, repo, static_cast<size_t>(latest.value_or(3))); });
    }
    parts.Run([&](size_t i, size_t done) {
      ctx.progress(static_cast<double>(done), static_cast<double>(shown),
                   found[i].value("repositoryName", "") + " done (" + std::to_string(done) + " of " +
                       std::to_string(shown) + " repositories)");
    });
    json out = json::array();
    size_t total = 0;
    for (size_t i = 0; i < shown; ++i) {
      out.push_back(parts.Take(i));
      total += out.back().value("imageCount", size_t{0});
    }
    mcp::ToolResult r;
    r.structured = {{"repositories", out}, {"repositoryCount", out.size()}, {"imageCount", total}};
    if (found.size() > shown) {
      r.structured["more"] = found.size() - shown;
      r.notes.push_back(std::to_string(found.size() - shown) + " more repositories not shown (at most " +
                        std::to_string(kMaxRepositoriesShown) + " at once); name them in 'repositories'.");
    }
    if (others) {
      r.structured["otherRepositories"] = *others;
      if (*others > 0) {
        r.notes.push_back("Showing the " + std::to_string(out.size()) + " mapped repositories; the account has " +
                          std::to_string(*others) + " more. repositories: [\"all\"] shows every one.");
      }
    }
    r.text = r.structured.dump(-1, ' ', false, json::error_handler_t::replace);
    return r;
  };
  return tool;
}

mcp::Tool MakeDataStoresTool(ClientForProfile clients, ProjectResources project, Executor* executor) {
  mcp::Tool tool;
  tool.name = "aws_data_stores";
  tool.title = "RDS and ElastiCache status";
  tool.description = "RDS instances and ElastiCache clusters: status, endpoint, engine and version, multi-AZ, "
                     "and recent events. Defaults to the project's databases and caches.";
  tool.input_schema = json::parse(R"json({
    "type": "object",
    "properties": {
      "databases": {"type": "array", "items": {"type": "string"}, "description": "RDS instance identifiers; default: the mapped ones, or every instance when none is mapped"},
      "caches": {"type": "array", "items": {"type": "string"}, "description": "ElastiCache cluster ids; default: the mapped ones, or every cluster when none is mapped"},
      "event_hours": {"type": "integer", "minimum": 1, "maximum": 336, "description": "hours of recent events per resource; default 24"},
      "region": {"type": "string", "description": "e.g. us-east-1; default: the server's"},
      "profile": {"type": "string", "description": "another account or role; default: the server's"}
    },
    "additionalProperties": false
  })json");
  tool.output_schema = DataStoresSchema();
  tool.annotations = {.read_only = true, .destructive = false, .idempotent = true, .open_world = true};
  tool.handler = [clients, project, executor](const json& args, mcp::ToolContext& ctx) -> mcp::ToolResult {
    ArgReader in(args);
    std::vector<std::string> dbs = in.Strings("databases", project.databases);
    std::vector<std::string> caches = in.Strings("caches", project.caches);
    int hours = static_cast<int>(in.Int("event_hours", 1, 336).value_or(24));
    std::string region = in.Region("region");
    std::string profile = in.String("profile", false, 128);
    in.RejectOthers({"databases", "caches", "event_hours", "region", "profile"});
    if (!in.ok()) return ErrorResult(in.error(), "rds", "data-stores", region);
    auto client = clients(profile);
    if (!client) return ErrorResult(client.error(), "rds", "data-stores", region);
    aws::CallOptions call = CallOptionsFor(ctx, region);
    aws::PaginateOptions pages;
    pages.max_items = 1000;

    Parts parts(executor);
    const size_t rds = parts.Add([&] {
      auto out = aws::CallPaginated(**client, "rds", "DescribeDBInstances", json::object(), pages, call);
      if (!out) return json{{"error", PartError(out.error())}};
      json items = json::array();
      for (const auto& d : (*out)["DBInstances"]) {
        std::string id = d.value("DBInstanceIdentifier", "");
        if (!dbs.empty() && std::find(dbs.begin(), dbs.end(), id) == dbs.end()) continue;
        json ep = d.value("Endpoint", json::object());
        items.push_back({{"id", id}, {"status", d.value("DBInstanceStatus", "")}, {"engine", d.value("Engine", "")},
                         {"version", d.value("EngineVersion", "")}, {"class", d.value("DBInstanceClass", "")},
                         {"endpoint", Endpoint(ep)},
                         {"multiAZ", d.value("MultiAZ", false)}, {"storageGB", d.value("AllocatedStorage", 0)},
                         {"recentEvents", Events(**client, call, "rds", id, "db-instance", hours * 60)}});
      }
      return json{{"instances", items}};
    });
    const size_t cache = parts.Add([&] {
      auto out = aws::CallPaginated(**client, "elasticache", "DescribeCacheClusters", {{"ShowCacheNodeInfo", true}},
                                    pages, call);
      if (!out) return json{{"error", PartError(out.error())}};
      json items = json::array();
      for (const auto& c : (*out)["CacheClusters"]) {
        std::string id = c.value("CacheClusterId", "");
        if (!caches.empty() && std::find(caches.begin(), caches.end(), id) == caches.end()) continue;
        json nodes = c.value("CacheNodes", json::array());
        json ep = c.value("ConfigurationEndpoint", nodes.empty() ? json::object()
                                                                  : nodes[0].value("Endpoint", json::object()));
        items.push_back({{"id", id}, {"status", c.value("CacheClusterStatus", "")}, {"engine", c.value("Engine", "")},
                         {"version", c.value("EngineVersion", "")}, {"nodeType", c.value("CacheNodeType", "")},
                         {"nodes", c.value("NumCacheNodes", 0)},
                         {"endpoint", Endpoint(ep)},
                         {"replicationGroup", c.value("ReplicationGroupId", "")},
                         {"recentEvents", Events(**client, call, "elasticache", id, "cache-cluster", hours * 60)}});
      }
      return json{{"clusters", items}};
    });
    parts.Run([&](size_t i, size_t done) {
      ctx.progress(static_cast<double>(done), 2.0, std::string(i == rds ? "databases" : "caches") + " done");
    });
    mcp::ToolResult r;
    r.structured = {{"databases", parts.Take(rds)}, {"caches", parts.Take(cache)}, {"eventWindowHours", hours}};
    r.text = r.structured.dump(-1, ' ', false, json::error_handler_t::replace);
    return r;
  };
  return tool;
}

}  // namespace awsmcp::tools
