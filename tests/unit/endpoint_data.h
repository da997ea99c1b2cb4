// Test helpers: the endpoint rule sets and partitions the endpoint tests read,
// and gzip files. Rule sets come from the repository's models/ when present,
// else from the installed botocore's data folder (AWSMCP_BOTOCORE_DATA).
#pragma once

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "aws/endpoint_rules.h"
#include "aws/partitions.h"

namespace awsmcp::aws::testing {

inline std::string ReadMaybeGzip(const std::filesystem::path& path) {
  gzFile f = gzopen(path.c_str(), "rb");  // reads plain files too
  if (f == nullptr) return "";
  std::string out;
  char buf[65536];
  for (int n; (n = gzread(f, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  gzclose(f);
  return out;
}

inline nlohmann::json ReadJson(const std::filesystem::path& path) {
  return nlohmann::json::parse(ReadMaybeGzip(path), nullptr, /*allow_exceptions=*/false);
}

// The newest file `name` (or name.gz) of `service` in botocore's layout.
inline std::filesystem::path BotocoreFile(const std::string& service, const std::string& name) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(AWSMCP_BOTOCORE_DATA) / service;
  std::error_code ec;
  std::string newest;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_directory() && e.path().filename().string() > newest) newest = e.path().filename().string();
  }
  if (newest.empty()) return {};
  fs::path p = dir / newest / name;
  return fs::exists(p) ? p : fs::path(p.string() + ".gz");
}

inline std::shared_ptr<const Partitions> TestPartitions() {
  static const auto parsed = Partitions::Parse(ReadJson(std::filesystem::path(AWSMCP_BOTOCORE_DATA) / "partitions.json"));
  return parsed ? *parsed : nullptr;
}

inline Result<std::shared_ptr<const EndpointRuleSet>> TestRuleSet(const std::string& service) {
  nlohmann::json doc = ReadJson(BotocoreFile(service, "endpoint-rule-set-1.json"));
  return EndpointRuleSet::Parse(doc, TestPartitions());
}

}  // namespace awsmcp::aws::testing
