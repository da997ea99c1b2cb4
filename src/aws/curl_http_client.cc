#include "aws/curl_http_client.h"

#include <curl/curl.h>

#include <strings.h>

#include <cctype>

namespace awsmcp::aws {
namespace {

constexpr size_t kMaxIdleHandles = 16;
constexpr size_t kMaxHeaderBytes = 64 * 1024;

struct Transfer {
  HttpResponse* response;
  const CancelToken* cancel;
  size_t max_body;
  size_t header_bytes = 0;
  bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * n;
  if (t->response->body.size() + len > t->max_body) {
    t->too_large = true;
    return 0;  // aborts the transfer
  }
  t->response->body.append(data, len);
  return len;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * n;
  t->header_bytes += len;
  if (t->header_bytes > kMaxHeaderBytes) return 0;
  std::string_view line(data, len);
  if (line.rfind("HTTP/", 0) == 0) {
    t->response->headers.clear();  // a new status line (after 100-continue or a redirect)
    return len;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return len;
  std::string name(line.substr(0, colon));
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
  t->response->headers.emplace_back(std::move(name), std::string(value));
  return len;
}

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<Transfer*>(user)->cancel->cancelled() ? 1 : 0;
}

void GlobalInit() {
  static const bool done = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return true;
  }();
  (void)done;
}

}  // namespace

CurlHttpClient::CurlHttpClient(HttpOptions options) : options_(options) { GlobalInit(); }

CurlHttpClient::~CurlHttpClient() {
  for (void* h : idle_) curl_easy_cleanup(static_cast<CURL*>(h));
}

void* CurlHttpClient::Acquire() {
  {
    MutexLock lock(mu_);
    if (!idle_.empty()) {
      void* h = idle_.back();
      idle_.pop_back();
      return h;
    }
  }
  return curl_easy_init();
}

void CurlHttpClient::Release(void* handle) {
  MutexLock lock(mu_);
  if (idle_.size() < kMaxIdleHandles) {
    idle_.push_back(handle);
  } else {
    curl_easy_cleanup(static_cast<CURL*>(handle));
  }
}

Result<HttpResponse> CurlHttpClient::Send(const HttpRequest& request, const CancelToken& cancel) {
  CURL* curl = static_cast<CURL*>(Acquire());
  if (curl == nullptr) return Fail(Status::Internal("curl_easy_init failed"));
  curl_easy_reset(curl);  // keeps the connection cache, clears options

  HttpResponse response;
  Transfer transfer{&response, &cancel, options_.max_response_bytes};
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) headers = curl_slist_append(headers, (name + ": " + value).c_str());
  headers = curl_slist_append(headers, "Expect:");
  // curl would add a form Content-Type to a body-less PUT or DELETE; rest requests carry their own or none.
  bool has_type = false;
  for (const auto& h : request.headers) has_type |= strcasecmp(h.first.c_str(), "content-type") == 0;
  if (!has_type) headers = curl_slist_append(headers, "Content-Type:");

  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);  // a HEAD answer's Content-Length announces no body
  } else {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);  // "/../" in an S3 key is part of the key, and was signed so
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, options_.verify_tls ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, options_.verify_tls ? 2L : 0L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip when the server offers it
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);

  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  char* host_c = nullptr;
  curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &host_c);
  std::string where = host_c ? host_c : "";
  if (auto q = where.find('?'); q != std::string::npos) where.resize(q);  // never echo query strings
  curl_slist_free_all(headers);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  Release(curl);

  if (rc == CURLE_OK) {
    response.status = static_cast<int>(status);
    return response;
  }
  std::string what = std::string(curl_easy_strerror(rc)) + " (" + where + ")";
  if (transfer.too_large) {
    return Fail(Status::ResourceExhausted("response larger than " + std::to_string(options_.max_response_bytes) +
                                          " bytes from " + where));
  }
  switch (rc) {
    case CURLE_ABORTED_BY_CALLBACK: return Fail(Status::Cancelled("request cancelled"));
    case CURLE_OPERATION_TIMEDOUT: return Fail(Status::DeadlineExceeded("timed out: " + what));
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR: return Fail(Status::Unavailable(what));
    default: return Fail(Status::Unavailable(what));
  }
}

}  // namespace awsmcp::aws
