// The application: wires the layers together for one process from AppOptions
// and serves MCP over stdio or Streamable HTTP.
#pragma once

#include "app/options.h"
#include "base/status.h"
#include "transport/transport.h"

namespace awsmcp::app {

// Serves one MCP session over `transport` with the app's tools, resources and
// prompts until the transport closes: the stdio server without stdio (tests).
Status ServeSession(const AppOptions& options, transport::Transport& transport);

// Serves until stdin closes. Returns the process exit code.
int RunStdioServer(const AppOptions& options);

// Serves http://HOST:PORT/mcp until SIGINT or SIGTERM. Refuses a non-loopback
// address without a bearer token. Returns the process exit code.
int RunHttpServer(const AppOptions& options);

}  // namespace awsmcp::app
