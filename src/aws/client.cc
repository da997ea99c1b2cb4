#include "aws/client.h"

#include <cstdio>

#include "aws/error_hints.h"
#include "aws/protocol.h"
#include "aws/sensitive_values.h"
#include "aws/sigv4.h"
#include "base/log.h"
#include "models/validator.h"

namespace awsmcp::aws {

using nlohmann::json;

AwsClient::AwsClient(ClientOptions options, Env* env, HttpClient* http, CredentialsProvider* credentials,
                     models::ModelRegistry* models, EndpointResolverFn endpoints)
    : options_(std::move(options)),
      env_(env),
      http_(http),
      credentials_(credentials),
      models_(models),
      endpoints_(std::move(endpoints)),
      retry_(options_.retry, env),
      cache_(options_.cache, env) {}

std::expected<AwsClient::Resolved, CallError> AwsClient::Resolve(const std::string& service,
                                                                 const std::string& operation) const {
  auto model = models_->Get(service);
  if (!model) return std::unexpected(CallError::Local(kUnknownService, model.error().message()));
  const models::Operation* op = (*model)->FindOperation(operation);
  if (op == nullptr) {
    std::string msg = "unknown action '" + operation.substr(0, 128) + "' for service " + service;
    auto near = (*model)->SuggestOperations(operation);
    if (!near.empty()) {
      msg += "; did you mean: ";
      for (size_t i = 0; i < near.size(); ++i) msg += (i ? ", " : "") + near[i];
    }
    return std::unexpected(CallError::Local(kUnknownAction, msg, "aws_describe lists the service's actions."));
  }
  if ((*model)->UsesEventStream(*op)) {
    return std::unexpected(CallError::Local(
        kUnsupportedProtocol, service + " " + op->name + " needs an event stream, which aws-mcp does not speak"));
  }
  AccessDecision access = CheckAccess(options_.access, **model, *op);
  if (!access.allowed) return std::unexpected(CallError::Local(access.code, access.message));
  return Resolved{*model, op};
}

namespace {

// A version 4 UUID from `env`'s randomness, as the SDKs fill idempotency tokens.
std::string NewUuid(Env& env) {
  const uint64_t hi = (env.Random() & ~uint64_t{0xF000}) | 0x4000;             // version 4
  const uint64_t lo = (env.Random() & ~(uint64_t{3} << 62)) | (uint64_t{2} << 62);  // RFC 4122 variant
  char out[37];
  std::snprintf(out, sizeof out, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
  return out;
}

// Fills each top-level member the model marks idempotencyToken that the
// caller left out, so a retried write is applied at most once. True when the
// operation has such a member.
bool FillIdempotencyTokens(const models::ServiceModel& model, const models::Operation& op, Env& env, json& params) {
  const json* shape = model.FindShape(op.input_shape);
  if (shape == nullptr || !shape->contains("members") || !params.is_object()) return false;
  bool has_token = false;
  for (const auto& [name, ref] : (*shape)["members"].items()) {
    if (!ref.value("idempotencyToken", false)) continue;
    has_token = true;
    if (!params.contains(name)) params[name] = NewUuid(env);
  }
  return has_token;
}

// S3 and S3 Control take botocore's s3v4 flavour of SigV4.
bool SignsTheS3Way(const models::ServiceMetadata& m) {
  return m.signature_version == "s3v4" || m.signing_name == "s3" || m.signing_name == "s3-control";
}

// The region an S3 error says the bucket lives in, or "" when the answer is
// no redirect: a 301 PermanentRedirect (HEAD gives it without a body), a
// 307, or AuthorizationHeaderMalformed (signed for the wrong region), each
// naming the region in x-amz-bucket-region or the error's <Region>.
std::string BucketRegion(const models::ServiceMetadata& m, const HttpResponse& answer, const std::string& code) {
  if (m.cli_name != "s3") return "";
  const bool redirect = answer.status == 301 || answer.status == 307 || code == "PermanentRedirect" ||
                        code == "TemporaryRedirect" || code == "AuthorizationHeaderMalformed";
  if (!redirect) return "";
  std::string region = answer.Header("x-amz-bucket-region");
  if (region.empty()) {
    const size_t open = answer.body.find("<Region>");
    const size_t close = open == std::string::npos ? open : answer.body.find("</Region>", open);
    if (close != std::string::npos) region = answer.body.substr(open + 8, close - open - 8);
  }
  // Only a name shaped like a region is followed (it goes into a host name).
  const bool shaped = !region.empty() && region.size() <= 32 &&
                      region.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
  return shaped ? region : "";
}

}  // namespace

std::expected<json, CallError> AwsClient::Call(const std::string& service, const std::string& operation,
                                               const json& given_params, const CallOptions& call, CallInfo* info) {
  auto resolved = Resolve(service, operation);
  if (!resolved) return std::unexpected(resolved.error());
  const models::ServiceModel& model = *resolved->model;
  const models::Operation& op = *resolved->op;
  const bool is_write = ClassifyOperation(model, op) == AccessKind::kWrite;
  json params = given_params;
  const bool retry_safe = !is_write || FillIdempotencyTokens(model, op, *env_, params);

  Status valid = models::IssuesToStatus(models::ValidateInput(model, op.input_shape, params));
  if (!valid.ok()) {
    return std::unexpected(CallError::Local(kValidationError, valid.message(),
                                            "aws_describe shows the operation's members and their types."));
  }
  if (ChooseProtocol(model.metadata()) == nullptr) {
    return std::unexpected(CallError::Local(
        kUnsupportedProtocol, service + " uses the " + model.metadata().protocol + " protocol, not supported yet"));
  }
  const std::string region = call.region.empty() ? options_.default_region : call.region;
  if (region.empty()) {
    CallError e = CallError::Local(kConfigError, "no region configured");
    e.hint = HintFor(e, model.metadata(), op.name, region);
    return std::unexpected(e);
  }
  auto creds = op.unsigned_request ? Result<Credentials>(Credentials{}) : credentials_->Get();
  if (!creds) {
    return std::unexpected(CallError::Local(kCredentialsError, creds.error().message(),
                                            "Configure credentials: aws configure, AWS_PROFILE, or environment "
                                            "variables; see aws-mcp's README."));
  }

  int attempts = 0;
  bool hit = false;
  const std::string key = CacheKey(creds->Identity(), region, service, op.name, params);
  auto send = [&] { return Send(*resolved, params, region, *creds, call, retry_safe, &attempts); };
  // Only reads are cached or coalesced: two identical writes are two writes.
  // A write may change what any cached read says, so it drops them all.
  CallResult result = is_write ? send() : cache_.GetOrLoad(key, call.refresh, send, &hit);
  if (is_write && result) cache_.Clear();
  if (info != nullptr) *info = CallInfo{region, hit, attempts};
  if (!result) {
    CallError e = result.error();
    std::string hint = HintFor(e, model.metadata(), op.name, region, params, creds->source);
    if (!hint.empty()) e.hint = hint;
    return std::unexpected(e);
  }
  return result;
}

std::string RetryReason(const Result<HttpResponse>& outcome, ErrorClass cls, const std::string& aws_code) {
  if (!outcome) {
    if (outcome.error().code() == Code::kDeadlineExceeded) return "timed out";
    return "connection failed";
  }
  const std::string code = aws_code.empty() ? "" : " (" + aws_code + ")";
  if (cls == ErrorClass::kThrottling) return "throttled" + code;
  return "HTTP " + std::to_string(outcome->status) + code;
}

CallResult AwsClient::Send(const Resolved& r, const json& params, const std::string& region,
                           const Credentials& creds, const CallOptions& call, bool retry_safe, int* attempts,
                           bool may_redirect) {
  const CancelToken& cancel = call.cancel;
  const models::ServiceModel& model = *r.model;
  const Protocol& protocol = *ChooseProtocol(model.metadata());
  auto target = endpoints_(EndpointQuery{model.metadata(), region, &model, r.op, &params});
  if (!target) return std::unexpected(CallError::Local(kConfigError, target.error().message()));
  // S3's endpoint rules put the bucket in the URL (its host, or its path for
  // path-style addressing), so the request URI leaves "/{Bucket}" out, as
  // botocore does for every S3 operation.
  RequestOptions request_options;
  request_options.bucket_in_host = model.metadata().cli_name == "s3";
  auto unsigned_request = protocol.BuildRequest(model, *r.op, params, target->url, request_options);
  if (!unsigned_request) return std::unexpected(CallError::FromStatus(unsigned_request.error()));
  unsigned_request->headers.emplace_back("User-Agent", options_.user_agent);
  for (const auto& h : target->headers) unsigned_request->headers.push_back(h);

  auto event = [&](CallEvent::Kind kind, int n) {
    CallEvent e;
    e.kind = kind;
    e.service = model.metadata().cli_name;
    e.operation = r.op->name;
    e.region = region;
    e.attempt = n;
    e.max_attempts = retry_.options().max_attempts;
    return e;
  };
  // Each attempt is signed anew: a retried request must carry a fresh date.
  auto attempt = [&](int n) -> Result<HttpResponse> {
    ++*attempts;
    if (call.observe) call.observe(event(CallEvent::Kind::kAttempt, n));
    HttpRequest req = *unsigned_request;
    if (!r.op->unsigned_request) {
      const std::string& name = target->signing_name.empty() ? model.metadata().signing_name : target->signing_name;
      SigningParams how{target->signing_region, name, env_->Now(), SignsTheS3Way(model.metadata())};
      Status signed_ok = SignRequest(req, creds, how);
      if (!signed_ok.ok()) return Fail(signed_ok);
    }
    return http_->Send(req, cancel);
  };
  auto classify = [&](const Result<HttpResponse>& outcome) -> ErrorClass {
    if (!outcome) return ClassifyTransportError(outcome.error());
    if (outcome->status >= 200 && outcome->status < 300) return ErrorClass::kNone;
    return ClassifyHttpError(outcome->status, protocol.ParseError(*outcome).code);
  };
  // A write without an idempotency token may have been applied when the answer
  // was a timeout or a 5xx: only a throttled one (refused, not run) is retried.
  auto classify_write = [&](const Result<HttpResponse>& outcome) -> ErrorClass {
    const ErrorClass c = classify(outcome);
    return c == ErrorClass::kNone || c == ErrorClass::kThrottling ? c : ErrorClass::kClient;
  };
  RetryListener<HttpResponse> on_retry;
  if (call.observe) {
    on_retry = [&](int n, const Result<HttpResponse>& failed, ErrorClass cls, std::chrono::milliseconds delay) {
      CallEvent e = event(CallEvent::Kind::kRetry, n);
      e.reason = RetryReason(failed, cls, failed ? protocol.ParseError(*failed).code : "");
      e.delay = delay;
      call.observe(e);
    };
  }
  Result<HttpResponse> outcome =
      retry_safe ? RunWithRetry<HttpResponse>(retry_, *env_, cancel, attempt, classify, on_retry)
                 : RunWithRetry<HttpResponse>(retry_, *env_, cancel, attempt, classify_write, on_retry);
  if (!outcome) return std::unexpected(CallError::FromStatus(outcome.error()));
  if (outcome->status < 200 || outcome->status >= 300) {
    AwsError err = protocol.ParseError(*outcome);
    if (const std::string home = BucketRegion(model.metadata(), *outcome, err.code);
        may_redirect && !home.empty() && home != region) {
      Log(LogLevel::kInfo, "aws", "s3 " + r.op->name + ": the bucket is in " + home + ", not " + region + "; sent again there");
      return Send(r, params, home, creds, call, retry_safe, attempts, /*may_redirect=*/false);
    }
    if (err.message.empty()) err.message = "HTTP " + std::to_string(outcome->status) + " without an error message";
    Log(LogLevel::kInfo, "aws", model.metadata().cli_name + " " + r.op->name + " -> " + err.code);
    return std::unexpected(CallError::FromAws(err));
  }
  auto output = protocol.ParseOutput(model, *r.op, *outcome);
  if (!output) return std::unexpected(CallError::Local(kInvalidResponse, output.error().message()));
  // Withheld before the answer is cached or seen by any tool.
  if (!options_.access.allow_secret_reads) WithholdSensitive(model, *r.op, *output);
  return std::move(*output);
}

}  // namespace awsmcp::aws
