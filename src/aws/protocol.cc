#include "aws/protocol.h"

#include <cctype>

#include "aws/json_protocol.h"
#include "aws/query_protocol.h"
#include "aws/rest_protocol.h"

namespace awsmcp::aws {

using nlohmann::json;

namespace {

// What botocore accepts in a host label: letters, digits, hyphens and periods.
bool IsHostLabel(const std::string& s) {
  if (s.empty() || s.size() > 255) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return false;
  }
  return true;
}

}  // namespace

Result<std::string> EndpointWithHostPrefix(const std::string& endpoint, const models::Operation& op,
                                           const json& params) {
  const std::string& prefix = op.host_prefix;
  if (prefix.empty()) return endpoint;
  std::string expanded;
  for (size_t pos = 0; pos < prefix.size();) {
    size_t open = prefix.find('{', pos);
    if (open == std::string::npos) {
      expanded += prefix.substr(pos);
      break;
    }
    size_t close = prefix.find('}', open);
    if (close == std::string::npos) return Fail(Status::Internal("bad hostPrefix"));
    expanded += prefix.substr(pos, open - pos);
    std::string name = prefix.substr(open + 1, close - open - 1);
    auto it = params.find(name);
    if (it == params.end() || !it->is_string() || !IsHostLabel(it->get<std::string>())) {
      // A label that is not a plain host label could send the signed request to another host.
      return Fail(Status::InvalidArgument("the member " + name + " names the host: it must be letters, digits, "
                                          "hyphens or periods"));
    }
    expanded += it->get<std::string>();
    pos = close + 1;
  }
  auto scheme = endpoint.find("://");
  if (scheme == std::string::npos) return Fail(Status::InvalidArgument("bad endpoint " + endpoint));
  return endpoint.substr(0, scheme + 3) + expanded + endpoint.substr(scheme + 3);
}


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
