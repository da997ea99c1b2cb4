#include "aws/protocol.h"

#include "aws/json_protocol.h"

namespace awsmcp::aws {

const Protocol* ProtocolFor(const std::string& protocol) {
  static const JsonProtocol json_protocol;
  if (protocol == "json") return &json_protocol;
  return nullptr;
}

}  // namespace awsmcp::aws
