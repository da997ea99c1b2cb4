// What a person who runs the stdio server by hand sees: it waits silently
// for JSON-RPC on stdin, which looks like a hang. When stdin is a terminal,
// a few lines on stderr say what it is and how to try it.
#pragma once

#include <cstdio>

namespace awsmcp::app {

// Writes the hint to `err` when standard input is a terminal; nothing otherwise
// (an MCP client always connects a pipe).
void HintWhenInTerminal(std::FILE* err);
// The hint itself.
const char* TerminalHint();

}  // namespace awsmcp::app
