// AccessPolicy: which operations may be sent at all. It sits in the AWS core
// (AwsClient checks it before signing), so no tool can bypass it.
//
// By default only reads are allowed, and reads of secret or credential
// material (secret values, registry tokens, temporary credentials) are not.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/service_model.h"

namespace awsmcp::aws {

enum class AccessKind {
  kRead,        // describes or lists; no side effect
  kSecretRead,  // returns secret or credential material
  kWrite,       // anything else: creates, changes, deletes, starts
};

struct AccessPolicyOptions {
  bool allow_write = false;         // default false: --allow-write
  bool allow_secret_reads = false;  // default false: --allow-secret-reads
};

// An operation's class, why, and whether each call costs money.
struct Classification {
  AccessKind kind = AccessKind::kWrite;
  std::string_view why;      // one phrase: "read verb Describe", "hands out credentials", ...
  std::string_view billing;  // "" when a call is free; else how it is billed
};

// How an operation is classified, first rule that applies:
//   1. the credential list: its whole purpose is a credential, token, secret
//      or presigned URL (kSecretRead);
//   2. read-named actions that act (cloudformation DetectStackDrift starts
//      drift detection) count as writes;
//   3. the model's "readonly" trait, or a read that has no read verb
//      (dynamodb Query and Scan);
//   4. a read verb prefix (Describe, List, Get, BatchGet, Head, ...);
//   5. anything else is a write: an unknown operation fails closed.
// docs/operation-classes.tsv holds the result for every shipped operation.
Classification Classify(const models::ServiceModel& model, const models::Operation& op);
// Every (service, operation) the rules name one by one, so a test can check
// that each still exists in the models (a typo would silently never match).
std::vector<std::pair<std::string_view, std::string_view>> NamedOperations();

inline AccessKind ClassifyOperation(const models::ServiceModel& model, const models::Operation& op) {
  return Classify(model, op).kind;
}

struct AccessDecision {
  bool allowed = true;
  std::string code;     // kReadOnly / kSecretRead when refused
  std::string message;  // why, and which setting would allow it
};

AccessDecision CheckAccess(const AccessPolicyOptions& options, const models::ServiceModel& model,
                           const models::Operation& op);

}  // namespace awsmcp::aws
