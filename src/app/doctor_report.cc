#include "app/doctor_report.h"

#include <cctype>

namespace awsmcp::app {
namespace {

std::string Lower(const char* s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

double Seconds(std::chrono::milliseconds ms) { return static_cast<double>(ms.count()) / 1000.0; }

}  // namespace

const char* CheckStatusName(CheckStatus status) {
  switch (status) {
    case CheckStatus::kPass: return "PASS";
    case CheckStatus::kWarn: return "WARN";
    case CheckStatus::kFail: return "FAIL";
    case CheckStatus::kSkip: return "SKIP";
  }
  return "?";
}

void DoctorReport::Add(DoctorCheck check) {
  ++counts_[static_cast<int>(check.status)];
  if (!json_) {
    std::fprintf(out_, "  %s  %-36s %s\n", CheckStatusName(check.status), check.name.c_str(), check.detail.c_str());
    if (!check.fix.empty()) std::fprintf(out_, "        fix: %s\n", check.fix.c_str());
    // Line by line even into a pipe: a slow probe must not hide the ones already done.
    std::fflush(out_);
  }
  checks_.push_back(std::move(check));
}

int DoctorReport::Finish(std::chrono::milliseconds elapsed, std::chrono::milliseconds deadline) {
  const int pass = counts_[0], warn = counts_[1], fail = counts_[2], skip = counts_[3];
  if (json_) {
    nlohmann::json doc = facts_;
    doc["ok"] = fail == 0;
    doc["summary"] = {{"checks", checks_.size()}, {"passed", pass}, {"warnings", warn},
                      {"failed", fail},           {"skipped", skip}};
    doc["elapsed_ms"] = elapsed.count();
    doc["deadline_ms"] = deadline.count();
    doc["checks"] = nlohmann::json::array();
    for (const DoctorCheck& c : checks_) {
      nlohmann::json item = {{"name", c.name}, {"status", Lower(CheckStatusName(c.status))}, {"detail", c.detail}};
      if (!c.fix.empty()) item["fix"] = c.fix;
      doc["checks"].push_back(std::move(item));
    }
    std::fprintf(out_, "%s\n", doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  } else {
    std::fprintf(out_, "%zu checks: %d passed, %d failed, %d warnings, %d skipped (%.1f s of a %.0f s deadline)\n",
                 checks_.size(), pass, fail, warn, skip, Seconds(elapsed), Seconds(deadline));
  }
  std::fflush(out_);
  return fail == 0 ? 0 : 1;
}

}  // namespace awsmcp::app
