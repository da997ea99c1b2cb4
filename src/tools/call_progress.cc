#include "tools/call_progress.h"

#include <cstdio>

namespace awsmcp::tools {

std::string DescribeEvent(const aws::CallEvent& e) {
  std::string what = e.service + " " + e.operation + (e.region.empty() ? "" : " in " + e.region);
  switch (e.kind) {
    case aws::CallEvent::Kind::kAttempt:
      if (e.attempt <= 1) return what;
      return what + ": attempt " + std::to_string(e.attempt) + " of " + std::to_string(e.max_attempts);
    case aws::CallEvent::Kind::kRetry: {
      char wait[32];
      std::snprintf(wait, sizeof wait, "%.1f s", static_cast<double>(e.delay.count()) / 1000.0);
      return what + ": attempt " + std::to_string(e.attempt) + " of " + std::to_string(e.max_attempts) + " " +
             e.reason + "; retrying in " + wait;
    }
    case aws::CallEvent::Kind::kPage:
      return what + ": " + std::to_string(e.pages) + (e.pages == 1 ? " page, " : " pages, ") +
             std::to_string(e.items) + " items";
  }
  return what;
}

aws::CallOptions CallOptionsFor(mcp::ToolContext& ctx, const std::string& region) {
  aws::CallOptions call;
  call.region = region;
  call.cancel = ctx.cancel;
  call.observe = [&ctx](const aws::CallEvent& e) {
    ctx.status(DescribeEvent(e), e.kind == aws::CallEvent::Kind::kRetry);
  };
  return call;
}

}  // namespace awsmcp::tools
