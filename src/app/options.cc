#include "app/options.h"

#include <CLI/CLI.hpp>

#include "app/config_file.h"
#include "tools/arguments.h"

namespace awsmcp::app {
namespace {

// The shortest bearer token accepted, whichever source it comes from.
constexpr size_t kMinTokenLength = 16;

constexpr char kHelpPointer[] = "\nRun aws-mcp --help for the options.";

constexpr char kFooter[] = R"(Configuration file (--config PATH, else ./.cursor/mcp-config.json), section project.aws:
  region, profile, allowedProfiles, cacheTtlSeconds, maxResultBytes, readOnly, allowSecretReads,
  services: {ecs: [{cluster, services: [...]}], ecr, secrets, logGroups, rds, elasticache,
             loadBalancers, alarms}   (each a list of names)
  Flags override the file; the file overrides the environment.

aws-mcp speaks MCP over stdin/stdout and is started by an MCP client.
Check a setup with: aws-mcp doctor [--profile NAME] [--region REGION] [--config PATH])";

constexpr char kDoctorFooter[] = R"(The main options apply too, given before or after `doctor`:
  --config PATH, --region REGION, --profile NAME, --aws-timeout SECONDS (see aws-mcp --help).

Exit status: 0 when no check failed, 1 otherwise.
--json prints one document: {"ok": bool, "summary": {checks, passed, warnings, failed, skipped},
  "elapsed_ms", "deadline_ms", "checks": [{name, status: pass|warn|fail|skip, detail, fix?}],
  "profile", "credentials", "region", "identity"} (see docs/doctor.md).)";

struct Flags {
  std::string level = "warning";
  std::string config;
  std::string token_file;
};

void AddAwsOptions(CLI::App& cli, AppOptions& o, Flags& f) {
  const char* g = "AWS";
  cli.add_option("--config", f.config, "Configuration file (default: .cursor/mcp-config.json when present)")->group(g);
  cli.add_option("--region", o.region, "Default AWS region")->group(g);
  cli.add_option("--profile", o.profile, "AWS profile from ~/.aws/config and ~/.aws/credentials")->group(g);
  cli.add_option("--allowed-profiles", o.allowed_profiles,
                 "Profiles a tool call may pick with \"profile\" (comma-separated; default: any)")
      ->delimiter(',')->group(g);
  cli.add_option("--aws-timeout", o.aws_timeout_seconds,
                 "Seconds to wait for one AWS answer before retrying or failing (default 30)")
      ->check(CLI::Range(1, 600))->group(g);
  cli.add_option("--models-dir", o.models_dir,
                 "Service models to use over the embedded ones, in botocore's layout (e.g. botocore/data)")
      ->group(g);
}

void AddLimitOptions(CLI::App& cli, AppOptions& o, Flags& f) {
  const char* g = "Limits and logging";
  cli.add_option("--cache-ttl", o.cache_ttl_seconds, "Seconds a read result is reused (0 disables)")
      ->check(CLI::Range(0, 86400))->group(g);
  cli.add_option("--max-result-bytes", o.max_result_bytes,
                 "Largest tool result in bytes of JSON; larger ones are cut at a whole item")
      ->check(CLI::Range(size_t{1024}, size_t{64} << 20))->group(g);
  cli.add_flag("--allow-write", o.allow_write, "Allow mutating AWS actions (default: read-only)")->group(g);
  cli.add_flag("--allow-secret-reads", o.allow_secret_reads,
               "Allow actions that return secret or credential material")->group(g);
  cli.add_option("--log-level", f.level, "stderr log level: " + LogLevelNames() + " (default warning)")->group(g);
}

void AddHttpOptions(CLI::App& cli, AppOptions& o, Flags& f) {
  const char* g = "Team server over HTTP";
  cli.add_option("--http", o.http, "Serve Streamable HTTP on HOST:PORT (endpoint /mcp) instead of stdio")->group(g);
  cli.add_option("--http-token-file", f.token_file,
                 "File holding the bearer token HTTP clients must send (or set AWS_MCP_HTTP_TOKEN)")->group(g);
  cli.add_option("--oauth-issuer", o.oauth_issuer, "OAuth 2.1: accept JWT access tokens from this issuer")->group(g);
  cli.add_option("--oauth-audience", o.oauth_audience, "OAuth 2.1: this server's URL, the tokens' required aud")
      ->group(g);
  cli.add_option("--oauth-jwks-url", o.oauth_jwks_url, "OAuth 2.1: the issuer's JWKS (default: from its metadata)")
      ->group(g);
  cli.add_option("--oauth-scopes", o.oauth_scopes, "OAuth 2.1: scopes every token must grant (comma-separated)")
      ->delimiter(',')->group(g);
  cli.add_option("--allowed-hosts", o.allowed_hosts,
                 "Host header values accepted besides the bound address, e.g. mcp.example.com (comma-separated)")
      ->delimiter(',')->group(g);
  cli.add_option("--allowed-origins", o.allowed_origins,
                 "Browser origins accepted besides loopback ones, e.g. https://app.example.com (comma-separated)")
      ->delimiter(',')->group(g);
}

