#include "tools/discovery.h"

#include <algorithm>

#include "tools/aws_call_tool.h"

namespace awsmcp::tools {
namespace {

using nlohmann::json;

// The name at the end of an ECS ARN: ".../cluster/name" or ".../name".
std::string LastSegment(const std::string& arn) {
  auto slash = arn.rfind('/');
  return slash == std::string::npos ? arn : arn.substr(slash + 1);
}

// The clusters to search: the one asked for, else the first page of the account's.
std::expected<std::vector<std::string>, aws::CallError> Clusters(aws::AwsClient& client, const aws::CallOptions& call,
                                                                 const std::string& cluster, bool* partial) {
  if (!cluster.empty()) return std::vector<std::string>{cluster};
  auto listed = client.Call("ecs", "ListClusters", {{"maxResults", 100}}, call);
  if (!listed) return std::unexpected(listed.error());
  std::vector<std::string> names;
  for (const auto& arn : listed->value("clusterArns", json::array())) names.push_back(LastSegment(arn));
  std::sort(names.begin(), names.end());
  *partial = listed->contains("nextToken") || names.size() > kClustersSearched;
  if (names.size() > kClustersSearched) names.resize(kClustersSearched);
  return names;
}

}  // namespace

Candidates PageOf(std::vector<std::string> names, bool partial) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  Candidates c;
  c.partial = partial;
  if (names.size() > kCandidatePage) {
    c.more = names.size() - kCandidatePage;
    names.resize(kCandidatePage);
  }
  c.names = std::move(names);
  return c;
}

std::expected<Candidates, aws::CallError> FindEcsServices(aws::AwsClient& client, const aws::CallOptions& call,
                                                          const std::string& cluster, const std::string& service) {
  bool partial = false;
  auto clusters = Clusters(client, call, cluster, &partial);
  if (!clusters) return std::unexpected(clusters.error());
  std::vector<std::string> found;
  for (const auto& c : *clusters) {
    auto listed = client.Call("ecs", "ListServices", {{"cluster", c}, {"maxResults", 100}}, call);
    if (!listed) return std::unexpected(listed.error());
    partial = partial || listed->contains("nextToken");
    for (const auto& arn : listed->value("serviceArns", json::array())) {
      std::string name = LastSegment(arn);
      if (service.empty() || name == service) found.push_back(c + "/" + name);
    }
  }
  return PageOf(std::move(found), partial);
}

std::expected<Candidates, aws::CallError> FindLogGroups(aws::AwsClient& client, const aws::CallOptions& call,
                                                        const std::string& prefix) {
  json params = {{"limit", 50}};
  if (!prefix.empty()) params["logGroupNamePrefix"] = prefix;
  auto listed = client.Call("logs", "DescribeLogGroups", params, call);
  if (!listed) return std::unexpected(listed.error());
  std::vector<std::string> names;
  for (const auto& g : listed->value("logGroups", json::array())) names.push_back(g.value("logGroupName", ""));
  return PageOf(std::move(names), listed->contains("nextToken"));
}

std::string ListText(const Candidates& c) {
  std::string out;
  for (const auto& n : c.names) out += (out.empty() ? "" : ", ") + n;
  if (c.more > 0) out += " (and " + std::to_string(c.more) + (c.partial ? "+" : "") + " more)";
  else if (c.partial) out += " (and more)";
  return out;
}

mcp::ToolResult ChooseOneResult(const Candidates& found, const std::string& what, const std::string& argument,
                                const std::string& service, const std::string& action, const std::string& where) {
  const std::string in = where.empty() ? "" : " in " + where;
  std::string message;
  if (found.names.empty()) {
    message = "no " + what + " found" + in + "; give " + argument + " (or another region or profile)";
  } else {
    message = "give " + argument + "; " + std::to_string(found.Total()) + (found.partial ? "+ " : " ") + what +
              in + ": " + ListText(found);
  }
  mcp::ToolResult r = ErrorResult(aws::CallError::Local("ChooseOne", message), service, action, where);
  r.structured["candidates"] = found.names;
  r.structured["more"] = found.more;
  r.structured["partial"] = found.partial;
  return r;
}

}  // namespace awsmcp::tools
