// Hints for the common AWS errors, as the seed's troubleshooting section lists
// them: what the user can check or do next.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "aws/call_error.h"
#include "models/service_model.h"

namespace awsmcp::aws {

// A one- or two-sentence hint for `error` raised by `operation` of `service`
// in `region`, or "" when there is nothing better to say than the message.
// `params` (the call's input) lets a not-found hint name what was looked for.
// `credentials_source` (Credentials::source, "" when unknown) decides how
// expired credentials are renewed: the environment of a running process
// cannot change, a profile's files and logins are re-read.
std::string HintFor(const CallError& error, const models::ServiceMetadata& service, const std::string& operation,
                    const std::string& region, const nlohmann::json& params = nlohmann::json::object(),
                    const std::string& credentials_source = "");

}  // namespace awsmcp::aws
