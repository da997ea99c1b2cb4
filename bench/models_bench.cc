// Model loading figures: the first use of the largest models (decompress plus
// parse), and the memory the parsed models hold.
//
//   build/bench/models_bench   (prints one line per figure)
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "models/model_registry.h"
#include "models/operation_index.h"

namespace {

double MsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// The process's peak resident set (VmHWM), in MiB.
double PeakRssMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

}  // namespace

int main() {
  auto& registry = awsmcp::models::ModelRegistry::Embedded();
  std::printf("services embedded: %zu; peak RSS before any model: %.1f MiB\n", registry.ServiceNames().size(),
              PeakRssMiB());
  const std::vector<std::string> twenty = {"ecs", "ecr", "logs", "sts", "cloudwatch", "rds", "elasticache",
                                           "elbv2", "iam", "secretsmanager", "lambda", "dynamodb", "sqs", "sns",
                                           "ssm", "kms", "eks", "route53", "cloudformation", "events"};
  for (const auto& name : twenty) {
    // A first call reads the operation's input and output shapes.
    auto model = registry.Get(name);
    if (!model) continue;
    for (const auto& op : (*model)->operations()) {
      (void)(*model)->FindShape(op.input_shape);
      (void)(*model)->FindShape(op.output_shape);
    }
  }
  std::printf("peak RSS after first calls into 20 common services: %.1f MiB\n", PeakRssMiB());
  for (const char* name : {"ec2", "sagemaker", "s3", "quicksight", "connect"}) {
    auto start = std::chrono::steady_clock::now();
    auto text = registry.Document(name, "service-2.json");
    const double decompress = MsSince(start);
    start = std::chrono::steady_clock::now();
    auto model = registry.Get(name);
    const double first = MsSince(start);
    std::printf("first use of %-10s %7.0f KB: decompress %.1f ms, decompress + parse %.1f ms%s\n", name,
                text ? text->size() / 1000.0 : 0, decompress, first, model ? "" : " (FAILED)");
  }
  std::printf("peak RSS after those and the five largest models: %.1f MiB\n", PeakRssMiB());
  auto start = std::chrono::steady_clock::now();
  auto index = awsmcp::models::OperationIndex::Load(registry);
  const double load = MsSince(start);
  if (index) {
    constexpr int kSearches = 20;
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < kSearches; ++i) (void)index->Search("list lambda functions", 12);
    std::printf("search index: %zu operations, loaded in %.1f ms; one search %.1f ms\n", index->size(), load,
                MsSince(start) / kSearches);
  }
  return 0;
}
