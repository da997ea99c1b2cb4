// AccessPolicy: which operations may be sent at all. It sits in the AWS core
// (AwsClient checks it before signing), so no tool can bypass it.
//
// By default only reads are allowed, and reads of secret or credential
// material (secret values, registry tokens, temporary credentials) are not.
#pragma once

#include <string>

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

// How an operation is classified: the secret list first, then the model's
// "readonly" trait or a read verb prefix (Describe, List, Get, BatchGet, ...).
AccessKind ClassifyOperation(const models::ServiceModel& model, const models::Operation& op);

struct AccessDecision {
  bool allowed = true;
  std::string code;     // kReadOnly / kSecretRead when refused
  std::string message;  // why, and which setting would allow it
};

AccessDecision CheckAccess(const AccessPolicyOptions& options, const models::ServiceModel& model,
                           const models::Operation& op);

}  // namespace awsmcp::aws
