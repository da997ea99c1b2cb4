#include "aws/endpoint.h"

#include <cctype>

#include "aws/uri.h"

namespace awsmcp::aws {
namespace {

bool Truthy(const std::optional<std::string>& v) {
  if (!v) return false;
  std::string s = *v;
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s == "true" || s == "1";
}

Result<CallTarget> Configured(const std::string& url, const std::string& region, const char* source) {
  auto parsed = ParseUrl(url);
  if (!parsed) return Fail(Status::InvalidArgument(std::string("endpoint from ") + source + ": " + parsed.error().message()));
  std::string base = parsed->scheme + "://" + parsed->host + (parsed->port ? ":" + std::to_string(parsed->port) : "");
  if (parsed->path != "/") base += parsed->path.back() == '/' ? parsed->path.substr(0, parsed->path.size() - 1) : parsed->path;
  return CallTarget{base, region};
}

}  // namespace

std::string ServiceIdEnvSuffix(const std::string& id) {
  std::string out;
  for (char c : id) out.push_back(c == ' ' || c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

std::string ServiceIdConfigKey(const std::string& id) {
  std::string out;
  for (char c : id) out.push_back(c == ' ' || c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

Result<CallTarget> ResolveEndpoint(Env& env, const SharedConfig* config, const models::ServiceMetadata& service,
                                   const std::string& region) {
  bool ignore = Truthy(env.GetVar("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) ||
                (config != nullptr && Truthy(config->ConfigValue("ignore_configured_endpoint_urls")));
  if (!ignore) {
    if (auto v = env.GetVar("AWS_ENDPOINT_URL_" + ServiceIdEnvSuffix(service.service_id)); v && !v->empty()) {
      return Configured(*v, region, "AWS_ENDPOINT_URL_<SERVICE>");
    }
    if (auto v = env.GetVar("AWS_ENDPOINT_URL"); v && !v->empty()) return Configured(*v, region, "AWS_ENDPOINT_URL");
    if (config != nullptr) {
      if (auto v = config->ServiceValue(ServiceIdConfigKey(service.service_id), "endpoint_url"); v && !v->empty()) {
        return Configured(*v, region, "the profile's services section");
      }
      if (auto v = config->ConfigValue("endpoint_url"); v && !v->empty()) {
        return Configured(*v, region, "the profile's endpoint_url");
      }
    }
  }
  const bool china = region.rfind("cn-", 0) == 0;
  const std::string suffix = china ? "amazonaws.com.cn" : "amazonaws.com";
  // Global services (IAM) have one endpoint, signed for us-east-1. STS names a
  // global endpoint too, but the SDKs now default to its regional ones.
  if (!service.global_endpoint.empty() && service.endpoint_prefix != "sts" && !china &&
      region.rfind("us-gov-", 0) != 0) {
    return CallTarget{"https://" + service.global_endpoint, "us-east-1"};
  }
  if (service.endpoint_prefix.empty()) return Fail(Status::Internal("model has no endpointPrefix"));
  return CallTarget{"https://" + service.endpoint_prefix + "." + region + "." + suffix, region};
}

}  // namespace awsmcp::aws
