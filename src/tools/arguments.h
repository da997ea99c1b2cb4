// ArgReader: reads a tool's arguments with their types checked, collecting the
// first problem as a ValidationError so a handler can answer with one isError.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/call_error.h"

namespace awsmcp::tools {

class ArgReader {
 public:
  explicit ArgReader(const nlohmann::json& args) : args_(args) {}

  // A string argument; "" when absent and not required.
  std::string String(const char* name, bool required, size_t max_len = 4096);
  // An object argument; {} when absent.
  nlohmann::json Object(const char* name);
  bool Bool(const char* name);
  std::optional<int64_t> Int(const char* name, int64_t min, int64_t max);
  // An array of strings; `fallback` when absent.
  std::vector<std::string> Strings(const char* name, const std::vector<std::string>& fallback);
  // A region name ("us-east-1"); "" when absent.
  std::string Region(const char* name);
  // Any argument not in `known` is an error naming the known ones.
  void RejectOthers(std::initializer_list<const char*> known);

  bool ok() const { return error_.code.empty(); }
  const aws::CallError& error() const { return error_; }

 private:
  void Fail(const std::string& message);
  const nlohmann::json& args_;
  aws::CallError error_;
};

// True for names shaped like AWS regions: "us-east-1", "us-gov-west-1", "cn-north-1".
bool LooksLikeRegion(const std::string& region);

}  // namespace awsmcp::tools
