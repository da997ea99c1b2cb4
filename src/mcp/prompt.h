// What a prompt is to the MCP server: a named message template with
// arguments. The server checks that required arguments are present and are
// strings before calling the handler.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace awsmcp::mcp {

struct PromptArgument {
  std::string name;
  std::string description;
  bool required = false;
};

// One message of a prompt's result.
struct PromptMessage {
  std::string role = "user";  // "user" or "assistant"
  std::string text;
};

struct Prompt {
  std::string name;
  std::string title;
  std::string description;
  std::vector<PromptArgument> arguments;
  // Builds the messages from the arguments (all strings; required ones present).
  std::function<std::vector<PromptMessage>(const std::map<std::string, std::string>& arguments)> handler;
};

}  // namespace awsmcp::mcp
