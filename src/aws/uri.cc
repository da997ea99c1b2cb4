#include "aws/uri.h"

#include <charconv>

namespace awsmcp::aws {

std::string Url::HostHeader() const {
  bool default_port = port == 0 || (scheme == "https" && port == 443) || (scheme == "http" && port == 80);
  return default_port ? host : host + ":" + std::to_string(port);
}

Result<Url> ParseUrl(std::string_view s) {
  Url u;
  auto bad = [&](const char* why) {
    return Fail(Status::InvalidArgument(std::string("invalid URL '") + std::string(s.substr(0, 200)) + "': " + why));
  };
  auto colon = s.find("://");
  if (colon == std::string_view::npos) return bad("no scheme");
  u.scheme = std::string(s.substr(0, colon));
  for (auto& c : u.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (u.scheme != "http" && u.scheme != "https") return bad("only http and https are supported");
  std::string_view rest = s.substr(colon + 3);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  if (authority.find('@') != std::string_view::npos) return bad("user info is not allowed");
  std::string_view host = authority;
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("unclosed IPv6 literal");
    host = authority.substr(0, close + 1);
    authority.remove_prefix(close + 1);
    if (!authority.empty() && authority[0] != ':') return bad("junk after IPv6 literal");
    authority = authority.empty() ? authority : authority.substr(1);
  } else {
    size_t pc = authority.rfind(':');
    if (pc != std::string_view::npos) {
      host = authority.substr(0, pc);
      authority = authority.substr(pc + 1);
    } else {
      authority = {};
    }
  }
  if (host.empty()) return bad("no host");
  u.host = std::string(host);
  if (!authority.empty()) {
    int port = 0;
    auto [p, ec] = std::from_chars(authority.data(), authority.data() + authority.size(), port);
    if (ec != std::errc() || p != authority.data() + authority.size() || port <= 0 || port > 65535) {
      return bad("bad port");
    }
    u.port = port;
  }
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  size_t q = rest.find('?');
  u.path = std::string(rest.substr(0, q));
  if (u.path.empty()) u.path = "/";
  if (q != std::string_view::npos) u.query = std::string(rest.substr(q + 1));
  return u;
}

}  // namespace awsmcp::aws
