// The AWS REST protocols, rest-json (lambda, eks, apigateway, ...) and
// rest-xml (s3, route53, cloudfront, s3control). Both share the HTTP binding
// of the model's traits: members go to URI labels (greedy `{Key+}` keeps its
// slashes), the query string (lists repeat their key, maps add their keys),
// headers, prefixed header maps (`x-amz-meta-*`), the host (hostPrefix with
// hostLabel members) or the body; a `payload` member is the whole body (a blob
// or string as is, a structure encoded). Answers take members from headers,
// the status code and the body. Only the body's encoding differs: JSON, or XML
// (xml_codec.h).
#pragma once

#include "aws/protocol.h"

namespace awsmcp::aws {

class RestProtocol final : public Protocol {
 public:
  explicit RestProtocol(bool xml) : xml_(xml) {}
  Result<HttpRequest> BuildRequest(const models::ServiceModel& model, const models::Operation& op,
                                   const nlohmann::json& params, const std::string& endpoint,
                                   const RequestOptions& options = {}) const override;
  // As Protocol::ParseOutput, except that a blob or string payload (S3
  // GetObject's Body) is the body itself: as text when it is UTF-8, base64
  // otherwise.
  Result<nlohmann::json> ParseOutput(const models::ServiceModel& model, const models::Operation& op,
                                     const HttpResponse& response) const override;
  // rest-json: the code from x-amzn-errortype (":..." cut), else the body's
  // code/Code/__type. rest-xml: <ErrorResponse><Error> or S3's bare <Error>.
  AwsError ParseError(const HttpResponse& response) const override;

 private:
  const bool xml_;
};

// True when `text` is valid UTF-8 (what the answer may show as text).
bool IsUtf8(std::string_view text);

}  // namespace awsmcp::aws
