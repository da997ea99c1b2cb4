// ModelRegistry: the service models compiled into the binary, parsed lazily
// on first use (start-up parses nothing) and kept for the process lifetime.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/thread_annotations.h"
#include "models/service_model.h"

namespace awsmcp::models {

class ModelRegistry {
 public:
  // The registry of the embedded models. Thread-safe.
  static ModelRegistry& Embedded();

  // CLI names of every shipped service, sorted.
  std::vector<std::string> ServiceNames() const;
  // The parsed model; NotFound (naming the shipped services) when unknown.
  Result<std::shared_ptr<const ServiceModel>> Get(const std::string& cli_name);

 private:
  struct Files {
    std::string_view service;
    std::string_view paginators;
  };
  ModelRegistry();
  std::map<std::string, Files> files_;  // immutable after construction
  Mutex mu_;
  std::map<std::string, std::shared_ptr<const ServiceModel>> parsed_ GUARDED_BY(mu_);
};

}  // namespace awsmcp::models
