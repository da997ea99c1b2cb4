// URLs as the AWS signer sees them.
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


}  // namespace awsmcp::aws
