// S3's region redirect: an answer naming the bucket's own region is sent
// again once, signed for that region; anything else is not followed.
#include "aws/client.h"

#include <gtest/gtest.h>

#include <mutex>

#include "fake_env.h"

namespace awsmcp::aws {
namespace {

using nlohmann::json;

// Answers with `first` until a request is signed for `home`, then with a listing.
class RedirectingHttp : public HttpClient {
 public:
  RedirectingHttp(HttpResponse first, std::string home) : first_(std::move(first)), home_(std::move(home)) {}
  Result<HttpResponse> Send(const HttpRequest& request, const CancelToken&) override {
    std::lock_guard<std::mutex> lock(mu_);
    std::string auth;
    for (const auto& [name, value] : request.headers) {
      if (name == "Authorization") auth = value;
    }
    scopes.push_back(auth.substr(0, auth.find("/s3/")));
    if (auth.find("/" + home_ + "/s3/") == std::string::npos) return first_;
    HttpResponse ok;
    ok.status = 200;
    ok.body = "<ListBucketResult><Name>b</Name><KeyCount>0</KeyCount></ListBucketResult>";
    return ok;
  }
  std::vector<std::string> scopes;  // the credential scope of each request, up to the service

 private:
  HttpResponse first_;
  std::string home_;
  std::mutex mu_;
};

class FixedCredentials : public CredentialsProvider {
 public:
  Result<Credentials> Get() override { return Credentials{"AKIDEXAMPLE", "secret", "", std::nullopt, "test"}; }
  std::string Name() const override { return "test"; }
};

std::expected<json, CallError> ListIn(RedirectingHttp& http) {
  testing::FakeEnv env;
  FixedCredentials credentials;
  ClientOptions o;
  o.default_region = "us-east-1";
  o.retry.base_delay = o.retry.throttle_base_delay = std::chrono::milliseconds(0);
  AwsClient client(o, &env, &http, &credentials, &models::ModelRegistry::Embedded(), [](const EndpointQuery& q) {
    return Result<CallTarget>(CallTarget{"http://127.0.0.1:9/b", q.region});
  });
  return client.Call("s3", "ListObjectsV2", {{"Bucket", "b"}}, {});
}

HttpResponse Answer(int status, std::string body, std::string bucket_region = "") {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  if (!bucket_region.empty()) r.headers.emplace_back("x-amz-bucket-region", bucket_region);
  return r;
}

TEST(S3Redirect, PermanentRedirectIsFollowedOnceToTheBucketsRegion) {
  RedirectingHttp http(Answer(301, "<Error><Code>PermanentRedirect</Code><Message>m</Message></Error>", "eu-west-1"),
                       "eu-west-1");
  auto out = ListIn(http);
  ASSERT_TRUE(out.has_value()) << out.error().message;
  ASSERT_EQ(http.scopes.size(), 2u);
  EXPECT_NE(http.scopes[0].find("/us-east-1"), std::string::npos);
  EXPECT_NE(http.scopes[1].find("/eu-west-1"), std::string::npos);
}

TEST(S3Redirect, AuthorizationHeaderMalformedNamesTheRegionInItsBody) {
  RedirectingHttp http(Answer(400, "<Error><Code>AuthorizationHeaderMalformed</Code><Message>m</Message>"
                                   "<Region>ap-south-1</Region></Error>"),
                       "ap-south-1");
  auto out = ListIn(http);
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_EQ(http.scopes.size(), 2u);
}

TEST(S3Redirect, IsFollowedOnlyOnceAndOnlyToARegionShapedName) {
  // The "home" is never reached: the redirect is followed once, then the error stands.
  RedirectingHttp loop(Answer(301, "<Error><Code>PermanentRedirect</Code></Error>", "eu-west-1"), "nowhere");
  EXPECT_FALSE(ListIn(loop).has_value());
  EXPECT_EQ(loop.scopes.size(), 2u);
  RedirectingHttp hostile(Answer(301, "<Error><Code>PermanentRedirect</Code></Error>", "evil.example/x"), "x");
  EXPECT_FALSE(ListIn(hostile).has_value());
  EXPECT_EQ(hostile.scopes.size(), 1u);
  RedirectingHttp denied(Answer(403, "<Error><Code>AccessDenied</Code></Error>", "eu-west-1"), "eu-west-1");
  EXPECT_FALSE(ListIn(denied).has_value());
  EXPECT_EQ(denied.scopes.size(), 1u);
}

}  // namespace
}  // namespace awsmcp::aws
