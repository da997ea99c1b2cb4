#include "aws/credentials_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/json_depth.h"
#include "aws/credentials_json.h"

extern char** environ;

namespace awsmcp::aws {

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
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
  pid_t pid = 0;
  int rc = posix_spawn(&pid, "/bin/sh", &actions, nullptr, const_cast<char* const*>(argv), environ);
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
  if (timed_out || too_long) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  if (timed_out) return Fail(Status::Unauthenticated(who + " did not finish in time"));
  if (too_long) return Fail(Status::Unauthenticated(who + " printed more than the allowed output"));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Fail(Status::Unauthenticated(who + " failed (exit status " +
                                        std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")"));
  }
  nlohmann::json doc = ParseJsonBounded(output);
  if (doc.is_object() && doc.value("Version", 0) != 1) {
    return Fail(Status::Unauthenticated(who + " printed an unsupported Version (expected 1)"));
  }
  return ParseCredentialsJson(output, who, {.token = "SessionToken"});
}

}  // namespace awsmcp::aws
