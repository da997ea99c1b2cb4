// ModelRegistry: the service models compiled into the binary (every service
// botocore ships, each file a zstd frame), optionally overlaid by a directory
// of newer or extra models. Nothing is decompressed or parsed at start-up: a
// model is read on first use and kept for the process lifetime.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/thread_annotations.h"
#include "models/service_model.h"

namespace awsmcp::models {

class ModelRegistry {
 public:
  // The registry of the embedded models. Thread-safe.
  static ModelRegistry& Embedded();

  // Overlays the models under `dir`, in botocore's layout
  // (DIR/<service>/<api-version>/service-2.json[.gz], the newest version
  // wins) or aws-mcp's (DIR/<service>/service-2.json). A service found there
  // replaces the embedded one whole. Call before the first Get of the
  // services it holds (a model already parsed stays). InvalidArgument when
  // `dir` is not a readable directory or holds no service model.
  Status AddDirectory(const std::string& dir);

  // CLI names of every service, sorted.
  std::vector<std::string> ServiceNames() const;
  // The parsed model; NotFound naming the closest services when unknown.
  Result<std::shared_ptr<const ServiceModel>> Get(const std::string& cli_name);
  // One file of a service, decompressed: "endpoint-rule-set-1.json",
  // "waiters-2.json", ...; service "" for "partitions.json". NotFound when
  // the service has no such file.
  Result<std::string> Document(const std::string& cli_name, const std::string& file) const;
  // Up to `limit` service names close to `name` (for "did you mean").
  std::vector<std::string> SuggestServices(std::string_view name, size_t limit = 5) const;

  // Where a service's files come from: an embedded frame or a file on disk.
  struct Source {
    std::string_view frame;  // zstd frame (embedded); empty when `path` is set
    size_t raw_size = 0;
    std::string path;        // a file in a models directory (".gz" is inflated)
  };

 private:
  ModelRegistry();
  Result<std::string> Read(const Source& source) const;

  mutable Mutex mu_;
  // service -> file name -> source; "" holds the files at the top (partitions.json).
  std::map<std::string, std::map<std::string, Source>> files_ GUARDED_BY(mu_);
  std::map<std::string, std::shared_ptr<const ServiceModel>> parsed_ GUARDED_BY(mu_);
};

}  // namespace awsmcp::models
