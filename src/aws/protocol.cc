#include "aws/protocol.h"

#include "aws/json_protocol.h"
#include "aws/query_protocol.h"
#include "aws/rest_protocol.h"

namespace awsmcp::aws {

const Protocol* ProtocolFor(const std::string& protocol) {
  static const JsonProtocol json_protocol;
  static const QueryProtocol query_protocol;
  static const QueryProtocol ec2_protocol(/*ec2=*/true);
  if (protocol == "json") return &json_protocol;
  if (protocol == "query") return &query_protocol;
  static const RestProtocol rest_json_protocol(/*xml=*/false);
  static const RestProtocol rest_xml_protocol(/*xml=*/true);
  if (protocol == "ec2") return &ec2_protocol;
  if (protocol == "rest-json") return &rest_json_protocol;
  if (protocol == "rest-xml") return &rest_xml_protocol;
  return nullptr;
}

const Protocol* ChooseProtocol(const models::ServiceMetadata& service) {
  for (const auto& p : service.protocols) {
    if (p == "json") return ProtocolFor(p);
  }
  for (const auto& p : service.protocols) {
    if (const Protocol* found = ProtocolFor(p)) return found;
  }
  return nullptr;
}

}  // namespace awsmcp::aws
