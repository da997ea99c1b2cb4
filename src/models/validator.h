// Validates a call's params against the operation's input shape before
// anything is serialized or signed: types, required members, enums, ranges,
// lengths, and unknown members (the message names the valid ones).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "models/service_model.h"

namespace awsmcp::models {

struct ValidationIssue {
  std::string path;     // "services[0]", "filter.name"; "" for the top level
  std::string message;  // what is wrong and what is expected
};

struct ValidationOptions {
  size_t max_issues = 20;  // default 20: stop collecting after this many
  size_t max_depth = 64;   // default 64: deeper input is refused
};

// All issues found (empty when valid). `shape_name` may be empty for
// operations without input, in which case only {} is valid.
std::vector<ValidationIssue> ValidateInput(const ServiceModel& model, const std::string& shape_name,
                                           const nlohmann::json& params, const ValidationOptions& options = {});

// The issues as one InvalidArgument status, or OK when there are none.
Status IssuesToStatus(const std::vector<ValidationIssue>& issues);

}  // namespace awsmcp::models
