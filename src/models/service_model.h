// ServiceModel: one AWS service's model (botocore's service-2.json and
// paginators-1.json), read-only after Parse. The runtime interprets it; no
// code is written per operation.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace awsmcp::models {

using nlohmann::json;

struct ServiceMetadata {
  std::string cli_name;         // "ecs", "logs": what users type
  std::string service_id;       // "ECS", "CloudWatch Logs": AWS_ENDPOINT_URL_<ID>
  std::string endpoint_prefix;  // host label: "ecs", "logs"
  std::string signing_name;     // SigV4 service name
  std::string protocol;         // "json", "query", "rest-json", ...
  std::vector<std::string> protocols;  // every protocol the service speaks, preferred first
  std::string json_version;     // "1.0" / "1.1" for json
  std::string target_prefix;    // X-Amz-Target prefix for json
  std::string api_version;
  std::string global_endpoint;  // e.g. "iam.amazonaws.com", "" if regional
  bool query_compatible = false;  // awsQueryCompatible: JSON wire, query-era error codes
  std::string signature_version;  // "v4", or "s3v4" for S3's flavour of SigV4
};

struct Operation {
  std::string name;           // API form: "DescribeServices"
  std::string input_shape;    // "" when the operation takes no input
  std::string output_shape;   // "" when it returns nothing
  std::string result_wrapper; // query protocol: element wrapping the output
  std::string documentation;  // first sentence
  std::string http_method;    // rest protocols: "GET", "PUT", ...
  std::string request_uri;    // rest protocols: "/{Bucket}/{Key+}?tagging"
  std::string host_prefix;    // endpoint trait: "{AccountId}." prepended to the host, "" when none
  std::string input_xml_name;  // rest-xml: root element of the input body (the input's locationName)
  json input_xml_namespace;    // rest-xml: the input's xmlNamespace ({"uri": ...}), null when none
  bool checksum_required = false;  // httpChecksumRequired / requestChecksumRequired: send Content-MD5
  bool event_stream = false;       // input or output carries an event stream
  bool readonly_trait = false;  // the model's own "readonly": true
  bool unsigned_request = false;  // "auth": ["smithy.api#noAuth"] (e.g. AssumeRoleWithWebIdentity)
  // staticContextParams: endpoint rule parameter -> value (null when none).
  nlohmann::json static_context_params;
};

// botocore paginator config for one operation.
struct Paginator {
  std::vector<std::string> input_tokens;
  std::vector<std::string> output_tokens;  // JMESPath-lite: "a" or "a.b"
  std::vector<std::string> result_keys;
  std::vector<std::string> non_aggregate_keys;  // kept from the first page
  std::string limit_key;     // "" when none
  std::string more_results;  // "" when none
};

class ServiceModel {
 public:
  // Parses the two model documents. service_json is required; paginators_json
  // may be empty. Shapes are only indexed here: each is parsed on its first
  // FindShape, so the first use of a large model (ec2: 4,000 shapes) costs
  // one scan of the text, and memory holds the text plus the shapes used.
  static Result<std::shared_ptr<const ServiceModel>> Parse(std::string cli_name, std::string service_json,
                                                           std::string_view paginators_json);

  const ServiceMetadata& metadata() const { return metadata_; }
  // Operation by API name ("DescribeServices") or CLI name ("describe-services");
  // nullptr when unknown.
  const Operation* FindOperation(std::string_view name) const;
  // All operations, sorted by API name.
  const std::vector<Operation>& operations() const { return operations_; }
  // A shape's definition (botocore form); nullptr when unknown or when its
  // text does not parse. Thread-safe; the pointer lives as long as the model.
  const json* FindShape(std::string_view name) const;
  // True when the operation's input or output carries an event stream
  // (asked per call: computing it at parse would parse every shape).
  bool UsesEventStream(const Operation& op) const;
  // Paginator for an operation; nullptr when it does not paginate.
  const Paginator* FindPaginator(std::string_view operation) const;
  // Up to `limit` operation names close to `name` (for "did you mean").
  std::vector<std::string> SuggestOperations(std::string_view name, size_t limit = 5) const;

 private:
  ServiceMetadata metadata_;
  std::vector<Operation> operations_;
  std::vector<std::string> normalized_names_;  // NormalizeOperationName of each operation, same order
  // One shape: its text in text_, parsed once on first use.
  struct ShapeSlot {
    std::string_view raw;
    std::once_flag parsed;
    json value;
  };
  std::string text_;                         // the service-2 document; shapes point into it
  std::vector<std::string> shape_names_;     // sorted
  std::unique_ptr<ShapeSlot[]> shapes_;      // same order as shape_names_
  // True when a member of the structure `shape_name` is an event stream.
  bool HasEventStream(const std::string& shape_name) const;
  std::vector<std::pair<std::string, Paginator>> paginators_;  // sorted by name
};

// "describe-services", "describe_services", "DescribeServices" -> "describeservices".
std::string NormalizeOperationName(std::string_view name);

}  // namespace awsmcp::models
