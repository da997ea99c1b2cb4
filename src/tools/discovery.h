// Discovery: what a workflow tool does when it is given no resource and the
// configuration maps none. It asks the account, one bounded page per list, and
// then either takes the only candidate (saying so in its answer) or answers
// with the candidates, so that the next call can name one. The lists never
// grow past kCandidatePage names; beyond that the answer says "N more".
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "aws/client.h"
#include "mcp/tool.h"

namespace awsmcp::tools {

// Names shown in one answer; the rest are counted.
inline constexpr size_t kCandidatePage = 20;
// ECS clusters whose services are listed in one search (ListServices each).
inline constexpr size_t kClustersSearched = 10;

// What a search found. `names` is sorted and holds at most kCandidatePage;
// `more` counts the ones found beyond it. `partial` means AWS had more than
// the search read (another page, or clusters beyond kClustersSearched), so the
// total is a lower bound and a single name is not the only one.
struct Candidates {
  std::vector<std::string> names;
  size_t more = 0;
  bool partial = false;

  // Exactly one, and nothing left unread: safe to take without asking.
  bool Single() const { return names.size() == 1 && more == 0 && !partial; }
  size_t Total() const { return names.size() + more; }
};

// The ECS services of the account as "cluster/service", from ListClusters and
// ListServices. A non-empty `cluster` searches that cluster only; a non-empty
// `service` keeps only services of that name.
std::expected<Candidates, aws::CallError> FindEcsServices(aws::AwsClient& client, const aws::CallOptions& call,
                                                          const std::string& cluster, const std::string& service);

// The log groups whose names start with `prefix` ("" = all), one
// DescribeLogGroups page.
std::expected<Candidates, aws::CallError> FindLogGroups(aws::AwsClient& client, const aws::CallOptions& call,
                                                        const std::string& prefix);

// Keeps the first kCandidatePage of `names` (sorted) and counts the rest.
Candidates PageOf(std::vector<std::string> names, bool partial = false);

// "a, b, c (and 4 more)".
std::string ListText(const Candidates& c);

// The isError answer that asks for a choice: code "ChooseOne", a message
// naming `argument` and listing the candidates (or saying there are none),
// structuredContent {"error": {...}, "candidates": [...], "more": N, "partial": bool}.
// `what` is the kind in the plural ("ECS services"), `where` the region.
mcp::ToolResult ChooseOneResult(const Candidates& found, const std::string& what, const std::string& argument,
                                const std::string& service, const std::string& action, const std::string& where);

}  // namespace awsmcp::tools
