// Protocol: how one AWS wire protocol turns validated params into an
// (unsigned) HTTP request and an HTTP answer into the operation's output or an
// AwsError. One implementation per protocol, all driven by the service model.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "aws/aws_error.h"
#include "aws/http.h"
#include "base/status.h"
#include "models/service_model.h"

namespace awsmcp::aws {

// How a request is laid out beyond what the model says; the endpoint (rules)
// decides it, the protocols that have nothing to adapt ignore it.
struct RequestOptions {
  // S3's virtual-hosted addressing: the endpoint's host carries the bucket, so
  // "/{Bucket}" is left out of the request URI (as botocore drops it).
  bool bucket_in_host = false;
};

class Protocol {
 public:
  virtual ~Protocol() = default;
  // Request for `params` (already validated) to `endpoint` ("https://host[:port]"
  // with an optional base path).
  virtual Result<HttpRequest> BuildRequest(const models::ServiceModel& model, const models::Operation& op,
                                           const nlohmann::json& params, const std::string& endpoint,
                                           const RequestOptions& options = {}) const = 0;
  // Output of a 2xx answer, shaped by the output shape: member names as the API
  // names them, timestamps as ISO-8601 strings, blobs as base64 strings.
  // InvalidArgument when the body does not parse.
  virtual Result<nlohmann::json> ParseOutput(const models::ServiceModel& model, const models::Operation& op,
                                             const HttpResponse& response) const = 0;
  // The error in a non-2xx answer. Never fails: unparsable bodies give a code
  // derived from the HTTP status.
  virtual AwsError ParseError(const HttpResponse& response) const = 0;
};

// `endpoint` with the operation's hostPrefix ("{AccountId}.") put before its
// host, labels filled from the params' hostLabel members; `endpoint` itself
// when the operation has none. InvalidArgument when a label's member is
// missing or empty.
Result<std::string> EndpointWithHostPrefix(const std::string& endpoint, const models::Operation& op,
                                           const nlohmann::json& params);

// The protocol implementation for a protocol name, or nullptr when aws-mcp
// does not speak it yet.
const Protocol* ProtocolFor(const std::string& protocol);

// The protocol to use for a service: JSON when the model offers it (smaller,
// faster to parse than XML), else the first of the model's protocols that
// aws-mcp speaks; nullptr when none.
const Protocol* ChooseProtocol(const models::ServiceMetadata& service);

}  // namespace awsmcp::aws
