// JWT verification against tokens signed by Python's `cryptography`
// (scripts/gen_jwt_vectors.py -> tests/data/jwt/vectors.json).
#include "auth/jwt.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace {

using nlohmann::json;

json Vectors() {
  std::ifstream in(std::string(AWSMCP_TEST_DATA) + "/jwt/vectors.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

TEST(Jwt, VerdictsMatchTheVectors) {
  json v = Vectors();
  auto keys = awsmcp::auth::ParseJwks(v["jwks"].dump());
  ASSERT_TRUE(keys.has_value());
  EXPECT_EQ(keys->size(), 2u);  // the RSA and EC keys; the symmetric one is never a verification key
  awsmcp::auth::JwtPolicy policy{.issuer = v["issuer"], .audience = v["audience"]};
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(v["now"].get<int64_t>()));
  ASSERT_GE(v["cases"].size(), 15u);
  for (const auto& c : v["cases"]) {
    auto got = awsmcp::auth::VerifyJwt(c["token"], *keys, policy, now);
    EXPECT_EQ(got.has_value(), c["valid"].get<bool>()) << c["name"];
    if (!got) {
      EXPECT_NE(got.error().message().find(c["reason"].get<std::string>()), std::string::npos)
          << c["name"] << ": " << got.error().message();
      EXPECT_EQ(got.error().message().find(c["token"].get<std::string>()), std::string::npos);  // never echoed
    }
  }
}

TEST(Jwt, ScopesFromScopeOrScp) {
  json v = Vectors();
  auto keys = awsmcp::auth::ParseJwks(v["jwks"].dump());
  awsmcp::auth::JwtPolicy policy{.issuer = v["issuer"], .audience = v["audience"]};
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(v["now"].get<int64_t>()));
  for (const auto& c : v["cases"]) {
    if (c["name"] == "rs256 valid") {
      EXPECT_EQ(awsmcp::auth::VerifyJwt(c["token"], *keys, policy, now)->scopes, std::vector<std::string>{"aws:read"});
    }
    if (c["name"] == "scp list") {
      EXPECT_EQ(awsmcp::auth::VerifyJwt(c["token"], *keys, policy, now)->scopes,
                (std::vector<std::string>{"aws:read", "aws:write"}));
    }
  }
}

TEST(Jwt, BadJwksDocuments) {
  EXPECT_FALSE(awsmcp::auth::ParseJwks("[]").has_value());
  EXPECT_FALSE(awsmcp::auth::ParseJwks("not json").has_value());
  auto empty = awsmcp::auth::ParseJwks(R"({"keys": [{"kty": "RSA", "n": "AQAB", "e": "AQAB"}, 7]})");
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->empty());  // a 24-bit RSA key is no key
}

}  // namespace
