// The model files compiled into the binary (see cmake/embed_models.cmake).
#pragma once

#include <cstddef>

namespace awsmcp::models {

struct EmbeddedFile {
  const char* service;  // directory name under models/: the CLI service name
  const char* file;     // "service-2.json" or "paginators-1.json"
  const char* data;     // not NUL-terminated
  size_t size;
};

// Terminated by an entry whose service is nullptr.
extern const EmbeddedFile kEmbeddedFiles[];

}  // namespace awsmcp::models
