// AWS answers are untrusted: any body, parsed as a real operation's output
// and as an error by each protocol, gives a value or an error, never a crash.
// The first byte picks the case; the rest is the body.
#include <cstddef>
#include <cstdint>
#include <string>

#include "aws/protocol.h"
#include "models/model_registry.h"

namespace {

struct Case {
  const char* service;
  const char* operation;
};
constexpr Case kCases[] = {{"iam", "ListRoles"},         {"ec2", "DescribeInstances"}, {"rds", "DescribeDBInstances"},
                           {"ecs", "DescribeServices"},  {"logs", "FilterLogEvents"},  {"cloudwatch", "GetMetricData"},
                           {"elbv2", "DescribeTargetHealth"}, {"secretsmanager", "ListSecrets"}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  using namespace awsmcp;
  const Case& c = kCases[data[0] % (sizeof kCases / sizeof kCases[0])];
  static models::ModelRegistry& registry = models::ModelRegistry::Embedded();
  auto model = registry.Get(c.service);
  if (!model) __builtin_trap();
  const models::Operation* op = (*model)->FindOperation(c.operation);
  if (!op) __builtin_trap();
  aws::HttpResponse response;
  response.status = (data[0] & 0x80) ? 400 : 200;
  response.body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  const aws::Protocol* p = aws::ChooseProtocol((*model)->metadata());  // as the client picks it
  if (!p) __builtin_trap();
  (void)p->ParseOutput(**model, *op, response);
  (void)p->ParseError(response);
  return 0;
}