CLI::App* AddDoctor(CLI::App& cli, AppOptions& o) {
  CLI::App* doctor = cli.add_subcommand(
      "doctor", "Check files, profile, credentials, region, identity, each service and the mapped resources");
  doctor->fallthrough();  // `aws-mcp doctor --profile x` takes the main options too
  doctor->add_option("--deadline", o.doctor_deadline_seconds,
                     "Seconds for the whole run; checks left at the deadline are skipped (default 20)")
      ->check(CLI::Range(1, 600));
  doctor->add_flag("--json", o.doctor_json, "Print one JSON document instead of lines");
  doctor->footer(kDoctorFooter);
  return doctor;
}

Status ReadToken(const std::string& token_file, AppOptions& o) {
  if (!token_file.empty()) {
    auto token = Env::Default()->ReadFile(token_file, 4096);
    if (!token) return Status::InvalidArgument("--http-token-file: " + token.error().message());
    o.http_token = *token;
    while (!o.http_token.empty() && std::isspace(static_cast<unsigned char>(o.http_token.back()))) {
      o.http_token.pop_back();
    }
    if (o.http_token.size() < kMinTokenLength) {
      return Status::InvalidArgument("--http-token-file: use a token of 16+ characters");
    }
  } else if (auto env_token = Env::Default()->GetVar("AWS_MCP_HTTP_TOKEN")) {
    o.http_token = *env_token;
    if (!o.http_token.empty() && o.http_token.size() < kMinTokenLength) {
      return Status::InvalidArgument("AWS_MCP_HTTP_TOKEN: use a token of 16+ characters");
    }
  }
  return Status::Ok();
}

std::set<std::string> FlagsGiven(const CLI::App& cli) {
  std::set<std::string> given;
  for (const char* name : {"region", "profile", "allowed-profiles", "cache-ttl", "max-result-bytes", "allow-write",
                           "allow-secret-reads"}) {
    if (cli.count(std::string("--") + name) > 0) given.insert(name);
  }
  return given;
}

}  // namespace

bool ParseLogLevelFlag(std::string_view name, LogLevel* out) {
  return ParseLogLevel(name == "warn" ? "warning" : name, out);
}

std::string LogLevelNames() {
  std::string out;
  for (int i = 0; i <= static_cast<int>(LogLevel::kEmergency); ++i) {
    const auto level = static_cast<LogLevel>(i);
    out += (out.empty() ? "" : ", ") + std::string(LogLevelName(level));
    if (level == LogLevel::kWarning) out += " (or warn)";
  }
  return out;
}

Result<AppOptions> ParseCommandLine(int argc, char** argv, int* exit_code) {
  *exit_code = -1;
  AppOptions o;
  Flags f;
  CLI::App cli{"aws-mcp: an MCP server for read-only access to AWS"};
  cli.set_version_flag("--version", "aws-mcp 0.1.0");
  AddAwsOptions(cli, o, f);
  AddLimitOptions(cli, o, f);
  AddHttpOptions(cli, o, f);
  CLI::App* doctor = AddDoctor(cli, o);
  cli.footer(kFooter);  // after AddDoctor: a subcommand copies its parent's footer when created
  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    *exit_code = cli.exit(e);
    return o;
  } catch (const CLI::CallForVersion& e) {
    *exit_code = cli.exit(e);
    return o;
  } catch (const CLI::ParseError& e) {
    return Fail(Status::InvalidArgument(e.what() + std::string(kHelpPointer)));
  }
  o.doctor = doctor->parsed();
  if (!ParseLogLevelFlag(f.level, &o.log_level)) {
    return Fail(Status::InvalidArgument("unknown --log-level " + f.level + "; valid levels: " + LogLevelNames()));
  }
  if (!o.region.empty() && !tools::LooksLikeRegion(o.region)) {
    return Fail(Status::InvalidArgument("--region " + o.region + " is not a region name like us-east-1"));
  }
  Status applied = ApplyConfigFile(*Env::Default(), f.config.empty() ? kDefaultConfigPath : f.config,
                                   !f.config.empty(), FlagsGiven(cli), &o);
  if (!applied.ok()) return Fail(applied);
  Status token = ReadToken(f.token_file, o);
  if (!token.ok()) return Fail(token);
  return o;
}

}  // namespace awsmcp::app
