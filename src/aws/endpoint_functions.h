// The standard library of the endpoint rules language (Smithy rules), with
// botocore's semantics where the specification leaves room: each function
// answers null (JSON null) where the rules expect "not set".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace awsmcp::aws::endpoint_fn {

// One step of a getAttr path: a member name, or an index into an array.
struct PathStep {
  std::string name;  // "" for an index step
  int index = -1;    // >= 0 for an index step
};
// "resourceId[1]", "a.b" -> steps. nullopt when malformed.
std::optional<std::vector<PathStep>> ParsePath(std::string_view path);
// The value at `path`, or null when a step is missing or out of range.
nlohmann::json GetAttr(const nlohmann::json& value, const std::vector<PathStep>& path);

// {scheme, authority, path, normalizedPath, isIp}; null unless http(s)
// without a query and with a numeric port, if any.
nlohmann::json ParseUrl(std::string_view url);
// {partition, service, region, accountId, resourceId: [...]}; null unless
// arn:partition:service:region:account:resource with the first two and the
// resource non-empty.
nlohmann::json ParseArn(std::string_view arn);
// RFC 1123 label (1-63 letters, digits, '-', no '-' at either end); each
// dot-separated label when allow_subdomains.
bool IsValidHostLabel(std::string_view value, bool allow_subdomains);
// A bucket name usable as a host label: 3 bytes or more, lower case, not an IPv4
// address, and a valid host label.
bool IsVirtualHostableS3Bucket(std::string_view value, bool allow_subdomains);
// value[start, stop), counted from the end when reverse; nullopt when the
// range does not fit or the value is not ASCII.
std::optional<std::string> Substring(std::string_view value, int start, int stop, bool reverse);

}  // namespace awsmcp::aws::endpoint_fn
