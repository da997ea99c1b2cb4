// Small hashing helpers over OpenSSL's libcrypto, for signing,
// cache keys and blobs.
#pragma once

#include <string>
#include <string_view>


namespace awsmcp::aws {

// Raw 32-byte SHA-256 digest.
std::string Sha256(std::string_view data);
// Lowercase hex SHA-256 digest.
std::string Sha256Hex(std::string_view data);
// Raw 16-byte MD5 digest: only for Content-MD5, which S3 demands of some
// writes as an integrity check (not for security).
std::string Md5(std::string_view data);
// Raw 32-byte HMAC-SHA256 of data under key.
std::string HmacSha256(std::string_view key, std::string_view data);
// Lowercase hex of raw bytes.
std::string HexEncode(std::string_view bytes);

}  // namespace awsmcp::aws
