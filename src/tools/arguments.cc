#include "tools/arguments.h"

#include <regex>

namespace awsmcp::tools {

using nlohmann::json;

void ArgReader::Fail(const std::string& message) {
  if (ok()) error_ = aws::CallError::Local(aws::kValidationError, message);
}

std::string ArgReader::String(const char* name, bool required, size_t max_len) {
  auto it = args_.find(name);
  if (it == args_.end() || it->is_null()) {
    if (required) Fail(std::string("missing required argument '") + name + "'");
    return "";
  }
  if (!it->is_string()) {
    Fail(std::string("argument '") + name + "' must be a string");
    return "";
  }
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_len) {
    Fail(std::string("argument '") + name + "' is longer than " + std::to_string(max_len) + " characters");
    return "";
  }
  if (required && s.empty()) Fail(std::string("argument '") + name + "' must not be empty");
  return s;
}

json ArgReader::Object(const char* name) {
  auto it = args_.find(name);
  if (it == args_.end() || it->is_null()) return json::object();
  if (!it->is_object()) {
    Fail(std::string("argument '") + name + "' must be an object (the API's input members)");
    return json::object();
  }
  return *it;
}

bool ArgReader::Bool(const char* name) {
  auto it = args_.find(name);
  if (it == args_.end() || it->is_null()) return false;
  if (!it->is_boolean()) {
    Fail(std::string("argument '") + name + "' must be true or false");
    return false;
  }
  return it->get<bool>();
}

std::optional<int64_t> ArgReader::Int(const char* name, int64_t min, int64_t max) {
  auto it = args_.find(name);
  if (it == args_.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer() || it->get<int64_t>() < min || it->get<int64_t>() > max) {
    Fail(std::string("argument '") + name + "' must be an integer from " + std::to_string(min) + " to " +
         std::to_string(max));
    return std::nullopt;
  }
  return it->get<int64_t>();
}

std::vector<std::string> ArgReader::Strings(const char* name, const std::vector<std::string>& fallback) {
  auto it = args_.find(name);
  if (it == args_.end() || it->is_null()) return fallback;
  std::vector<std::string> out;
  if (it->is_array()) {
    for (const auto& v : *it) {
      if (!v.is_string()) break;
      out.push_back(v.get<std::string>());
    }
    if (out.size() == it->size()) return out;
  }
  Fail(std::string("argument '") + name + "' must be an array of strings");
  return {};
}

std::string ArgReader::Region(const char* name) {
  std::string r = String(name, false, 32);
  if (!r.empty() && !LooksLikeRegion(r)) {
    Fail(std::string("argument '") + name + "' is not a region name like us-east-1");
    return "";
  }
  return r;
}

void ArgReader::RejectOthers(std::initializer_list<const char*> known) {
  if (!args_.is_object()) return Fail("arguments must be an object");
  for (const auto& [key, _] : args_.items()) {
    bool found = false;
    for (const char* k : known) found = found || key == k;
    if (!found) {
      std::string names;
      for (const char* k : known) names += (names.empty() ? "" : ", ") + std::string(k);
      return Fail("unknown argument '" + key.substr(0, 64) + "'; valid: " + names);
    }
  }
}

bool LooksLikeRegion(const std::string& region) {
  static const std::regex pattern("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$");
  return region.size() <= 32 && std::regex_match(region, pattern);
}

}  // namespace awsmcp::tools
