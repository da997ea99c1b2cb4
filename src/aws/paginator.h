// Pagination over an operation's paginator (paginators-1.json), with the
// semantics of botocore's PageIterator and build_full_result(): result keys
// are concatenated across pages, `max_items` cuts at a whole item, and a result
// that stopped early carries "NextToken", a resume token in botocore's own
// encoding (so it is interchangeable with boto3's StartingToken).
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "aws/client.h"

namespace awsmcp::aws {

struct PaginateOptions {
  size_t max_items = 0;        // required, > 0: items of the first result key to return
  std::string starting_token;  // "" to start from the beginning
  size_t max_pages = 1000;     // default 1000: a bound on requests for one call
  size_t max_bytes = 0;        // default 0 (none): cut when the items' JSON exceeds this
  // Called after each page (pages so far, items so far); may be empty.
  std::function<void(size_t pages, size_t items)> on_page;
};

struct PaginateInfo {
  size_t items = 0;           // items of the primary result key returned
  bool cut_for_size = false;  // stopped by max_bytes
  std::string result_key;     // the primary result key
};

// Calls `operation` page by page. UnknownAction-class error when the operation
// does not paginate; kInvalidToken when starting_token is not one of ours.
std::expected<nlohmann::json, CallError> CallPaginated(AwsClient& client, const std::string& service,
                                                       const std::string& operation, const nlohmann::json& params,
                                                       const PaginateOptions& options, const CallOptions& call,
                                                       PaginateInfo* info = nullptr);

// A path "a.b" into a JSON object; nullptr when absent.
const nlohmann::json* FindPath(const nlohmann::json& root, const std::string& path);
// Sets "a.b" in `root`, creating objects on the way.
void SetPath(nlohmann::json& root, const std::string& path, nlohmann::json value);

}  // namespace awsmcp::aws
