// Endpoint resolution cost per call: cached (the steady state of every AWS
// call: settings read, context values taken from the input, cache hit) and
// uncached (rule-set evaluation). Prints microseconds per call.
//   build/bench/endpoint_bench
#include <chrono>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "aws/endpoint.h"
#include "aws/endpoint_resolver.h"
#include "models/model_registry.h"

using nlohmann::json;
using namespace awsmcp;

namespace {

template <typename F>
double MicrosPerCall(int n, F&& f) {
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) f(i);
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / n;
}

}  // namespace

int main() {
  models::ModelRegistry& registry = models::ModelRegistry::Embedded();
  auto partitions = aws::Partitions::Parse(json::parse(registry.Document("", "partitions.json").value_or("{}"), nullptr, false));
  if (!partitions) return std::fprintf(stderr, "%s\n", partitions.error().message().c_str()), 1;
  auto load = [&](const std::string& svc) {
    auto text = registry.Document(svc, "endpoint-rule-set-1.json");
    return aws::EndpointRuleSet::Parse(json::parse(text.value_or("{}"), nullptr, false), *partitions);
  };
  aws::EndpointResolver resolver(load, *partitions);
  Env& env = *Env::Default();
  const char* regions[] = {"us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"};

  for (const char* svc : {"ecs", "s3", "iam", "dynamodb"}) {
    auto model = registry.Get(svc);
    if (!model) return std::fprintf(stderr, "%s\n", model.error().message().c_str()), 1;
    const models::Operation& op = (*model)->operations().front();
    const json input = std::string(svc) == "s3" ? json{{"Bucket", "my-bucket"}, {"Key", "k"}} : json::object();
    auto rules = load(svc);
    const int n = 20000;
    double cached = MicrosPerCall(n, [&](int i) {
      const std::string region = regions[i % 5];
      auto t = aws::ResolveEndpoint(env, nullptr, aws::EndpointQuery{(*model)->metadata(), region, model->get(), &op, &input},
                                    &resolver);
      if (!t) std::abort();
    });
    double uncached = MicrosPerCall(n / 10, [&](int i) {
      json values = aws::BuiltinParams(**rules, regions[i % 5], {});
      for (const auto& [k, v] : aws::OperationContextParams(**model, op, input).items()) values[k] = v;
      if (!(*rules)->Evaluate(values)) std::abort();
    });
    // The rule set's text is decompressed once per parse here too.
    double parse = MicrosPerCall(20, [&](int) {
      if (!load(svc)) std::abort();
    });
    std::printf("%-9s %-28s cached %6.2f us/call   uncached %7.2f us/call   rule set parse %8.1f us\n", svc,
                op.name.c_str(), cached, uncached, parse);
  }
  return 0;
}
