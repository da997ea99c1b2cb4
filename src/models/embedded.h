// The model files compiled into the binary, each a zstd frame (see
// cmake/model_pack.cc, run at build time over models/).
#pragma once

#include <cstddef>

namespace awsmcp::models {

struct EmbeddedFile {
  const char* service;  // directory under models/ (the CLI service name); "" for partitions.json
  const char* file;     // "service-2.json", "paginators-1.json", "waiters-2.json", ...
  const char* data;     // the compressed frame
  size_t size;          // bytes of the frame
  size_t raw_size;      // bytes once decompressed
};

// Terminated by an entry whose service is nullptr.
extern const EmbeddedFile kEmbeddedFiles[];

}  // namespace awsmcp::models
