// Endpoint resolution cost per call: cached (the steady state of every AWS
// call: settings read, context values taken from the input, cache hit) and
// uncached (rule-set evaluation). Prints microseconds per call.
//   build/bench/endpoint_bench [BOTOCORE_DATA_DIR]
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "aws/endpoint.h"
#include "aws/endpoint_resolver.h"
#include "models/service_model.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace awsmcp;

namespace {

std::string ReadGz(const fs::path& p) {
  gzFile f = gzopen(p.c_str(), "rb");
  std::string out;
  if (f == nullptr) return out;
  char buf[65536];
  for (int n; (n = gzread(f, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  gzclose(f);
  return out;
}

fs::path Newest(const fs::path& data, const std::string& svc, const std::string& file) {
  std::string newest;
  for (const auto& e : fs::directory_iterator(data / svc)) {
    if (e.is_directory() && e.path().filename().string() > newest) newest = e.path().filename().string();
  }
  fs::path p = data / svc / newest / file;
  return fs::exists(p) ? p : fs::path(p.string() + ".gz");
}

template <typename F>
double MicrosPerCall(int n, F&& f) {
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) f(i);
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / n;
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path data = argc > 1 ? fs::path(argv[1]) : fs::path(AWSMCP_BOTOCORE_DATA);
  auto partitions = aws::Partitions::Parse(json::parse(ReadGz(data / "partitions.json")));
  if (!partitions) return std::fprintf(stderr, "%s\n", partitions.error().message().c_str()), 1;
  auto load = [&](const std::string& svc) {
    return aws::EndpointRuleSet::Parse(json::parse(ReadGz(Newest(data, svc, "endpoint-rule-set-1.json")), nullptr, false),
                                       *partitions);
  };
  aws::EndpointResolver resolver(load, *partitions);
  Env& env = *Env::Default();
  const char* regions[] = {"us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"};

  for (const char* svc : {"ecs", "s3", "iam", "dynamodb"}) {
    auto model = models::ServiceModel::Parse(svc, ReadGz(Newest(data, svc, "service-2.json")), "");
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
    double parse = MicrosPerCall(20, [&](int) {
      if (!load(svc)) std::abort();
    });
    std::printf("%-9s %-28s cached %6.2f us/call   uncached %7.2f us/call   rule set parse %8.1f us\n", svc,
                op.name.c_str(), cached, uncached, parse);
  }
  return 0;
}
