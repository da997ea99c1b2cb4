#include "mcp/eras.h"

#include <algorithm>

#include "jsonrpc/message.h"

namespace awsmcp::mcp {

using nlohmann::json;

const std::vector<std::string>& ModernVersions() {
  static const std::vector<std::string> v = {"2026-07-28"};
  return v;
}

const std::vector<std::string>& LegacyVersions() {
  static const std::vector<std::string> v = {"2025-11-25", "2025-06-18", "2025-03-26"};
  return v;
}

const std::vector<std::string>& AllVersions() {
  static const std::vector<std::string> v = [] {
    std::vector<std::string> all = ModernVersions();
    all.insert(all.end(), LegacyVersions().begin(), LegacyVersions().end());
    return all;
  }();
  return v;
}

bool IsModernVersion(std::string_view version) {
  return std::find(ModernVersions().begin(), ModernVersions().end(), version) != ModernVersions().end();
}

bool IsLegacyVersion(std::string_view version) {
  return std::find(LegacyVersions().begin(), LegacyVersions().end(), version) != LegacyVersions().end();
}

bool AsksForModernEra(const std::string& method, const json& params) {
  if (method == "server/discover") return true;
  auto meta = params.find("_meta");
  return meta != params.end() && meta->is_object() && meta->contains(kMetaProtocolVersion);
}

RpcError UnsupportedVersion(const std::string& requested) {
  return jsonrpc::UnsupportedVersion(requested, AllVersions());
}

std::optional<RpcError> CheckModernMeta(const json& params) {
  auto meta = params.find("_meta");
  if (meta == params.end() || !meta->is_object()) {
    return RpcError{jsonrpc::kInvalidParams, std::string("Invalid params: _meta with ") + kMetaProtocolVersion +
                                             " and " + kMetaClientCapabilities + " is required"};
  }
  auto version = meta->find(kMetaProtocolVersion);
  if (version == meta->end() || !version->is_string()) {
    return RpcError{jsonrpc::kInvalidParams, std::string("Invalid params: _meta.") + kMetaProtocolVersion +
                                             " must be a string"};
  }
  auto capabilities = meta->find(kMetaClientCapabilities);
  if (capabilities == meta->end() || !capabilities->is_object()) {
    return RpcError{jsonrpc::kInvalidParams, std::string("Invalid params: _meta.") + kMetaClientCapabilities +
                                             " must be an object"};
  }
  if (!IsModernVersion(version->get<std::string>())) return UnsupportedVersion(version->get<std::string>());
  return std::nullopt;
}

}  // namespace awsmcp::mcp
