#include "app/server_app.h"

#include <atomic>
#include <csignal>
#include <cstdio>

#include "app/http_auth.h"
#include "app/http_listener.h"
#include "aws/curl_http_client.h"
#include "app/profile_clients.h"
#include "mcp/server.h"
#include "tools/aws_call_tool.h"
#include "tools/aws_describe_tool.h"
#include "tools/header_params.h"
#include "tools/inventory_tools.h"
#include "tools/logs_tool.h"
#include "tools/metrics_tool.h"
#include "tools/project_catalog.h"
#include "tools/region_fanout.h"
#include "tools/service_health_tool.h"
#include "tools/workflow_prompts.h"
#include "transport/stdio_transport.h"
#include "transport/streamable_http.h"

namespace awsmcp::app {

namespace {

constexpr char kInstructions[] =
    "Access to AWS. For the common questions use one workflow tool: aws_service_health (is an ECS "
    "service healthy), aws_logs (recent errors, search, Logs Insights), aws_metrics, aws_images (ECR), "
    "aws_data_stores (RDS, ElastiCache). For anything else use aws_describe to find an action's params, then "
    "aws_call; its answers are the AWS API's own JSON. `regions` runs a read in several regions at once. "
    "Results are cached for a short time; pass refresh=true to aws_call for fresh data.";

// Threads for all tool calls and their fan-outs, across every session.
constexpr size_t kWorkThreads = 16;

// What every session serves: the tools, resources and prompts, over shared AWS clients.
class App {
 public:
  explicit App(const AppOptions& options)
      : options_(options), clients_(options, Env::Default()),
        catalog_(&clients_.default_stack().client(), options.project) {
    const tools::ClientForProfile for_profile = [this](const std::string& p) { return clients_.For(p); };
    const tools::RegionLister all_regions = tools::Ec2RegionLister(for_profile);
    const size_t cap = options.max_result_bytes;
    Executor* const ex = &executor_;
    const tools::AwsCallOptions call_options{
        .max_result_bytes = cap, .allow_write = options.allow_write, .allow_secret_reads = options.allow_secret_reads};
    tools_.push_back(tools::WithRegions(tools::MakeAwsCallTool(for_profile, call_options), all_regions, cap, ex));
    tools_.push_back(tools::MakeAwsDescribeTool(&clients_.default_stack().client()));
    tools_.push_back(tools::MakeServiceHealthTool(for_profile, Env::Default(), options.project, ex));
    tools_.push_back(tools::WithRegions(tools::MakeImagesTool(for_profile, options.project, ex), all_regions, cap, ex));
    tools_.push_back(
        tools::WithRegions(tools::MakeDataStoresTool(for_profile, options.project, ex), all_regions, cap, ex));
    tools_.push_back(tools::MakeLogsTool(for_profile, Env::Default(), options.project));
    tools_.push_back(tools::WithRegions(tools::MakeMetricsTool(for_profile, Env::Default(), options.project),
                                        all_regions, cap, ex));
    for (auto& tool : tools_) tools::MarkHeaderParams(tool);
    prompts_ = tools::MakeWorkflowPrompts(options.project);
  }

  const std::vector<mcp::Tool>& tools() const { return tools_; }

  // A protocol layer serving this app's tools, resources and prompts.
  std::unique_ptr<mcp::McpServer> MakeServer() {
    mcp::ServerOptions server_options;
    server_options.instructions = std::string(options_.allow_write ? "Writes are allowed (--allow-write). "
                                                                   : "Read-only: changes are refused. ") +
                                  kInstructions;
    server_options.read_ttl = std::chrono::seconds(options_.cache_ttl_seconds);
    auto server = std::make_unique<mcp::McpServer>(server_options, &executor_);
    for (const auto& tool : tools_) server->AddTool(tool);
    for (const auto& prompt : prompts_) server->AddPrompt(prompt);
    server->SetResources(&catalog_);
    server->SetCompleter([this](const nlohmann::json&, const std::string& argument, const std::string& value) {
      return tools::CompleteFromProject(options_.project, argument, value);
    });
    return server;
  }

  // Serves one connection (stdio, or one legacy HTTP session) until its transport ends.
  Status Serve(transport::Transport& transport) { return MakeServer()->Serve(transport); }

