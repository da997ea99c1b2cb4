// credential_process: runs the profile's command and reads credentials from
// its standard output (the AWS CLI's documented JSON, Version 1). The command
// is split into words as botocore splits it (POSIX shell quoting, no shell:
// no ;, |, $ or globbing) and run in a process group of its own, bounded in
// time (the whole group is killed then) and output; its stderr is discarded
// (helpers print tokens there) and its stdin is /dev/null (no prompts).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/credentials.h"

namespace awsmcp::aws {

struct ProcessOptions {
  std::chrono::milliseconds timeout{60000};  // default 60 s (a login helper may open a browser)
  size_t max_output = 64 * 1024;             // default 64 KiB
};

// `command` split into words as Python's shlex.split does; nullopt for an
// unclosed quote or a trailing backslash.
std::optional<std::vector<std::string>> SplitCommand(std::string_view command);

// Runs `command`; the credentials it prints, or Unauthenticated naming the
// profile (never the output).
Result<Credentials> RunCredentialProcess(const std::string& command, const std::string& profile,
                                         const ProcessOptions& options = {});

}  // namespace awsmcp::aws
