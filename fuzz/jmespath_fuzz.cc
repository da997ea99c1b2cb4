// The JMESPath parser and evaluator on any bytes: input is "expression\n
// document" (the document: JSON, or a fixed AWS-shaped answer when the rest is
// not JSON). Never a crash, a sanitizer report or an exception; every failure
// is one of the documented error kinds; an expression that compiles gives the
// same outcome each time it is searched.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/jmespath.h"
#include "base/json_depth.h"

namespace {

using nlohmann::json;

const json& Fallback() {
  static const json kDoc = json::parse(R"({
    "Reservations": [{"ReservationId": "r-1", "Instances": [
      {"InstanceId": "i-1", "InstanceType": "t3.micro", "State": {"Code": 16, "Name": "running"},
       "Tags": [{"Key": "Name", "Value": "gateway"}], "CpuOptions": {"CoreCount": 2}, "EbsOptimized": false},
      {"InstanceId": "i-2", "InstanceType": "m5.large", "State": {"Code": 80, "Name": "stopped"}, "Tags": []}]}],
    "services": [{"serviceName": "gateway", "desiredCount": 2, "events": [{"message": "steady"}]}],
    "Values": [1.5, -2, 3e10, 0], "Names": ["a", "é", ""], "Empty": {}, "Null": null
  })");
  return kDoc;
}

void CheckKind(const awsmcp::Status& status) {
  if (awsmcp::jmespath::ErrorKind(status).empty()) std::abort();  // an undocumented failure
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  std::string_view expression = input.substr(0, newline);
  json parsed;
  if (newline != std::string_view::npos) parsed = awsmcp::ParseJsonBounded(input.substr(newline + 1), 64);
  const json& document = parsed.is_discarded() || newline == std::string_view::npos ? Fallback() : parsed;

  awsmcp::jmespath::Limits limits;
  limits.max_work = 200'000;  // small, so that the fuzzer explores rather than waits
  auto compiled = awsmcp::jmespath::Expression::Compile(expression, limits);
  if (!compiled) {
    CheckKind(compiled.error());
    return 0;
  }
  auto first = compiled->Search(document);
  auto second = compiled->Search(document);
  if (first.has_value() != second.has_value()) std::abort();
  if (!first) {
    CheckKind(first.error());
    return 0;
  }
  if (*first != *second) std::abort();
  (void)first->dump(-1, ' ', false, json::error_handler_t::replace);
  return 0;
}
