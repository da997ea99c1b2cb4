// FakeApp: the application as app/server_app.cc wires it (the real tools with
// their region fan-out and header annotations, the workflow prompts, the
// project's resource catalog and the completer), over one AwsClient whose
// HttpClient is an in-process fake answering with canned AWS answers. No
// network, no credentials or files from the machine, no sleeps: one attempt
// per call (no retry backoff) and no response cache. For the whole-server
// fuzz targets (mcp_server_fuzz, http_server_fuzz).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/credentials.h"
#include "aws/http.h"
#include "base/env.h"
#include "base/executor.h"
#include "mcp/server.h"
#include "tools/project_catalog.h"
#include "tools/project_resources.h"

namespace awsmcp::fuzz {

// The real clock for time spans (timeouts, deadlines) and randomness, a fixed
// wall clock (1800000000, the JWT test vectors' "now") so that time ranges and
// token expiry do not depend on the day, and no variables or files at all.
class FuzzEnv final : public Env {
 public:
  std::chrono::system_clock::time_point Now() override;
  std::chrono::steady_clock::time_point SteadyNow() override;
  uint64_t Random() override;
  std::optional<std::string> GetVar(std::string_view) override { return std::nullopt; }
  Result<std::string> ReadFile(const std::string& path, size_t) override;
  Result<FileStamp> StatFile(const std::string& path) override;
  std::string HomeDir() override { return ""; }
};

// Canned AWS. The operation comes from X-Amz-Target (JSON protocol) or the
// Action= of the body (query and EC2 protocols); known read operations get a
// realistic answer, others an empty one. Words anywhere in the request pick a
// failure instead, so the fuzzer reaches the error paths through the tools'
// arguments: "notfound" (400, a NotFound code), "denied" (403
// AccessDenied), "throttle" (400 ThrottlingException), "boom" (500),
// "garbage" (200 with a body that does not parse), "unreachable" (a
// transport error). Thread-safe.
class FakeAwsHttp final : public aws::HttpClient {
 public:
  Result<aws::HttpResponse> Send(const aws::HttpRequest& request, const CancelToken& cancel) override;
};

// Long-term keys that never change.
class StaticCredentials final : public aws::CredentialsProvider {
 public:
  Result<aws::Credentials> Get() override;
  std::string Name() const override { return "fuzz-static"; }
};

class FakeApp {
 public:
  FakeApp();

  // A protocol layer serving the tools, resources and prompts, as App::MakeServer does.
  std::unique_ptr<mcp::McpServer> MakeServer();
  const std::vector<mcp::Tool>& tools() const { return tools_; }
  Env* env() { return &env_; }
  const tools::ProjectResources& project() const { return project_; }

 private:
  FuzzEnv env_;
  // All tool calls, reads and fan-outs of every server made here, as App's.
  Executor executor_{ExecutorOptions{.threads = 16, .max_queued = 1024}};
  FakeAwsHttp http_;
  StaticCredentials credentials_;
  tools::ProjectResources project_;
  std::unique_ptr<aws::AwsClient> client_;
  std::unique_ptr<tools::ProjectCatalog> catalog_;
  std::vector<mcp::Tool> tools_;
  std::vector<mcp::Prompt> prompts_;
};

}  // namespace awsmcp::fuzz
