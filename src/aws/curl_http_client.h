// CurlHttpClient: HttpClient over libcurl. Connections are kept alive by
// reusing easy handles from a small pool; TLS is always verified; each request
// has a connect and a total timeout, a response size cap, and is aborted
// promptly when its CancelToken fires.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "aws/http.h"
#include "base/thread_annotations.h"

namespace awsmcp::aws {

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(HttpOptions options = {});
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  Result<HttpResponse> Send(const HttpRequest& request, const CancelToken& cancel) override;

 private:
  void* Acquire();             // a CURL* from the pool, or a new one
  void Release(void* handle);  // back to the pool (bounded)

  const HttpOptions options_;
  Mutex mu_;
  std::vector<void*> idle_ GUARDED_BY(mu_);  // CURL* handles with live connections
};

}  // namespace awsmcp::aws
