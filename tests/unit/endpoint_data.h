// Test helpers: the shipped endpoint rule sets and partitions (the botocore
// 1.43.11 data the binary embeds), parsed the way the tests need them, and
// gzip files.
#pragma once

#include <zlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "aws/endpoint_rules.h"
#include "aws/partitions.h"
#include "models/model_registry.h"

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

inline nlohmann::json ShippedJson(const std::string& service, const std::string& file) {
  auto text = models::ModelRegistry::Embedded().Document(service, file);
  return text ? nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false) : nlohmann::json();
}

inline std::shared_ptr<const Partitions> TestPartitions() {
  static const auto parsed = Partitions::Parse(ShippedJson("", "partitions.json"));
  return parsed ? *parsed : nullptr;
}

// A fresh parse each time (the resolver tests count loads).
inline Result<std::shared_ptr<const EndpointRuleSet>> TestRuleSet(const std::string& service) {
  nlohmann::json doc = ShippedJson(service, "endpoint-rule-set-1.json");
  if (doc.is_null()) return Fail(Status::NotFound("no rule set for " + service));
  return EndpointRuleSet::Parse(doc, TestPartitions());
}

}  // namespace awsmcp::aws::testing
