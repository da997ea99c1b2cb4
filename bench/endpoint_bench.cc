// Endpoint resolution cost per call: cached (the steady state of every AWS
// call: settings read from the environment, context values taken from the
// input, cache hit), the cache hit alone, uncached (built-ins, context and
// rule-set evaluation), and parsing a rule set. Prints microseconds.
//   build/bench/endpoint_bench [SERVICE ...]   (default: ecs s3 iam dynamodb)
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

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

int main(int argc, char** argv) {
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

  std::vector<std::string> services = {"ecs", "s3", "iam", "dynamodb"};
  if (argc > 1) services.assign(argv + 1, argv + argc);
  for (const std::string& name : services) {
    const char* svc = name.c_str();
    auto model = registry.Get(svc);
    if (!model) return std::fprintf(stderr, "%s\n", model.error().message().c_str()), 1;
    const models::Operation& op = (*model)->operations().front();
    const json input = std::string(svc) == "s3" ? json{{"Bucket", "my-bucket"}, {"Key", "k"}} : json::object();
    auto rules = load(svc);
    const int n = 20000;
    auto per_call = [&](int i) {
      const std::string region = regions[i % 5];
      auto t = aws::ResolveEndpoint(env, nullptr, aws::EndpointQuery{(*model)->metadata(), region, model->get(), &op, &input},
                                    &resolver);
      if (!t) std::abort();
    };
    MicrosPerCall(5, per_call);  // fills the cache: the rule set parse is not a per-call cost
    double cached = MicrosPerCall(n, per_call);
    const json ctx = aws::OperationContextParams(**model, op, input);
    double hit = MicrosPerCall(n, [&](int i) {
      if (!resolver.Resolve(svc, regions[i % 5], {}, ctx)) std::abort();
    });
    double uncached = MicrosPerCall(n / 10, [&](int i) {
      json values = aws::BuiltinParams(**rules, regions[i % 5], {});
      const json context = aws::OperationContextParams(**model, op, input);
      for (const auto& [k, v] : context.items()) values[k] = v;
      if (!(*rules)->Evaluate(values)) std::abort();
    });
    // The rule set's text is decompressed once per parse here too.
    double parse = MicrosPerCall(20, [&](int) {
      if (!load(svc)) std::abort();
    });
    std::printf("%-9s %-26s cached %5.2f us/call (cache hit alone %5.2f)   uncached %6.2f us/call   rule set parse %7.1f us\n",
                svc, op.name.c_str(), cached, hit, uncached, parse);
  }
  return 0;
}
