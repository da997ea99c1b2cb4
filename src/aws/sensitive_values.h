// Sensitive values withheld from answers by the service models' own marks:
// every output value whose shape (or whose member) the model marks
// "sensitive" is replaced by kWithheld, unless a person started the server
// with --allow-secret-reads. Marks cover ECS container environments, EC2
// user data, IAM and STS secret keys, RDS passwords and more.
//
// What stays visible: the answer's shape (members present, list lengths,
// map keys), and inside a sensitive list or structure the members that name
// an entry (name, Name, key, Key), so that "is DB_PASSWORD set?" can still be
// answered. A short hand list covers what the models leave unmarked
// (EC2 DescribeInstanceAttribute's UserData).
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "models/service_model.h"

namespace awsmcp::aws {

inline constexpr char kWithheld[] = "(withheld: sensitive; a person can allow it with --allow-secret-reads)";

// Replaces the sensitive values in `output` (the operation's output, with the
// API's member names) by kWithheld; returns how many were replaced.
size_t WithholdSensitive(const models::ServiceModel& model, const models::Operation& op, nlohmann::json& output);

}  // namespace awsmcp::aws
