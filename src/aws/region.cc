#include "aws/region.h"

#include <regex>

namespace awsmcp::aws {

Result<ResolvedRegion> ResolveRegion(Env& env, const std::string& flag, const SharedConfig* config,
                                     const std::string& flag_origin) {
  ResolvedRegion r;
  if (!flag.empty()) {
    r = {flag, flag_origin};
  } else if (auto v = env.GetVar("AWS_REGION"); v && !v->empty()) {
    r = {*v, "AWS_REGION"};
  } else if (auto d = env.GetVar("AWS_DEFAULT_REGION"); d && !d->empty()) {
    r = {*d, "AWS_DEFAULT_REGION"};
  } else if (config != nullptr) {
    if (auto p = config->ConfigValue("region"); p && !p->empty()) r = {*p, "profile " + config->profile()};
  }
  static const std::regex shape("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$");
  if (!r.region.empty() && (r.region.size() > 32 || !std::regex_match(r.region, shape))) {
    return Fail(Status::InvalidArgument("region '" + r.region.substr(0, 40) + "' from " + r.source +
                                        " is not a region name like us-east-1"));
  }
  return r;
}

}  // namespace awsmcp::aws
