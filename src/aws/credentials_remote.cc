#include "aws/credentials_remote.h"

#include "base/percent_encoding.h"
#include "aws/credentials_json.h"
#include "aws/uri.h"

namespace awsmcp::aws {
namespace {

constexpr size_t kMaxDocument = 64 * 1024;

bool Truthy(const std::optional<std::string>& v) { return v && (*v == "true" || *v == "1" || *v == "TRUE"); }

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// Hosts a full container URI may name over plain http (as the SDKs allow).
bool AllowedContainerHost(const Url& url) {
  if (url.scheme == "https") return true;
  const std::string& h = url.host;
  return h == "169.254.170.2" || h == "169.254.170.23" || h == "[fd00:ec2::23]" || h == "localhost" ||
         h == "[::1]" || h.rfind("127.", 0) == 0;
}

Result<HttpResponse> SendSmall(HttpClient* http, HttpRequest req, const std::string& what) {
  auto r = http->Send(req, CancelToken());
  if (!r) return Fail(Status::Unavailable(what + ": " + r.error().message()));
  if (r->body.size() > kMaxDocument) return Fail(Status::ResourceExhausted(what + " answer too large"));
  return r;
}

}  // namespace

Result<Credentials> ContainerProvider::Get() {
  auto relative = env_->GetVar("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  auto full = env_->GetVar("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  std::string url;
  if (relative && !relative->empty()) {
    url = "http://169.254.170.2" + *relative;
  } else if (full && !full->empty()) {
    auto parsed = ParseUrl(*full);
    if (!parsed) return Fail(Status::InvalidArgument("AWS_CONTAINER_CREDENTIALS_FULL_URI: " + parsed.error().message()));
    if (!AllowedContainerHost(*parsed)) {
      return Fail(Status::InvalidArgument("AWS_CONTAINER_CREDENTIALS_FULL_URI must use https, loopback or the "
                                          "ECS/EKS container credential addresses"));
    }
    url = *full;
  } else {
    return Fail(Status::NotFound("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI are not set"));
  }
  HttpRequest req;
  req.method = "GET";
  req.url = url;
  std::string token;
  if (auto file = env_->GetVar("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); file && !file->empty()) {
    auto t = env_->ReadFile(*file, 16 * 1024);
    if (!t) return Fail(Status::Unauthenticated("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
    token = Trim(*t);
  } else if (auto t = env_->GetVar("AWS_CONTAINER_AUTHORIZATION_TOKEN")) {
    token = *t;
  }
  if (token.find_first_of("\r\n") != std::string::npos) {
    return Fail(Status::InvalidArgument("the container authorization token has a line break"));
  }
  if (!token.empty()) req.headers.emplace_back("Authorization", token);
  auto r = SendSmall(http_, req, "container credentials endpoint");
  if (!r) return Fail(r.error());
  if (r->status != 200) {
    return Fail(Status::Unauthenticated("container credentials endpoint answered HTTP " + std::to_string(r->status)));
  }
  return ParseCredentialsJson(r->body, "container credentials");
}

Result<Credentials> InstanceMetadataProvider::Get() {
  if (Truthy(env_->GetVar("AWS_EC2_METADATA_DISABLED"))) {
    return Fail(Status::NotFound("EC2 instance metadata is disabled (AWS_EC2_METADATA_DISABLED)"));
  }
  std::string base = "http://169.254.169.254";
  if (auto e = env_->GetVar("AWS_EC2_METADATA_SERVICE_ENDPOINT"); e && !e->empty()) base = *e;
  while (!base.empty() && base.back() == '/') base.pop_back();

  HttpRequest put;
  put.method = "PUT";
  put.url = base + "/latest/api/token";
  put.headers.emplace_back("X-aws-ec2-metadata-token-ttl-seconds", "21600");
  auto token = SendSmall(http_, put, "instance metadata");
  // Not on EC2 (or no route): the chain moves on.
  if (!token) return Fail(Status::NotFound("no EC2 instance metadata service at " + base));
  if (token->status != 200) {
    return Fail(Status::NotFound("instance metadata refused a session token (HTTP " + std::to_string(token->status) +
                                 ")"));
  }
  HttpRequest get;
  get.method = "GET";
  get.url = base + "/latest/meta-data/iam/security-credentials/";
  get.headers.emplace_back("X-aws-ec2-metadata-token", Trim(token->body));
  auto role = SendSmall(http_, get, "instance metadata");
  if (!role) return Fail(role.error());
  if (role->status == 404) return Fail(Status::NotFound("this instance has no IAM role"));
  if (role->status != 200) {
    return Fail(Status::Unauthenticated("instance metadata answered HTTP " + std::to_string(role->status)));
  }
  std::string name = Trim(role->body);
  name = name.substr(0, name.find('\n'));
  if (name.empty() || name.find('/') != std::string::npos) {
    return Fail(Status::Unauthenticated("instance metadata named no usable role"));
  }
  get.url += UriEncode(name);
  auto doc = SendSmall(http_, get, "instance metadata");
  if (!doc) return Fail(doc.error());
  if (doc->status != 200) {
    return Fail(Status::Unauthenticated("instance metadata answered HTTP " + std::to_string(doc->status)));
  }
  return ParseCredentialsJson(doc->body, "ec2-instance-metadata (role " + name + ")");
}

Result<Credentials> WebIdentityProvider::Get() {
  std::string file = token_file_, role = role_arn_, session = session_name_;
  if (file.empty()) {
    auto f = env_->GetVar("AWS_WEB_IDENTITY_TOKEN_FILE");
    auto r = env_->GetVar("AWS_ROLE_ARN");
    if (!f || f->empty() || !r || r->empty()) {
      return Fail(Status::NotFound("AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set"));
    }
    file = *f;
    role = *r;
    if (auto s = env_->GetVar("AWS_ROLE_SESSION_NAME"); s && !s->empty()) session = *s;
  }
  if (session.empty()) {
    session = "aws-mcp-" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                               env_->Now().time_since_epoch()).count());
  }
  auto token = env_->ReadFile(file, 64 * 1024);  // re-read each time: the platform rotates it
  if (!token) return Fail(Status::Unauthenticated("cannot read the web identity token file " + file));
  return exchange_(role, session, Trim(*token));
}

}  // namespace awsmcp::aws
