#include "tools/region_fanout.h"

#include <mutex>

#include "tools/arguments.h"

namespace awsmcp::tools {
namespace {

using nlohmann::json;

constexpr size_t kParallelRegions = 8;

json ErrorSchema() {
  return json::parse(R"json({"type": "object", "properties": {"error": {"type": "object"}}, "required": ["error"]})json");
}

// The tool's own schema, or the per-region form whose values are the tool's
// answers (referred to by pointer rather than copied, to keep tools/list small).
json WidenedSchema(const json& schema) {
  json per_region = {{"anyOf", {{{"$ref", "#/anyOf/0"}}, ErrorSchema()}}};
  json fanned = {{"type", "object"},
                 {"properties", {{"regions", {{"type", "object"}, {"additionalProperties", per_region}}},
                                 {"failed", {{"type", "array"}, {"items", {{"type", "string"}}}}}}},
                 {"required", {"regions", "failed"}}};
  return {{"type", "object"}, {"anyOf", {schema, fanned}}};
}

}  // namespace

RegionLister Ec2RegionLister(ClientForProfile clients) {
  return [clients](const std::string& profile,
                   CancelToken cancel) -> std::expected<std::vector<std::string>, aws::CallError> {
    auto client = clients(profile);
    if (!client) return std::unexpected(client.error());
    aws::CallOptions call;
    call.cancel = cancel;
    auto out = (*client)->Call("ec2", "DescribeRegions", json::object(), call);
    if (!out) return std::unexpected(out.error());
    std::vector<std::string> regions;
    for (const auto& r : (*out).value("Regions", json::array())) regions.push_back(r.value("RegionName", ""));
    std::sort(regions.begin(), regions.end());
    return regions;
  };
}

mcp::Tool WithRegions(mcp::Tool tool, RegionLister all_regions, size_t max_result_bytes, Executor* executor) {
  tool.input_schema["properties"]["regions"] = {
      {"type", "array"}, {"items", {{"type", "string"}}}, {"maxItems", kMaxRegions},
      {"description", "these regions at once, or [\"all\"] enabled ones"}};
  if (tool.output_schema) tool.output_schema = WidenedSchema(*tool.output_schema);
  auto single = std::move(tool.handler);
  const std::string name = tool.name;
  tool.handler = [single, all_regions, name, max_result_bytes, executor](const json& args, mcp::ToolContext& ctx) -> mcp::ToolResult {
    if (!args.contains("regions")) return single(args, ctx);
    ArgReader in(args);
    std::vector<std::string> regions = in.Strings("regions", {});
    std::string profile = in.String("profile", false, 128);
    auto invalid = [&](const std::string& why) {
      return ErrorResult(aws::CallError::Local(aws::kValidationError, why), name, "regions", "");
    };
    if (!in.ok()) return ErrorResult(in.error(), name, "regions", "");
    if (args.contains("region")) return invalid("give 'region' or 'regions', not both");
    if (args.contains("starting_token")) return invalid("starting_token belongs to one region; use 'region'");
    if (regions.size() == 1 && regions[0] == "all") {
      auto listed = all_regions(profile, ctx.cancel);
      if (!listed) {
        aws::CallError e = listed.error();
        e.message = "could not list the enabled regions (ec2 DescribeRegions): " + e.message;
        return ErrorResult(e, name, "regions", "");
      }
      regions = std::move(*listed);
    }
    if (regions.empty() || regions.size() > kMaxRegions) {
      return invalid("regions must name 1 to " + std::to_string(kMaxRegions) + " regions, or be [\"all\"]");
    }
    std::sort(regions.begin(), regions.end());
    regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
    for (const auto& r : regions) {
      if (!LooksLikeRegion(r)) return invalid("not a region name: " + r.substr(0, 64));
    }

    std::vector<mcp::ToolResult> results(regions.size());
    size_t done = 0;
    std::mutex progress_mu;
    executor->ParallelFor(regions.size(), kParallelRegions, [&](size_t i) {
      json one = args;
      one.erase("regions");
      one["region"] = regions[i];
      mcp::ToolContext sub = ctx;
      sub.progress = [](double, std::optional<double>, const std::string&) {};
      results[i] = single(one, sub);
      std::lock_guard<std::mutex> lock(progress_mu);
      ctx.progress(static_cast<double>(++done), static_cast<double>(regions.size()), regions[i] + " done");
    });

    mcp::ToolResult merged;
    json by_region = json::object(), failed = json::array();
    for (size_t i = 0; i < regions.size(); ++i) {
      mcp::ToolResult& r = results[i];
      if (r.is_error) {
        failed.push_back(regions[i]);
        json error = r.structured.contains("error") ? r.structured["error"] : json{{"message", r.text}};
        by_region[regions[i]] = {{"error", std::move(error)}};
      } else {
        by_region[regions[i]] = std::move(r.structured);
      }
      if (r.text.size() > max_result_bytes / regions.size() && !r.is_error) {
        std::string cut = CutToSize(by_region[regions[i]], max_result_bytes / regions.size());
        if (!cut.empty()) merged.notes.push_back("[" + regions[i] + "] " + cut);
      }
      for (auto& note : r.notes) merged.notes.push_back("[" + regions[i] + "] " + note);
    }
    merged.is_error = failed.size() == regions.size();
    merged.structured = {{"regions", std::move(by_region)}, {"failed", std::move(failed)}};
    if (merged.is_error) merged.text = "Every region failed: " + merged.structured.dump();
    return merged;
  };
  return tool;
}

}  // namespace awsmcp::tools
