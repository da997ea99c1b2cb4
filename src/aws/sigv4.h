// AWS Signature Version 4, split as the AWS SDKs split it: what is signed (an
// HttpRequest), how (SigningParams: region, service and an explicit time; the
// signer never reads a clock), and the result (headers added to the request).
// Each stage is a function of its own so it can be tested against botocore.
#pragma once

#include <chrono>
#include <string>

#include "aws/credentials.h"
#include "aws/http.h"
#include "base/status.h"

namespace awsmcp::aws {

struct SigningParams {
  std::string region;   // signing region, e.g. "us-east-1"
  std::string service;  // signing name, e.g. "ecs"
  std::chrono::system_clock::time_point time;
  // S3's flavour (botocore's s3v4): the path is signed as sent (no second
  // URI-encoding, no dot-segment removal) and X-Amz-Content-SHA256 carries the
  // payload's hash.
  bool s3 = false;
};

// "20240102T030405Z" and "20240102".
std::string AmzDate(std::chrono::system_clock::time_point t);
std::string AmzDay(std::chrono::system_clock::time_point t);

struct CanonicalRequest {
  std::string text;            // the canonical request itself
  std::string signed_headers;  // "content-type;host;x-amz-date"
};

// Stage 1. Signs every header of `req` but those AWS leaves out (user-agent,
// expect, transfer-encoding, x-amzn-trace-id, authorization); `req` must
// already carry Host and X-Amz-Date. InvalidArgument for a bad URL.
// With `s3`, the path is taken as sent (see SigningParams::s3).
Result<CanonicalRequest> MakeCanonicalRequest(const HttpRequest& req, bool s3 = false);
// Stage 2. "AWS4-HMAC-SHA256\n<amz-date>\n<scope>\n<hex sha256 of canonical>".
std::string MakeStringToSign(const std::string& canonical_request, const SigningParams& params);
// "20240102/us-east-1/ecs/aws4_request".
std::string CredentialScope(const SigningParams& params);
// Stage 3. Hex HMAC of the string to sign under the derived signing key.
std::string MakeSignature(const std::string& secret_access_key, const std::string& string_to_sign,
                          const SigningParams& params);

// All stages: sets Host (when absent), X-Amz-Date, X-Amz-Security-Token (when
// the credentials have a session token), X-Amz-Content-SHA256 (S3) and
// Authorization on `req`.
Status SignRequest(HttpRequest& req, const Credentials& creds, const SigningParams& params);

}  // namespace awsmcp::aws
