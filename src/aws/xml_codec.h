// The rest-xml body: params of a shape written as an XML document, and an XML
// document read back into a shape, with the traits rest-xml adds (locationName,
// flattened, xmlAttribute, xmlNamespace). Members bound to the URI, query
// string, headers or status are not the body's: callers leave them out of the
// value they encode, and decoding skips them.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "models/service_model.h"

namespace awsmcp::aws {

// `value` of `shape_name` as an XML document whose root element is
// `root_name`. `root_ref` is the reference to the shape (the operation's input
// or a payload member); its xmlNamespace, or else the shape's, is declared on
// the root. Timestamps are ISO-8601 unless the model names another format.
Result<std::string> EncodeXmlBody(const models::ServiceModel& model, const std::string& shape_name,
                                  const nlohmann::json& value, const std::string& root_name,
                                  const nlohmann::json& root_ref);

// The XML document `body` read as `shape_name`, its root element standing
// for the shape, in aws-mcp's output form (timestamps ISO-8601, blobs base64,
// non-finite floats as "NaN"/"Infinity"/"-Infinity"). An empty body is an
// empty object. InvalidArgument when the body is not XML.
Result<nlohmann::json> DecodeXmlBody(const models::ServiceModel& model, const std::string& shape_name,
                                     std::string_view body);

// The ISO-8601 form botocore writes in XML and query strings: six fraction
// digits when the time has a fraction, none otherwise.
std::string Iso8601Micros(const nlohmann::json& timestamp);

// A scalar as REST text (an XML element, a URI label or query value): booleans
// as true/false, blobs base64, timestamps in the member's timestampFormat
// (ISO-8601 by default), floats as the SDKs write them.
std::string RestScalarText(const nlohmann::json& shape, const nlohmann::json& ref, const nlohmann::json& value);

}  // namespace awsmcp::aws
