#include "app/terminal_hint.h"

#include <unistd.h>

namespace awsmcp::app {

const char* TerminalHint() {
  return R"(aws-mcp speaks MCP (JSON-RPC) over stdin and stdout: an MCP client starts it and talks to it.
It is waiting for a client's messages now; press Ctrl-D or Ctrl-C to stop it.

To try it:
  aws-mcp doctor                 check credentials, region, permissions and the mapped resources
  scripts/quickstart.sh          (in the source tree) build, then run the demo against a local emulator
  aws-mcp --help                 the options and the configuration file's keys

A client entry (Cursor .cursor/mcp.json, Claude Desktop claude_desktop_config.json):
  {"mcpServers": {"aws": {"command": "/absolute/path/to/aws-mcp",
                          "args": ["--config", "/absolute/path/to/project/.cursor/mcp-config.json"],
                          "env": {"AWS_PROFILE": "default", "AWS_REGION": "us-east-1"}}}}
Claude Code: claude mcp add aws -- /absolute/path/to/aws-mcp --region us-east-1
)";
}

void HintWhenInTerminal(std::FILE* err) {
  if (::isatty(STDIN_FILENO) != 1) return;
  std::fputs(TerminalHint(), err);
  std::fflush(err);
}

}  // namespace awsmcp::app
