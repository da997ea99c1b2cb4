// Status and Result: the error value passed across every module boundary.
// No exception crosses a module; a function that can fail returns Status or
// Result<T> (std::expected<T, Status>).
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace awsmcp {

enum class Code {
  kOk = 0,
  kInvalidArgument,   // caller's input is wrong; retrying will not help
  kNotFound,          // a named thing does not exist
  kPermissionDenied,  // refused by local policy (read-only, secrets) or by AWS
  kUnauthenticated,   // no usable credentials
  kUnavailable,       // transient: connection failure, 5xx, throttled
  kDeadlineExceeded,  // a time bound ran out
  kCancelled,         // the caller cancelled
  kResourceExhausted, // a size bound was hit
  kAwsError,          // AWS answered with an error (see aws/aws_error.h)
  kInternal,          // a bug or an impossible state
};

const char* CodeName(Code code);

class Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status PermissionDenied(std::string m) { return {Code::kPermissionDenied, std::move(m)}; }
  static Status Unauthenticated(std::string m) { return {Code::kUnauthenticated, std::move(m)}; }
  static Status Unavailable(std::string m) { return {Code::kUnavailable, std::move(m)}; }
  static Status DeadlineExceeded(std::string m) { return {Code::kDeadlineExceeded, std::move(m)}; }
  static Status Cancelled(std::string m = "cancelled") { return {Code::kCancelled, std::move(m)}; }
  static Status ResourceExhausted(std::string m) { return {Code::kResourceExhausted, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "InvalidArgument: message"
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

template <typename T>
using Result = std::expected<T, Status>;

// return Fail(Status::NotFound("x")); from a function returning Result<T>.
inline std::unexpected<Status> Fail(Status s) { return std::unexpected<Status>(std::move(s)); }

}  // namespace awsmcp
