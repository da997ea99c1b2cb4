// The application: wires the layers together for one process from AppOptions
// and serves MCP over stdio or Streamable HTTP.
#pragma once

#include "app/options.h"

namespace awsmcp::app {

// Serves until stdin closes. Returns the process exit code.
int RunStdioServer(const AppOptions& options);

// Serves http://HOST:PORT/mcp until SIGINT or SIGTERM. Refuses a non-loopback
// address without a bearer token. Returns the process exit code.
int RunHttpServer(const AppOptions& options);

}  // namespace awsmcp::app
