// AwsClient's handling of writes: never cached or coalesced, idempotency
// tokens filled as the SDKs do, retried only when that is safe.
#include "aws/client.h"

#include <gtest/gtest.h>

#include <mutex>
#include <regex>

#include "fake_env.h"

namespace awsmcp::aws {
namespace {

using nlohmann::json;

// Answers every request with `status` and counts what was sent.
class CountingHttp : public HttpClient {
 public:
  explicit CountingHttp(int status) : status_(status) {}
  Result<HttpResponse> Send(const HttpRequest& request, const CancelToken&) override {
    std::lock_guard<std::mutex> lock(mu_);
    bodies.push_back(request.body);
    HttpResponse r;
    r.status = status_;
    r.body = status_ == 200 ? "{}" : R"({"__type":"ServerException","message":"boom"})";
    return r;
  }
  std::vector<std::string> bodies;

 private:
  const int status_;
  std::mutex mu_;
};

class FixedCredentials : public CredentialsProvider {
 public:
  Result<Credentials> Get() override { return Credentials{"AKIDEXAMPLE", "secret", "", std::nullopt, "test"}; }
  std::string Name() const override { return "test"; }
};

struct Fixture {
  explicit Fixture(int status) : http(status) {
    ClientOptions o;
    o.access.allow_write = true;
    o.default_region = "us-east-1";
    o.retry.base_delay = o.retry.throttle_base_delay = std::chrono::milliseconds(0);
    client = std::make_unique<AwsClient>(o, &env, &http, &credentials, &models::ModelRegistry::Embedded(),
                                         [](const EndpointQuery& q) {
                                           return Result<CallTarget>(CallTarget{"http://127.0.0.1:9", q.region});
                                         });
  }
  testing::FakeEnv env;
  CountingHttp http;
  FixedCredentials credentials;
  std::unique_ptr<AwsClient> client;
};

TEST(AwsClientWrites, IdenticalWritesAreBothSent) {
  Fixture f(200);
  const json params = {{"family", "web"}, {"containerDefinitions", {{{"name", "app"}, {"image", "nginx"}}}}};
  ASSERT_TRUE(f.client->Call("ecs", "RegisterTaskDefinition", params, {}).has_value());
  ASSERT_TRUE(f.client->Call("ecs", "RegisterTaskDefinition", params, {}).has_value());
  EXPECT_EQ(f.http.bodies.size(), 2u);
  ASSERT_TRUE(f.client->Call("ecs", "ListClusters", json::object(), {}).has_value());
  ASSERT_TRUE(f.client->Call("ecs", "ListClusters", json::object(), {}).has_value());
  EXPECT_EQ(f.http.bodies.size(), 3u);  // the read's second answer came from the cache
}

TEST(AwsClientWrites, FillsIdempotencyTokensAndRetriesThoseWrites) {
  Fixture f(500);
  // ecs RunTask's clientToken is an idempotencyToken member: a UUID is sent, and
  // the same one on every attempt.
  (void)f.client->Call("ecs", "RunTask", {{"taskDefinition", "web"}}, {});
  ASSERT_EQ(f.http.bodies.size(), 3u);
  const std::regex uuid(R"re("clientToken":"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")re");
  EXPECT_TRUE(std::regex_search(f.http.bodies[0], uuid)) << f.http.bodies[0];
  EXPECT_EQ(f.http.bodies[0], f.http.bodies[2]);
}

TEST(AwsClientWrites, AWriteWithoutATokenIsNotRetriedAfterA5xx) {
  Fixture f(500);
  (void)f.client->Call("ecs", "DeleteCluster", {{"cluster", "c"}}, {});
  EXPECT_EQ(f.http.bodies.size(), 1u);
  (void)f.client->Call("ecs", "ListClusters", json::object(), {});
  EXPECT_EQ(f.http.bodies.size(), 4u);  // a read is retried: 3 attempts
}

}  // namespace
}  // namespace awsmcp::aws
