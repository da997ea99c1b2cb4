#include "aws/sigv4.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>
#include <vector>

#include "base/percent_encoding.h"
#include "aws/crypto.h"
#include "aws/uri.h"

namespace awsmcp::aws {
namespace {

std::string Format(std::chrono::system_clock::time_point t, const char* fmt) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  size_t n = std::strftime(buf, sizeof buf, fmt, &tm);
  return std::string(buf, n);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Trims and collapses runs of whitespace, as botocore's ' '.join(value.split()).
std::string CanonicalValue(std::string_view v) {
  std::string out;
  bool space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

bool Unsigned(const std::string& name) {
  return name == "user-agent" || name == "expect" || name == "transfer-encoding" || name == "x-amzn-trace-id" ||
         name == "authorization";
}

// Removes "." and ".." segments (RFC 3986 5.2.4), keeping a trailing slash.
std::string NormalizePath(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string seg = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
    } else if (seg != "." && !seg.empty()) {
      out.push_back(seg);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string result;
  for (const auto& s : out) result += "/" + s;
  if (result.empty() || (path.size() > 1 && path.back() == '/')) result += "/";
  return result;
}

std::string CanonicalQuery(const std::string& query) {
  if (query.empty()) return "";
  std::vector<std::pair<std::string, std::string>> pairs;
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    std::string part = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    if (!part.empty()) {
      size_t eq = part.find('=');
      std::string k = part.substr(0, eq);
      std::string v = eq == std::string::npos ? "" : part.substr(eq + 1);
      pairs.emplace_back(UriEncode(UriDecode(k)), UriEncode(UriDecode(v)));
    }
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [k, v] : pairs) out += (out.empty() ? "" : "&") + k + "=" + v;
  return out;
}

}  // namespace

std::string AmzDate(std::chrono::system_clock::time_point t) { return Format(t, "%Y%m%dT%H%M%SZ"); }
std::string AmzDay(std::chrono::system_clock::time_point t) { return Format(t, "%Y%m%d"); }

Result<CanonicalRequest> MakeCanonicalRequest(const HttpRequest& req, bool s3) {
  auto url = ParseUrl(req.url);
  if (!url) return Fail(url.error());
  std::map<std::string, std::string> headers;
  for (const auto& [name, value] : req.headers) {
    std::string n = Lower(name);
    if (Unsigned(n)) continue;
    std::string v = CanonicalValue(value);
    auto [it, inserted] = headers.emplace(n, v);
    if (!inserted) it->second += "," + v;
  }
  CanonicalRequest out;
  std::string canonical_headers;
  for (const auto& [n, v] : headers) {
    canonical_headers += n + ":" + v + "\n";
    out.signed_headers += (out.signed_headers.empty() ? "" : ";") + n;
  }
  const std::string path = s3 ? url->path : UriEncode(NormalizePath(url->path), /*keep_slash=*/true);
  out.text = req.method + "\n" + path + "\n" +
             CanonicalQuery(url->query) + "\n" + canonical_headers + "\n" + out.signed_headers + "\n" +
             Sha256Hex(req.body);
  return out;
}

std::string CredentialScope(const SigningParams& p) {
  return AmzDay(p.time) + "/" + p.region + "/" + p.service + "/aws4_request";
}

std::string MakeStringToSign(const std::string& canonical_request, const SigningParams& p) {
  return "AWS4-HMAC-SHA256\n" + AmzDate(p.time) + "\n" + CredentialScope(p) + "\n" + Sha256Hex(canonical_request);
}

std::string MakeSignature(const std::string& secret, const std::string& string_to_sign, const SigningParams& p) {
  std::string key = HmacSha256("AWS4" + secret, AmzDay(p.time));
  key = HmacSha256(key, p.region);
  key = HmacSha256(key, p.service);
  key = HmacSha256(key, "aws4_request");
  return HexEncode(HmacSha256(key, string_to_sign));
}

Status SignRequest(HttpRequest& req, const Credentials& creds, const SigningParams& params) {
  auto url = ParseUrl(req.url);
  if (!url) return url.error();
  auto has = [&](std::string_view name) {
    for (const auto& [n, _] : req.headers) {
      if (Lower(n) == name) return true;
    }
    return false;
  };
  std::erase_if(req.headers, [](const auto& h) {
    std::string n = Lower(h.first);
    return n == "authorization" || n == "x-amz-date" || n == "x-amz-security-token" || n == "x-amz-content-sha256";
  });
  if (!has("host")) req.headers.emplace_back("Host", url->HostHeader());
  req.headers.emplace_back("X-Amz-Date", AmzDate(params.time));
  if (!creds.session_token.empty()) req.headers.emplace_back("X-Amz-Security-Token", creds.session_token);
  if (params.s3) req.headers.emplace_back("X-Amz-Content-SHA256", Sha256Hex(req.body));
  auto canonical = MakeCanonicalRequest(req, params.s3);
  if (!canonical) return canonical.error();
  std::string sts = MakeStringToSign(canonical->text, params);
  req.headers.emplace_back("Authorization", "AWS4-HMAC-SHA256 Credential=" + creds.access_key_id + "/" +
                                                CredentialScope(params) + ", SignedHeaders=" +
                                                canonical->signed_headers +
                                                ", Signature=" + MakeSignature(creds.secret_access_key, sts, params));
  return Status::Ok();
}

}  // namespace awsmcp::aws
