#include "jsonrpc/params.h"

namespace awsmcp::jsonrpc {

using nlohmann::json;

ParamReader::ParamReader(const json& params, std::string path) : params_(params), path_(std::move(path)) {}

const json* ParamReader::Find(const char* name) {
  if (!params_.is_object()) return nullptr;
  auto it = params_.find(name);
  return it == params_.end() || it->is_null() ? nullptr : &*it;
}

void ParamReader::Wrong(const char* name, const char* expected) {
  if (error_) return;
  const json* v = &params_[name];
  error_ = RpcError{kInvalidParams, "Invalid params: " + path_ + name + " must be " + expected + ", not " +
                                        JsonTypeName(*v)};
}

std::optional<std::string> ParamReader::String(const char* name) {
  const json* v = Find(name);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    Wrong(name, "a string");
    return std::nullopt;
  }
  return v->get<std::string>();
}

const json* ParamReader::Object(const char* name) {
  const json* v = Find(name);
  if (v != nullptr && !v->is_object()) {
    Wrong(name, "an object");
    return nullptr;
  }
  return v;
}

const json* ParamReader::Id(const char* name) {
  const json* v = Find(name);
  if (v != nullptr && !v->is_string() && !v->is_number_integer()) {
    Wrong(name, "a string or an integer");
    return nullptr;
  }
  return v;
}

void ParamReader::Require(const char* name, bool present) {
  if (present || error_) return;
  error_ = RpcError{kInvalidParams, "Invalid params: " + path_ + name + " is required"};
}

const char* JsonTypeName(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "not JSON";
  }
}

}  // namespace awsmcp::jsonrpc
