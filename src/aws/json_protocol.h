// The AWS JSON protocol (awsJson1_0 / awsJson1_1): POST / with X-Amz-Target,
// a JSON body in and out, errors as {"__type": ..., "message": ...}.
#pragma once

#include "aws/protocol.h"

namespace awsmcp::aws {

class JsonProtocol final : public Protocol {
 public:
  Result<HttpRequest> BuildRequest(const models::ServiceModel& model, const models::Operation& op,
                                   const nlohmann::json& params, const std::string& endpoint,
                                   const RequestOptions& options = {}) const override;
  Result<nlohmann::json> ParseOutput(const models::ServiceModel& model, const models::Operation& op,
                                     const HttpResponse& response) const override;
  AwsError ParseError(const HttpResponse& response) const override;
};

// Shared by protocols whose bodies are JSON: the wire form of params of a
// shape (blobs base64, timestamps per timestampFormat, the member reference
// `ref` overriding the shape's). Only members present in `value` are sent.
Result<nlohmann::json> ShapeJsonInput(const models::ServiceModel& model, const std::string& shape_name,
                                      const nlohmann::json& value, int depth = 0,
                                      const nlohmann::json* ref = nullptr);

// Shared by protocols whose bodies are JSON: converts a parsed JSON body into the
// output form described in Protocol::ParseOutput, keeping only modelled members.
nlohmann::json ShapeJsonOutput(const models::ServiceModel& model, const std::string& shape_name,
                               const nlohmann::json& value, int depth = 0);

// Error code as AWS SDKs derive it from "__type" / x-amzn-ErrorType:
// "com.amazon.x#NotFound:http://..." -> "NotFound".
std::string SanitizeErrorCode(std::string_view raw);

}  // namespace awsmcp::aws
