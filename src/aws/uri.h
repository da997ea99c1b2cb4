// URLs as the AWS signer sees them, and AWS-style percent-encoding
// (RFC 3986 unreserved characters A-Z a-z 0-9 - _ . ~ stay; all else is %XX).
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace awsmcp::aws {

struct Url {
  std::string scheme;  // "https"
  std::string host;    // "ecs.us-east-1.amazonaws.com" (no brackets for IPv6 literals kept as given)
  int port = 0;        // 0 when not given
  std::string path;    // "/" when empty
  std::string query;   // raw, without '?'
  // "host" or "host:port" when the port is not the scheme's default.
  std::string HostHeader() const;
};

// Parses an absolute http(s) URL. InvalidArgument for anything else.
Result<Url> ParseUrl(std::string_view url);

// Percent-encodes every byte except unreserved ones; '/' too unless keep_slash.
std::string UriEncode(std::string_view text, bool keep_slash = false);
// Decodes %XX; '+' as space when form is true. Invalid escapes are kept as is.
std::string UriDecode(std::string_view text, bool form = false);

}  // namespace awsmcp::aws
