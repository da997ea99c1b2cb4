// Standard base64 (RFC 4648), for blobs, tokens and mirrored header values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace awsmcp {

// Encodes with padding.
std::string Base64Encode(std::string_view bytes);
// Decodes; padding optional; nullopt on any invalid character.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace awsmcp
