#include "app/options.h"

#include <CLI/CLI.hpp>

#include "app/config_file.h"
#include "tools/arguments.h"

namespace awsmcp::app {
namespace {

// The shortest bearer token accepted, whichever source it comes from.
constexpr size_t kMinTokenLength = 16;

}  // namespace

Result<AppOptions> ParseCommandLine(int argc, char** argv, int* exit_code) {
  *exit_code = -1;
  AppOptions o;
  std::string level = "warning";
  std::string config;
  CLI::App cli{"aws-mcp: an MCP server for read-only access to AWS"};
  cli.set_version_flag("--version", "aws-mcp 0.1.0");
  cli.add_option("--config", config, "Configuration file (default: .cursor/mcp-config.json when present)");
  cli.add_option("--region", o.region, "Default AWS region");
  cli.add_option("--profile", o.profile, "AWS profile from ~/.aws/config and ~/.aws/credentials");
  cli.add_option("--cache-ttl", o.cache_ttl_seconds, "Seconds a read result is reused (0 disables)")
      ->check(CLI::Range(0, 86400));
  cli.add_option("--max-result-bytes", o.max_result_bytes,
                 "Largest tool result in bytes of JSON; larger ones are cut at a whole item")
      ->check(CLI::Range(size_t{1024}, size_t{64} << 20));
  cli.add_option("--allowed-profiles", o.allowed_profiles,
                 "Profiles a tool call may pick with \"profile\" (comma-separated; default: any)")
      ->delimiter(',');
  cli.add_option("--aws-timeout", o.aws_timeout_seconds,
                 "Seconds to wait for one AWS answer before retrying or failing (default 30)")
      ->check(CLI::Range(1, 600));
  cli.add_option("--models-dir", o.models_dir,
                 "Service models to use over the embedded ones, in botocore's layout (e.g. botocore/data)");
  cli.add_flag("--allow-write", o.allow_write, "Allow mutating AWS actions (default: read-only)");
  cli.add_flag("--allow-secret-reads", o.allow_secret_reads,
               "Allow actions that return secret or credential material");
  cli.add_option("--log-level", level, "stderr log level: debug, info, notice, warning, error, critical");
  std::string token_file;
  cli.add_option("--http", o.http, "Serve Streamable HTTP on HOST:PORT (endpoint /mcp) instead of stdio");
  cli.add_option("--http-token-file", token_file,
                 "File holding the bearer token HTTP clients must send (or set AWS_MCP_HTTP_TOKEN)");
  cli.add_option("--oauth-issuer", o.oauth_issuer, "OAuth 2.1: accept JWT access tokens from this issuer");
  cli.add_option("--oauth-audience", o.oauth_audience, "OAuth 2.1: this server's URL, the tokens' required aud");
  cli.add_option("--oauth-jwks-url", o.oauth_jwks_url, "OAuth 2.1: the issuer's JWKS (default: from its metadata)");
  cli.add_option("--oauth-scopes", o.oauth_scopes, "OAuth 2.1: scopes every token must grant (comma-separated)")
      ->delimiter(',');
  cli.add_option("--allowed-hosts", o.allowed_hosts,
                 "Host header values accepted besides the bound address, e.g. mcp.example.com (comma-separated)")
      ->delimiter(',');
  cli.add_option("--allowed-origins", o.allowed_origins,
                 "Browser origins accepted besides loopback ones, e.g. https://app.example.com (comma-separated)")
      ->delimiter(',');
  CLI::App* doctor = cli.add_subcommand("doctor", "Check credentials, region, endpoints and permissions");
  doctor->fallthrough();  // `aws-mcp doctor --profile x` takes the main options too
  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    *exit_code = cli.exit(e);
    return o;
  } catch (const CLI::CallForVersion& e) {
    *exit_code = cli.exit(e);
    return o;
  } catch (const CLI::ParseError& e) {
    return Fail(Status::InvalidArgument(e.what()));
  }
  o.doctor = doctor->parsed();
  std::set<std::string> from_flags;
  for (const char* name : {"region", "profile", "allowed-profiles", "cache-ttl", "max-result-bytes", "allow-write",
                           "allow-secret-reads"}) {
    if (cli.count(std::string("--") + name) > 0) from_flags.insert(name);
  }
  Status applied = ApplyConfigFile(*Env::Default(), config.empty() ? kDefaultConfigPath : config, !config.empty(),
                                   from_flags, &o);
  if (!applied.ok()) return Fail(applied);
  if (!token_file.empty()) {
    auto token = Env::Default()->ReadFile(token_file, 4096);
    if (!token) return Fail(Status::InvalidArgument("--http-token-file: " + token.error().message()));
    o.http_token = *token;
    while (!o.http_token.empty() && std::isspace(static_cast<unsigned char>(o.http_token.back()))) {
      o.http_token.pop_back();
    }
    if (o.http_token.size() < kMinTokenLength) {
      return Fail(Status::InvalidArgument("--http-token-file: use a token of 16+ characters"));
    }
  } else if (auto env_token = Env::Default()->GetVar("AWS_MCP_HTTP_TOKEN")) {
    o.http_token = *env_token;
    if (!o.http_token.empty() && o.http_token.size() < kMinTokenLength) {
      return Fail(Status::InvalidArgument("AWS_MCP_HTTP_TOKEN: use a token of 16+ characters"));
    }
  }
  if (!ParseLogLevel(level, &o.log_level)) return Fail(Status::InvalidArgument("unknown --log-level " + level));
  if (!o.region.empty() && !tools::LooksLikeRegion(o.region)) {
    return Fail(Status::InvalidArgument("--region " + o.region + " is not a region name like us-east-1"));
  }
  return o;
}

}  // namespace awsmcp::app
