// AWS-style percent-encoding (RFC 3986): the unreserved characters
// A-Z a-z 0-9 - _ . ~ stay, every other byte is %XX.
#pragma once

#include <string>
#include <string_view>

namespace awsmcp {

// Percent-encodes every byte except unreserved ones; '/' too unless keep_slash.
std::string UriEncode(std::string_view text, bool keep_slash = false);
// Decodes %XX; '+' as space when form is true. Invalid escapes are kept as is.
std::string UriDecode(std::string_view text, bool form = false);

}  // namespace awsmcp
