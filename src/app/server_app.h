// The application: wires the layers together for one process from AppOptions
// and serves MCP over stdio.
#pragma once

#include "app/options.h"

namespace awsmcp::app {

// Serves until stdin closes. Returns the process exit code.
int RunStdioServer(const AppOptions& options);

}  // namespace awsmcp::app
