// The INI dialect of the AWS shared files (~/.aws/config, ~/.aws/credentials),
// read as botocore's configloader reads it: [sections], "key = value",
// '#'/';' comment lines, and indented sub-keys under a key with an empty value
// ("s3 =\n  max_concurrent_requests = 10", or a service in [services x]).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "base/status.h"

namespace awsmcp::aws {

struct IniSection {
  std::map<std::string, std::string> values;
  std::map<std::string, std::map<std::string, std::string>> nested;  // key -> sub-keys
};

// Section name (as written inside the brackets, trimmed) -> section.
using IniFile = std::map<std::string, IniSection>;

struct IniLimits {
  size_t max_bytes = 1u << 20;   // default 1 MiB
  size_t max_line = 64 * 1024;   // default 64 KiB per line
};

// Parses `text`; errors name `source` and the line number.
Result<IniFile> ParseIni(std::string_view text, const std::string& source, const IniLimits& limits = {});

}  // namespace awsmcp::aws
