// AppOptions: everything the command line (and later a config file) sets.
// Parsed once at start-up; each field documents its default.
#pragma once

#include <string>
#include <vector>

#include "base/log.h"
#include "base/status.h"
#include "tools/project_resources.h"

namespace awsmcp::app {

using tools::EcsServiceRef;
using tools::ProjectResources;

struct AppOptions {
  std::string region;               // default "": AWS_REGION, AWS_DEFAULT_REGION, the profile's region
  std::string profile;              // default "": AWS_PROFILE, then "default"
  std::string profile_origin = "--profile";  // where `profile` came from, for doctor
  int cache_ttl_seconds = 30;       // default 30; 0 disables the cache
  size_t max_result_bytes = 256 * 1024;  // default 256 KiB of JSON per tool result
  int aws_timeout_seconds = 30;     // default 30: the longest wait for one AWS answer (per attempt)
  bool allow_write = false;         // default false: read-only
  bool allow_secret_reads = false;  // default false: no secret values to the model
  LogLevel log_level = LogLevel::kWarning;  // default warning (stderr)
  std::vector<std::string> allowed_profiles;  // default empty: any profile in the shared files; "*" too
  std::string region_origin = "--region";  // where `region` came from, for doctor
  std::string config_path;          // default "": .cursor/mcp-config.json when present
  std::string models_dir;           // default "": only the embedded models; else newer/extra ones in botocore's layout
  ProjectResources project;         // default empty
  bool doctor = false;              // default false: `aws-mcp doctor` runs the checks instead of serving
  int doctor_deadline_seconds = 20; // default 20: doctor's whole run; what is left at the deadline is skipped
  bool doctor_json = false;         // default false: doctor writes text lines, not one JSON document
  // Streamable HTTP (a team's shared server) instead of stdio.
  std::string http;                 // default "": stdio; "HOST:PORT" serves http://HOST:PORT/mcp
  std::string http_token;           // default "": no authentication; from --http-token-file or AWS_MCP_HTTP_TOKEN
  std::string oauth_issuer;         // default "": no OAuth; else tokens are JWTs from this issuer
  std::string oauth_audience;       // default "": required with oauth_issuer (this server's URL)
  std::string oauth_jwks_url;       // default "": discovered from the issuer's metadata
  std::vector<std::string> oauth_scopes;     // default none: scopes every token must grant
  std::vector<std::string> allowed_hosts;    // default empty: only the bound address and loopback names
  std::vector<std::string> allowed_origins;  // default empty: only loopback origins
};

// Parses argv. On --help/--version prints to stdout and sets *exit_code;
// on a bad flag or configuration file returns InvalidArgument with the whole
// message to print (a flag error ends with the pointer to --help; a file
// error names the file, line and column instead).
Result<AppOptions> ParseCommandLine(int argc, char** argv, int* exit_code);

// Log level names as --log-level takes them: the syslog set MCP uses, and
// "warn" for warning. False when unknown.
bool ParseLogLevelFlag(std::string_view name, LogLevel* out);
// "debug, info, notice, warning (or warn), error, critical, alert, emergency".
std::string LogLevelNames();

}  // namespace awsmcp::app
