// The two protocol eras this server speaks at once (spec 2026-07-28,
// "Versioning"):
//   legacy  2025-11-25, 2025-06-18, 2025-03-26: an `initialize` handshake
//           opens a session (the stdio process, or an HTTP session);
//   modern  2026-07-28: stateless; every request carries its protocol version
//           and the client's capabilities in params._meta, and the server
//           answers each request on its own.
// A request whose _meta names a protocol version, or a server/discover, is
// served in the modern era; `initialize` selects the legacy one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "jsonrpc/message.h"

namespace awsmcp::mcp {

// The reserved _meta keys of the modern era.
inline constexpr char kMetaProtocolVersion[] = "io.modelcontextprotocol/protocolVersion";
inline constexpr char kMetaClientCapabilities[] = "io.modelcontextprotocol/clientCapabilities";
inline constexpr char kMetaLogLevel[] = "io.modelcontextprotocol/logLevel";
inline constexpr char kMetaServerInfo[] = "io.modelcontextprotocol/serverInfo";

// Modern versions served, newest first.
const std::vector<std::string>& ModernVersions();
// Legacy versions served through initialize, newest first; the first is the default.
const std::vector<std::string>& LegacyVersions();
// Both, newest first: server/discover's supportedVersions.
const std::vector<std::string>& AllVersions();
bool IsModernVersion(std::string_view version);
bool IsLegacyVersion(std::string_view version);

// True when a request asks for the modern era: its _meta names a protocol
// version, or it is server/discover (which exists only there).
bool AsksForModernEra(const std::string& method, const nlohmann::json& params);

using jsonrpc::RpcError;

// UnsupportedProtocolVersionError (-32022) for `requested`, listing AllVersions().
RpcError UnsupportedVersion(const std::string& requested);

// Checks a modern request's _meta: nullopt when it carries a protocol version
// this server serves and a capabilities object; otherwise -32602 (a field is
// missing or of the wrong type) or -32022 (the version is not served).
std::optional<RpcError> CheckModernMeta(const nlohmann::json& params);

}  // namespace awsmcp::mcp
