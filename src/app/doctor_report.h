// DoctorReport: where `aws-mcp doctor` puts its verdicts. Text mode writes
// each check as one line the moment it is known and flushes it, so a pipe or
// a terminal sees progress; JSON mode writes one document at the end (its
// shape is in docs/doctor.md). Nothing a check carries may be a secret.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace awsmcp::app {

// PASS: verified. WARN: works, but something the user should know (a file
// that is absent yet not needed, a source that shadows another). FAIL: a
// broken setup; the exit status is 1. SKIP: not checked, with the reason.
enum class CheckStatus { kPass, kWarn, kFail, kSkip };

struct DoctorCheck {
  std::string name;
  CheckStatus status = CheckStatus::kPass;
  std::string detail;
  std::string fix;  // what to do; "" for PASS and when there is nothing to do
};

class DoctorReport {
 public:
  DoctorReport(std::FILE* out, bool json) : out_(out), json_(json) {}

  void Add(DoctorCheck check);
  // A fact the report states besides the checks (JSON: a top-level key).
  void SetFact(const std::string& key, nlohmann::json value) { facts_[key] = std::move(value); }
  bool failed() const { return counts_[static_cast<int>(CheckStatus::kFail)] > 0; }
  // Writes the summary (or the JSON document). Returns the exit status: 1 when a check failed.
  int Finish(std::chrono::milliseconds elapsed, std::chrono::milliseconds deadline);

 private:
  std::FILE* out_;
  bool json_;
  std::vector<DoctorCheck> checks_;
  nlohmann::json facts_ = nlohmann::json::object();
  int counts_[4] = {0, 0, 0, 0};
};

const char* CheckStatusName(CheckStatus status);  // "PASS", "WARN", "FAIL", "SKIP"

}  // namespace awsmcp::app
