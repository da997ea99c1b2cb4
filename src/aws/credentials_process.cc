#include "aws/credentials_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <optional>
#include <string_view>
#include <vector>

#include "base/json_depth.h"
#include "aws/credentials_json.h"

extern char** environ;

namespace awsmcp::aws {

std::optional<std::vector<std::string>> SplitCommand(std::string_view command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < command.size(); ++i) {
    const char c = command[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) words.push_back(std::move(word)), word.clear(), in_word = false;
    } else if (c == '\'') {
      const size_t end = command.find('\'', i + 1);
      if (end == std::string_view::npos) return std::nullopt;
      word.append(command.substr(i + 1, end - i - 1));
      i = end, in_word = true;
    } else if (c == '"') {
      for (++i; i < command.size() && command[i] != '"'; ++i) {
        // Inside double quotes a backslash escapes only these, as in a POSIX shell.
        if (command[i] == '\\' && i + 1 < command.size() && std::string_view("\\\"$`\n").find(command[i + 1]) !=
                                                                std::string_view::npos) {
          ++i;
        }
        word.push_back(command[i]);
      }
      if (i >= command.size()) return std::nullopt;
      in_word = true;
    } else if (c == '\\') {
      if (++i >= command.size()) return std::nullopt;
      word.push_back(command[i]);
      in_word = true;
    } else {
      word.push_back(c);
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

Result<Credentials> RunCredentialProcess(const std::string& command, const std::string& profile,
                                         const ProcessOptions& options) {
  const std::string who = "credential_process of profile " + profile;
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return Fail(Status::Internal("pipe failed"));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  // Its stderr is dropped: helpers print tokens and prompts there, and ours
  // reaches the MCP client's logs.
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  // No shell: the command is split into words as botocore does (shlex), so
  // "helper; touch x" runs one program with two odd arguments, not two.
  auto words = SplitCommand(command);
  if (!words || words->empty()) {
    posix_spawn_file_actions_destroy(&actions);
    close(out[0]);
    close(out[1]);
    return Fail(Status::Unauthenticated(who + " is empty or has an unclosed quote"));
  }
  std::vector<char*> argv;
  for (auto& w : *words) argv.push_back(w.data());
  argv.push_back(nullptr);
  // Its own process group, so that a timeout ends whatever it started too.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    return Fail(Status::Unauthenticated(who + " could not be started"));
  }
  std::string output;
  bool too_long = false, timed_out = false;
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[4096];
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    output.append(buf, static_cast<size_t>(n));
    if (output.size() > options.max_output) {
      too_long = true;
      break;
    }
  }
  close(out[0]);
  if (timed_out || too_long) kill(-pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  if (timed_out) return Fail(Status::Unauthenticated(who + " did not finish in time"));
  if (too_long) return Fail(Status::Unauthenticated(who + " printed more than the allowed output"));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Fail(Status::Unauthenticated(who + " failed (exit status " +
                                        std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")"));
  }
  nlohmann::json doc = ParseJsonBounded(output);
  if (doc.is_object() && !(doc.contains("Version") && doc["Version"].is_number_integer() && doc["Version"] == 1)) {
    return Fail(Status::Unauthenticated(who + " printed an unsupported Version (expected 1)"));
  }
  return ParseCredentialsJson(output, who, {.token = "SessionToken"});
}

}  // namespace awsmcp::aws
