// HTTP request/response values and the HttpClient interface. The AWS core only
// sees this interface; aws/curl_http_client.h is the real one.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "base/cancel.h"
#include "base/status.h"

namespace awsmcp::aws {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "POST";
  std::string url;  // absolute: scheme://host[:port]/path[?query]
  Headers headers;  // names as given; signing lowercases them
  std::string body;
};

struct HttpResponse {
  int status = 0;
  Headers headers;  // names lowercased
  std::string body;
  // Value of a header (case-insensitive name), "" if absent.
  std::string Header(std::string_view name) const;
};

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{3000};  // default 3 s
  std::chrono::milliseconds total_timeout{30000};   // default 30 s per attempt
  size_t max_response_bytes = 64u << 20;            // default 64 MiB; larger is ResourceExhausted
  bool verify_tls = true;                           // default on; never turned off by config
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends one request. A received response of any status is a value; transport
  // failures are errors: Unavailable (connect/reset/DNS), DeadlineExceeded
  // (timeout), Cancelled (token fired), ResourceExhausted (body over the cap).
  // Thread-safe: called concurrently from many requests.
  virtual Result<HttpResponse> Send(const HttpRequest& request, const CancelToken& cancel) = 0;
};

}  // namespace awsmcp::aws