 private:
  const AppOptions options_;
  // All concurrent work of every connection: tool calls, reads, fan-outs.
  Executor executor_{ExecutorOptions{.threads = kWorkThreads, .max_queued = 1024}};
  ProfileClients clients_;
  tools::ProjectCatalog catalog_;
  std::vector<mcp::Tool> tools_;
  std::vector<mcp::Prompt> prompts_;
};

// HTTP requests served at once; each may wait for a tool call to finish.
constexpr size_t kHttpWorkers = 64;

std::atomic<bool> g_stop{false};
void OnSignal(int) { g_stop = true; }

}  // namespace

Status ServeSession(const AppOptions& options, transport::Transport& transport) {
  App app(options);
  return app.Serve(transport);
}

int RunStdioServer(const AppOptions& options) {
  SetStderrLogLevel(options.log_level);
  App app(options);
  transport::StdioTransport stdio;
  Status s = app.Serve(stdio);
  if (!s.ok()) {
    Log(LogLevel::kError, "mcp", s.ToString());
    return 1;
  }
  return 0;
}

int RunHttpServer(const AppOptions& options) {
  SetStderrLogLevel(options.log_level);
  auto address = ParseListenAddress(options.http);
  if (!address) {
    std::fprintf(stderr, "aws-mcp: %s\n", address.error().message().c_str());
    return 2;
  }
  if (!IsLoopbackAddress(address->host) && options.http_token.empty() && options.oauth_issuer.empty()) {
    std::fprintf(stderr, "aws-mcp: refusing to serve %s without authentication: set --http-token-file, "
                         "AWS_MCP_HTTP_TOKEN or --oauth-issuer, or bind 127.0.0.1\n", options.http.c_str());
    return 2;
  }
  App app(options);
  transport::StreamableHttpOptions http;
  if (!options.oauth_issuer.empty()) {
    if (!options.http_token.empty()) {
      std::fprintf(stderr, "aws-mcp: give a bearer token or OAuth, not both\n");
      return 2;
    }
    OAuthOptions oauth{.issuer = options.oauth_issuer, .audience = options.oauth_audience,
                       .jwks_url = options.oauth_jwks_url, .scopes = options.oauth_scopes};
    auto authorizer = OAuthAuthorizer(oauth, Env::Default(), std::make_shared<aws::CurlHttpClient>());
    if (!authorizer) {
      std::fprintf(stderr, "aws-mcp: %s\n", authorizer.error().message().c_str());
      return 2;
    }
    http.authorize = std::move(*authorizer);
    http.resource_metadata = ResourceMetadata(oauth);
    auto slash = options.oauth_audience.find('/', options.oauth_audience.find("://") + 3);
    http.resource_metadata_url = options.oauth_audience.substr(0, slash) + "/.well-known/oauth-protected-resource";
  } else if (!options.http_token.empty()) {
    http.authorize = StaticTokenAuthorizer(options.http_token);
  }
  http.allowed_origins = options.allowed_origins;
  http.allowed_hosts = options.allowed_hosts;
  http.legacy_versions = mcp::LegacyVersions();
  http.modern_versions = mcp::ModernVersions();
  http.check_modern_meta = mcp::CheckModernMeta;
  for (const auto& tool : app.tools()) http.mirrored_params[tool.name] = transport::FindMirroredParams(tool.input_schema);
  // Stateless requests share one protocol layer and its pool of workers.
  std::unique_ptr<mcp::McpServer> stateless = app.MakeServer();
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::unique_ptr<transport::StreamableHttp> handler;
  auto on_bound = [&](int port) {
    // The Host header must name this server: its address or a loopback name with
    // its port, or one of --allowed-hosts (a load balancer's name).
    const std::string p = ":" + std::to_string(port);
    std::string host = address->host.find(':') != std::string::npos ? "[" + address->host + "]" : address->host;
    for (const std::string& h : {host, std::string("localhost"), std::string("127.0.0.1"), std::string("[::1]")}) {
      http.allowed_hosts.push_back(h + p);
    }
    for (auto& h : http.allowed_hosts) {
      for (auto& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    handler = std::make_unique<transport::StreamableHttp>(
        http, Env::Default(), [&app](transport::SessionTransport& t) { (void)app.Serve(t); },
        [&stateless](const std::string& message, mcp::Sink out, CancelToken cancel) {
          stateless->HandleStateless(message, std::move(out), std::move(cancel));
        });
    std::fprintf(stderr, "aws-mcp: serving MCP on http://%s:%d/mcp\n", host.c_str(), port);
    return handler.get();
  };
  // Requests read whole wait here for a worker; slow clients never hold one.
  Executor http_workers({.threads = kHttpWorkers, .max_queued = 4 * kHttpWorkers});
  Status s = ListenHttp(*address, ListenerOptions{}, &http_workers, on_bound, [] { return g_stop.load(); });
  handler.reset();  // ends every session, waiting for calls in flight
  if (!s.ok()) {
    std::fprintf(stderr, "aws-mcp: %s\n", s.message().c_str());
    return 2;
  }
  return 0;
}

}  // namespace awsmcp::app
