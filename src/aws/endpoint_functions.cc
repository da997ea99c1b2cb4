#include "aws/endpoint_functions.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

#include "base/percent_encoding.h"

namespace awsmcp::aws::endpoint_fn {
namespace {

using nlohmann::json;

bool IsIpv4(std::string_view host) {
  // Four dot-separated groups of 1-3 digits: the shape botocore accepts,
  // without range checks (999.1.1.1 counts).
  int groups = 0;
  size_t i = 0;
  while (true) {
    size_t digits = 0;
    while (i < host.size() && std::isdigit(static_cast<unsigned char>(host[i])) && digits < 4) ++i, ++digits;
    if (digits == 0 || digits > 3) return false;
    if (++groups == 4) return i == host.size();
    if (i >= host.size() || host[i] != '.') return false;
    ++i;
  }
}

bool IsIpv6(std::string_view host) {
  std::string addr(host.substr(0, host.find('%')));
  in6_addr out{};
  return inet_pton(AF_INET6, addr.c_str(), &out) == 1;
}

// RFC 3986 remove_dot_segments, also collapsing empty segments as botocore does.
std::string RemoveDotSegments(std::string_view path) {
  if (path.empty()) return "/";
  std::vector<std::string_view> kept;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!kept.empty()) kept.pop_back();
    } else if (!seg.empty() && seg != ".") {
      kept.push_back(seg);
    }
    start = end + 1;
  }
  std::string out = path.front() == '/' ? "/" : "";
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) out += '/';
    out += kept[i];
  }
  if (path.back() == '/' && !kept.empty()) out += '/';
  return out;
}

struct HostPort {
  std::string host;
  bool port_ok = true;
};

HostPort SplitAuthority(std::string_view authority) {
  std::string_view info = authority.substr(authority.rfind('@') == std::string_view::npos ? 0 : authority.rfind('@') + 1);
  std::string_view host = info, port;
  if (size_t open = info.find('['); open != std::string_view::npos) {
    std::string_view rest = info.substr(open + 1);
    size_t close = rest.find(']');
    host = rest.substr(0, close);
    if (close != std::string_view::npos) {
      std::string_view after = rest.substr(close + 1);
      if (size_t colon = after.find(':'); colon != std::string_view::npos) port = after.substr(colon + 1);
    }
  } else if (size_t colon = info.find(':'); colon != std::string_view::npos) {
    host = info.substr(0, colon);
    port = info.substr(colon + 1);
  }
  HostPort out;
  for (char c : host) out.host.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (!port.empty()) {
    out.port_ok = port.size() <= 5 && std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                  std::stoi(std::string(port)) <= 65535;
  }
  return out;
}

bool ValidLabel(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
}

}  // namespace

std::optional<std::vector<PathStep>> ParsePath(std::string_view path) {
  std::vector<PathStep> steps;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('.', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    size_t open = part.find('[');
    if (open == std::string_view::npos) {
      if (part.empty()) return std::nullopt;
      steps.push_back({std::string(part), -1});
    } else {
      if (part.back() != ']' || open + 2 >= part.size()) return std::nullopt;
      std::string_view digits = part.substr(open + 1, part.size() - open - 2);
      if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) || digits.size() > 6) {
        return std::nullopt;
      }
      if (open > 0) steps.push_back({std::string(part.substr(0, open)), -1});
      steps.push_back({"", std::stoi(std::string(digits))});
    }
    start = end + 1;
  }
  return steps;
}

json GetAttr(const json& value, const std::vector<PathStep>& path) {
  const json* at = &value;
  for (const auto& step : path) {
    if (step.index >= 0) {
      if (!at->is_array() || static_cast<size_t>(step.index) >= at->size()) return nullptr;
      at = &(*at)[static_cast<size_t>(step.index)];
    } else {
      if (!at->is_object()) return nullptr;
      auto it = at->find(step.name);
      if (it == at->end()) return nullptr;
      at = &*it;
    }
  }
  return *at;
}

json ParseUrl(std::string_view url) {
  size_t colon = url.find(':');
  if (colon == std::string_view::npos) return nullptr;
  std::string scheme;
  for (char c : url.substr(0, colon)) scheme.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (scheme != "http" && scheme != "https") return nullptr;
  std::string_view rest = url.substr(colon + 1);
  rest = rest.substr(0, rest.find('#'));
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    if (q + 1 < rest.size()) return nullptr;  // a query cannot be part of an endpoint
    rest = rest.substr(0, q);
  }
  std::string_view authority;
  if (rest.starts_with("//")) {
    rest.remove_prefix(2);
    size_t slash = rest.find('/');
    authority = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  }
  HostPort hp = SplitAuthority(authority);
  if (!hp.port_ok) return nullptr;
  std::string normalized = UriEncode(RemoveDotSegments(rest), /*keep_slash=*/true);
  if (normalized.empty() || normalized.back() != '/') normalized += '/';
  return json{{"scheme", scheme},
              {"authority", std::string(authority)},
              {"path", std::string(rest)},
              {"normalizedPath", normalized},
              {"isIp", IsIpv4(hp.host) || IsIpv6(hp.host)}};
}

json ParseArn(std::string_view arn) {
  if (!arn.starts_with("arn:")) return nullptr;
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (parts.size() < 5) {
    size_t c = arn.find(':', start);
    if (c == std::string_view::npos) return nullptr;
    parts.push_back(arn.substr(start, c - start));
    start = c + 1;
  }
  std::string_view resource = arn.substr(start);
  if (parts[1].empty() || parts[2].empty() || resource.empty()) return nullptr;
  json ids = json::array();
  size_t from = 0;
  while (true) {
    size_t sep = resource.find_first_of(":/", from);
    ids.push_back(std::string(resource.substr(from, sep == std::string_view::npos ? std::string_view::npos : sep - from)));
    if (sep == std::string_view::npos) break;
    from = sep + 1;
  }
  return json{{"partition", std::string(parts[1])}, {"service", std::string(parts[2])},
              {"region", std::string(parts[3])},    {"accountId", std::string(parts[4])},
              {"resourceId", std::move(ids)}};
}

bool IsValidHostLabel(std::string_view value, bool allow_subdomains) {
  if (!allow_subdomains) return ValidLabel(value);
  size_t start = 0;
  while (true) {
    size_t dot = value.find('.', start);
    if (!ValidLabel(value.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start))) {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool IsVirtualHostableS3Bucket(std::string_view value, bool allow_subdomains) {
  if (value.size() < 3 || IsIpv4(value)) return false;
  if (std::any_of(value.begin(), value.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); })) {
    return false;
  }
  return IsValidHostLabel(value, allow_subdomains);
}

std::optional<std::string> Substring(std::string_view value, int start, int stop, bool reverse) {
  if (start < 0 || start >= stop || value.size() < static_cast<size_t>(stop)) return std::nullopt;
  if (std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) > 127; })) {
    return std::nullopt;
  }
  const size_t from = reverse ? value.size() - static_cast<size_t>(stop) : static_cast<size_t>(start);
  return std::string(value.substr(from, static_cast<size_t>(stop - start)));
}

}  // namespace awsmcp::aws::endpoint_fn
