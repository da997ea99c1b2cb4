// AwsClient: one AWS API call, end to end, driven by the service model:
//   model -> access policy -> idempotency tokens -> validation -> credentials ->
//   cache/coalesce (reads only) ->
//   endpoint -> serialize -> sign -> send with retries -> parse -> CallError.
// The access policy is checked first, so a refused call is never signed or sent.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/access_policy.h"
#include "aws/call_error.h"
#include "aws/credentials.h"
#include "aws/http.h"
#include "aws/response_cache.h"
#include "aws/retry.h"
#include "base/cancel.h"
#include "base/env.h"
#include "models/model_registry.h"

namespace awsmcp::aws {

// Where a call goes and how it is signed.
struct CallTarget {
  std::string url;             // "https://ecs.us-east-1.amazonaws.com" (no trailing slash)
  std::string signing_region;  // usually the region; us-east-1 for global endpoints
  std::string signing_name;    // "" = the model's signing name
  bool disable_double_encoding = false;  // S3: the path is encoded once when signing
  std::vector<std::pair<std::string, std::string>> headers;  // the endpoint's own headers
};

// What an endpoint is resolved for. model, operation and params are null
// outside an operation (a credentials endpoint, the doctor's report).
struct EndpointQuery {
  const models::ServiceMetadata& service;
  const std::string& region;
  const models::ServiceModel* model = nullptr;
  const models::Operation* operation = nullptr;
  const nlohmann::json* params = nullptr;  // the call's input, API member names
};
using EndpointResolverFn = std::function<Result<CallTarget>(const EndpointQuery& query)>;

struct ClientOptions {
  AccessPolicyOptions access;       // default: read-only, no secret reads
  ResponseCacheOptions cache;       // default: 30 s TTL
  RetryOptions retry;               // default: SDK standard mode (3 attempts)
  std::string default_region;       // default "": then every call must name a region
  std::string user_agent = "aws-mcp/0.1";
};

// What a call is doing, for a caller that reports progress: an attempt
// starting, a retry about to wait, a page of a paginated call read.
struct CallEvent {
  enum class Kind { kAttempt, kRetry, kPage };
  Kind kind = Kind::kAttempt;
  std::string service;    // CLI name: "ecs"
  std::string operation;  // API name: "DescribeServices"
  std::string region;
  int attempt = 0;        // kAttempt: the one starting; kRetry: the one that failed
  int max_attempts = 0;
  std::string reason;     // kRetry: "timed out", "throttled (ThrottlingException)", "HTTP 503 ..."
  std::chrono::milliseconds delay{0};  // kRetry: the wait before the next attempt
  size_t pages = 0;       // kPage: pages read so far
  size_t items = 0;       // kPage: items so far
};
// Called on the calling thread; a caller that runs calls in parallel with one
// observer must make it thread-safe. It must not block.
using CallObserver = std::function<void(const CallEvent&)>;

struct CallOptions {
  std::string region;   // "" = ClientOptions::default_region
  bool refresh = false; // bypass the cache (the fresh answer is cached)
  CancelToken cancel;   // stops the call: before an attempt, during a backoff, mid-transfer, between pages
  CallObserver observe; // empty = nobody listens
};

// Why an attempt is retried, in words for a person: "timed out",
// "connection failed", "throttled (SlowDown)", "HTTP 503 (ServiceUnavailable)".
std::string RetryReason(const Result<HttpResponse>& outcome, ErrorClass cls, const std::string& aws_code);

// What a call produced, with where it went (for hints and logs).
struct CallInfo {
  std::string region;
  bool cache_hit = false;
  int attempts = 0;
};

class AwsClient {
 public:
  // None of the pointers is owned; all must outlive the client.
  AwsClient(ClientOptions options, Env* env, HttpClient* http, CredentialsProvider* credentials,
            models::ModelRegistry* models, EndpointResolverFn endpoints);

  // Calls `operation` (API or CLI name) of `service` (CLI name) with `params`
  // (API member names). The output has the API's member names and nesting,
  // timestamps as ISO-8601 strings. Thread-safe.
  std::expected<nlohmann::json, CallError> Call(const std::string& service, const std::string& operation,
                                                const nlohmann::json& params, const CallOptions& options,
                                                CallInfo* info = nullptr);

  // Resolves a service and operation and checks the access policy, without
  // sending anything: what a call would do, for discovery and pagination.
  struct Resolved {
    std::shared_ptr<const models::ServiceModel> model;
    const models::Operation* op = nullptr;
  };
  std::expected<Resolved, CallError> Resolve(const std::string& service, const std::string& operation) const;

  const ClientOptions& options() const { return options_; }
  models::ModelRegistry& models() const { return *models_; }

 private:
  // `may_redirect`: an S3 answer naming the bucket's own region is followed
  // once, to that region (false for the followed request itself).
  CallResult Send(const Resolved& r, const nlohmann::json& params, const std::string& region,
                  const Credentials& creds, const CallOptions& call, bool retry_safe, int* attempts,
                  bool may_redirect = true);

  const ClientOptions options_;
  Env* const env_;
  HttpClient* const http_;
  CredentialsProvider* const credentials_;
  models::ModelRegistry* const models_;
  const EndpointResolverFn endpoints_;
  RetryPolicy retry_;
  ResponseCache cache_;
};

}  // namespace awsmcp::aws
