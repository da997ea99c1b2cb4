// StreamableHttp's modern era (2026-07-28): one POST, one request, no session.
#include "jsonrpc/message.h"
#include "transport/mirrored_headers.h"
#include "transport/streamable_http.h"
#include "transport/streamable_http_internal.h"

namespace awsmcp::transport {
namespace {

using nlohmann::json;

// The HTTP status of a modern answer sent as JSON, from its error code: the
// spec puts the errors a client must act on in the status, so that a client
// or proxy need not read the body to know the request was refused.
int StatusOf(const std::string& answer) {
  // The protocol layer writes objects with sorted keys, so only an error
  // starts with "error": a result (maybe megabytes) is not parsed again.
  if (!answer.starts_with(R"({"error":)")) return 200;
  json m = jsonrpc::ParseBounded(answer);
  if (!m.is_object() || !m.contains("error") || !m["error"].is_object()) return 200;
  const json& code = m["error"]["code"];
  if (!code.is_number_integer()) return 200;
  switch (code.get<int>()) {
    case jsonrpc::kMethodNotFound: return 404;
    case jsonrpc::kHeaderMismatch:
    case jsonrpc::kMissingClientCapability:
    case jsonrpc::kUnsupportedProtocolVersion: return 400;
  }
  return 200;
}

}  // namespace

HttpReply StreamableHttp::PostStateless(const HttpRequest& request) {
  if (request.body.size() > options_.max_body_bytes) {
    return RpcErrorReply(413, nullptr, jsonrpc::kInvalidRequest, "Payload Too Large");
  }
  json m;
  if (auto bad = ParseBody(request.body, &m)) return *bad;
  const bool has_method = m.contains("method") && m["method"].is_string();
  if (!has_method) return RpcErrorReply(400, nullptr, jsonrpc::kInvalidRequest, "Invalid Request: a client sends no responses");
  if (!m.contains("id")) {
    // The core protocol defines no client notification on HTTP; closing a
    // response stream is how a request is cancelled.
    HttpReply r;
    r.status = 202;
    return r;
  }
  const json id = TopLevelId(m);
  if (auto mismatch = HeaderMismatch(request, m, options_.mirrored_params)) {
    return RpcErrorReply(400, id, jsonrpc::kHeaderMismatch, "Header mismatch: " + *mismatch);
  }
  // Refused here rather than by the protocol layer, so that it is a 400: the
  // header already matched the _meta version, so only a missing field is left.
  const json params = m.contains("params") && m["params"].is_object() ? m["params"] : json::object();
  if (options_.check_modern_meta) {
    if (auto error = options_.check_modern_meta(params)) {
      return RpcErrorReply(400, id, error->code, error->message, error->data);
    }
  }

  auto exchange = std::make_shared<Exchange>();
  CancelToken cancel;
  stateless_(request.body, [exchange](const std::string& message, bool final) { exchange->Put(message, final); },
             cancel);
  const bool stream = WantsStream(request, m["method"].get<std::string>());
  HttpReply r = Answer(exchange, stream);
  if (stream) {
    r.abandoned = [cancel, exchange] {
      cancel.Cancel();  // the spec's cancellation on HTTP: the client closed the stream
      exchange->End();
    };
  } else if (r.status == 200) {
    r.status = StatusOf(r.body);
  }
  return r;
}

}  // namespace awsmcp::transport
