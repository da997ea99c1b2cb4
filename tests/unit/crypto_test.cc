#include "aws/crypto.h"

#include <gtest/gtest.h>

#include "base/base64.h"
#include "base/percent_encoding.h"
#include "aws/uri.h"

namespace awsmcp::aws {
namespace {

// FIPS 180-2 examples.
TEST(Crypto, Sha256KnownAnswers) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

// RFC 4231 test cases 1 and 2.
TEST(Crypto, HmacSha256KnownAnswers) {
  EXPECT_EQ(HexEncode(HmacSha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

// RFC 4648 section 10.
TEST(Crypto, Base64KnownAnswersAndRoundTrip) {
  const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char* coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(Base64Encode(plain[i]), coded[i]);
    EXPECT_EQ(Base64Decode(coded[i]).value_or("?"), plain[i]);
  }
  EXPECT_FALSE(Base64Decode("Zm9v!").has_value());
  EXPECT_FALSE(Base64Decode("Z").has_value());
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  EXPECT_EQ(Base64Decode(Base64Encode(all)).value_or(""), all);
}

TEST(Uri, EncodesAsAwsDoes) {
  EXPECT_EQ(UriEncode("a b/c~d_e.f-g"), "a%20b%2Fc~d_e.f-g");
  EXPECT_EQ(UriEncode("a b/c", true), "a%20b/c");
  EXPECT_EQ(UriEncode("\xE6\x97\xA5"), "%E6%97%A5");
  EXPECT_EQ(UriDecode("a%20b+c", true), "a b c");
  EXPECT_EQ(UriDecode("%zz%4"), "%zz%4");
}

TEST(Uri, ParsesEndpoints) {
  auto u = ParseUrl("http://127.0.0.1:5000/a?b=c");
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 5000);
  EXPECT_EQ(u->path, "/a");
  EXPECT_EQ(u->query, "b=c");
  EXPECT_EQ(u->HostHeader(), "127.0.0.1:5000");
  EXPECT_EQ(ParseUrl("https://h:443")->HostHeader(), "h");
  EXPECT_EQ(ParseUrl("https://[::1]:8443/")->host, "[::1]");
  for (const char* bad : {"ftp://x", "http://", "https://user@h/", "http://h:99999", "nohost", "http://h:1x"}) {
    EXPECT_FALSE(ParseUrl(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace awsmcp::aws
