#include "app/server_app.h"

#include "aws/client.h"
#include "aws/credentials_chain.h"
#include "aws/curl_http_client.h"
#include "aws/endpoint.h"
#include "aws/region.h"
#include "aws/shared_config.h"
#include "mcp/server.h"
#include "models/model_registry.h"
#include "tools/aws_call_tool.h"
#include "tools/aws_describe_tool.h"
#include "transport/stdio_transport.h"

namespace awsmcp::app {

namespace {

constexpr char kInstructions[] =
    "Read-only access to AWS. Use aws_describe to find a service's actions and their params, then aws_call. "
    "Answers are the AWS API's own JSON. Results are cached for a short time; pass refresh=true for fresh data.";

}  // namespace

int RunStdioServer(const AppOptions& options) {
  SetStderrLogLevel(options.log_level);
  Env* env = Env::Default();
  aws::SharedConfigCache config(env, options.profile);

  // A broken config file is reported at start and again on each call.
  std::string region = options.region;
  if (auto cfg = config.Get(); cfg) {
    auto r = aws::ResolveRegion(*env, options.region, cfg->get());
    if (r) region = r->region;
    else Log(LogLevel::kError, "config", r.error().message());
  } else {
    Log(LogLevel::kError, "config", cfg.error().message());
  }

  aws::CurlHttpClient http;
  auto credentials = aws::MakeDefaultCredentialsProvider(env, &config, !options.profile.empty());
  aws::ClientOptions client_options;
  client_options.access.allow_write = options.allow_write;
  client_options.access.allow_secret_reads = options.allow_secret_reads;
  client_options.cache.ttl = std::chrono::seconds(options.cache_ttl_seconds);
  client_options.default_region = region;
  aws::AwsClient client(client_options, env, &http, credentials.get(), &models::ModelRegistry::Embedded(),
                        [env, &config](const models::ServiceMetadata& service, const std::string& r) {
                          auto cfg = config.Get();
                          return aws::ResolveEndpoint(*env, cfg ? cfg->get() : nullptr, service, r);
                        });

  mcp::ServerOptions server_options;
  server_options.instructions = kInstructions;
  mcp::McpServer server(server_options);
  server.AddTool(tools::MakeAwsCallTool(&client, {.max_result_bytes = options.max_result_bytes}));
  server.AddTool(tools::MakeAwsDescribeTool(&client));

  transport::StdioTransport stdio;
  Status s = server.Serve(stdio);
  if (!s.ok()) {
    Log(LogLevel::kError, "mcp", s.ToString());
    return 1;
  }
  return 0;
}

}  // namespace awsmcp::app
