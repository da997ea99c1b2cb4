#include "aws/client.h"

#include "aws/error_hints.h"
#include "aws/protocol.h"
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
  AccessDecision access = CheckAccess(options_.access, **model, *op);
  if (!access.allowed) return std::unexpected(CallError::Local(access.code, access.message));
  return Resolved{*model, op};
}

std::expected<json, CallError> AwsClient::Call(const std::string& service, const std::string& operation,
                                               const json& params, const CallOptions& call, CallInfo* info) {
  auto resolved = Resolve(service, operation);
  if (!resolved) return std::unexpected(resolved.error());
  const models::ServiceModel& model = *resolved->model;
  const models::Operation& op = *resolved->op;

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
  CallResult result = cache_.GetOrLoad(
      key, call.refresh, [&] { return Send(*resolved, params, region, *creds, call.cancel, &attempts); }, &hit);
  if (info != nullptr) *info = CallInfo{region, hit, attempts};
  if (!result) {
    CallError e = result.error();
    std::string hint = HintFor(e, model.metadata(), op.name, region, params);
    if (!hint.empty()) e.hint = hint;
    return std::unexpected(e);
  }
  return result;
}

CallResult AwsClient::Send(const Resolved& r, const json& params, const std::string& region,
                           const Credentials& creds, const CancelToken& cancel, int* attempts) {
  const models::ServiceModel& model = *r.model;
  const Protocol& protocol = *ChooseProtocol(model.metadata());
  auto target = endpoints_(model.metadata(), region);
  if (!target) return std::unexpected(CallError::Local(kConfigError, target.error().message()));
  auto unsigned_request = protocol.BuildRequest(model, *r.op, params, target->url);
  if (!unsigned_request) return std::unexpected(CallError::FromStatus(unsigned_request.error()));
  unsigned_request->headers.emplace_back("User-Agent", options_.user_agent);

  // Each attempt is signed anew: a retried request must carry a fresh date.
  auto attempt = [&](int) -> Result<HttpResponse> {
    ++*attempts;
    HttpRequest req = *unsigned_request;
    if (!r.op->unsigned_request) {
      SigningParams how{target->signing_region, model.metadata().signing_name, env_->Now()};
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
  Result<HttpResponse> outcome = RunWithRetry<HttpResponse>(retry_, *env_, cancel, attempt, classify);
  if (!outcome) return std::unexpected(CallError::FromStatus(outcome.error()));
  if (outcome->status < 200 || outcome->status >= 300) {
    AwsError err = protocol.ParseError(*outcome);
    if (err.message.empty()) err.message = "HTTP " + std::to_string(outcome->status) + " without an error message";
    Log(LogLevel::kInfo, "aws", model.metadata().cli_name + " " + r.op->name + " -> " + err.code);
    return std::unexpected(CallError::FromAws(err));
  }
  auto output = protocol.ParseOutput(model, *r.op, *outcome);
  if (!output) return std::unexpected(CallError::Local(kInvalidResponse, output.error().message()));
  return std::move(*output);
}

}  // namespace awsmcp::aws
