// aws-mcp: an MCP server for fast, read-only access to AWS.
#include <cstdio>

#include "app/doctor.h"
#include "app/options.h"
#include "app/server_app.h"
#include "app/terminal_hint.h"
#include "models/model_registry.h"

int main(int argc, char** argv) {
  int exit_code = -1;
  auto options = awsmcp::app::ParseCommandLine(argc, argv, &exit_code);
  if (!options) {
    std::fprintf(stderr, "aws-mcp: %s\n", options.error().message().c_str());
    return 2;
  }
  if (exit_code >= 0) return exit_code;
  if (!options->models_dir.empty()) {
    const awsmcp::Status loaded = awsmcp::models::ModelRegistry::Embedded().AddDirectory(options->models_dir);
    if (!loaded.ok()) {
      std::fprintf(stderr, "aws-mcp: %s\n", loaded.message().c_str());
      return 2;
    }
  }
  if (options->doctor) return awsmcp::app::RunDoctor(*options, stdout);
  if (!options->http.empty()) return awsmcp::app::RunHttpServer(*options);
  awsmcp::app::HintWhenInTerminal(stderr);
  return awsmcp::app::RunStdioServer(*options);
}
