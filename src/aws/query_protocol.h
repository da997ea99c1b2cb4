// The AWS query protocol (sts, iam, rds, elasticache, elbv2, cloudwatch, ...):
// a form-encoded POST with Action and Version, answers in XML. With `ec2`, the
// EC2 flavour: member names from queryName (or the capitalised locationName),
// every list flattened and empty lists not sent; answers have no result wrapper.
#pragma once

#include "aws/protocol.h"

namespace awsmcp::aws {

class QueryProtocol final : public Protocol {
 public:
  explicit QueryProtocol(bool ec2 = false) : ec2_(ec2) {}
  Result<HttpRequest> BuildRequest(const models::ServiceModel& model, const models::Operation& op,
                                   const nlohmann::json& params, const std::string& endpoint,
                                   const RequestOptions& options = {}) const override;
  Result<nlohmann::json> ParseOutput(const models::ServiceModel& model, const models::Operation& op,
                                     const HttpResponse& response) const override;
  AwsError ParseError(const HttpResponse& response) const override;

 private:
  const bool ec2_;
};

// The form fields for params, in the protocol's naming (for tests):
// "Filters.member.1.Name=x" style keys with unencoded values, sorted by key.
Result<std::vector<std::pair<std::string, std::string>>> QueryFields(const models::ServiceModel& model,
                                                                     const models::Operation& op,
                                                                     const nlohmann::json& params,
                                                                     bool ec2 = false);

}  // namespace awsmcp::aws
