// The whole protocol layer with the real tools, prompts, resource catalog and
// completer (wired as app/server_app.cc does; AWS is an in-process fake with
// canned answers, see fake_app.h). The input is newline-separated JSON-RPC
// messages, framed as stdio frames them (a trailing \r dropped, blank lines
// skipped). They are served twice:
//   - as one connection: written to an in-memory transport pair, read by
//     McpServer::Serve until end of input (both eras may occur in it), its
//     answers read from a second pair (stdout);
//   - each line on its own through HandleStateless (a stateless HTTP POST),
//     on one server shared by all inputs, as the HTTP server shares one.
// Invariants (__builtin_trap() when broken):
//   - every message out is valid JSON, a JSON-RPC 2.0 object: a notification
//     (method, no id) or an answer (id and exactly one of result and error);
//   - connection: a request whose id (string or integer) occurs once in the
//     input gets exactly one answer with that id; at most one when a
//     notifications/cancelled names it, or when the line is a response
//     (result or error, no method: it needs none); no answer has an id that
//     is in no line;
//   - stateless: a request gets exactly one final message, the last one, an
//     answer with its id; anything else at most one final.
// FUZZ_DEBUG=1 in the environment prints every message in and out.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fake_app.h"
#include "mcp/server.h"
#include "transport/memory_transport.h"

namespace {

using nlohmann::json;
using awsmcp::transport::MemoryTransport;

constexpr size_t kMaxLines = 48;
constexpr auto kStatelessDeadline = std::chrono::seconds(8);

bool Debug() {
  static const bool debug = std::getenv("FUZZ_DEBUG") != nullptr;
  return debug;
}

[[noreturn]] void Violation(const char* what, const std::string& detail) {
  std::fprintf(stderr, "mcp_server_fuzz: invariant broken: %s: %.2000s\n", what, detail.c_str());
  __builtin_trap();
}

awsmcp::fuzz::FakeApp& App() {
  static auto* app = new awsmcp::fuzz::FakeApp();
  return *app;
}

// Stateless requests share one protocol layer and its pool, as in RunHttpServer.
awsmcp::mcp::McpServer& Stateless() {
  static auto* server = App().MakeServer().release();
  return *server;
}

// A connection whose input and output are separate in-memory pairs, as stdin
// and stdout are separate pipes: the input can end while the output is read.
class Connection final : public awsmcp::transport::Transport {
 public:
  Connection(awsmcp::transport::Transport& in, awsmcp::transport::Transport& out) : in_(in), out_(out) {}
  awsmcp::Result<std::string> Read() override { return in_.Read(); }
  awsmcp::Status Write(const std::string& message) override { return out_.Write(message); }
  void Close() override { in_.Close(); }

 private:
  awsmcp::transport::Transport& in_;
  awsmcp::transport::Transport& out_;
};

// What the input says about one line, read independently of the server: only
// the top two levels are built, so a line nested 5000 deep costs nothing.
struct Line {
  std::string text;
  std::string id;          // id.dump() when the top-level id is a string or integer, else ""
  bool response = false;   // result or error without a method: no answer is due
  std::string cancels;     // requestId.dump() of a notifications/cancelled, else ""
};

Line Inspect(std::string text) {
  Line line;
  line.text = std::move(text);
  json doc = json::parse(line.text, [](int depth, json::parse_event_t, json&) { return depth <= 2; }, false);
  if (!doc.is_object()) return line;
  auto id = doc.find("id");
  if (id != doc.end() && (id->is_string() || id->is_number_integer())) line.id = id->dump();
  line.response = !doc.contains("method") && (doc.contains("result") || doc.contains("error"));
  auto method = doc.find("method");
  auto params = doc.find("params");
  if (method != doc.end() && *method == "notifications/cancelled" && params != doc.end() && params->is_object() &&
      params->contains("requestId")) {
    line.cancels = (*params)["requestId"].dump();
  }
  return line;
}

// Checks one message the server wrote; returns its id.dump() when it is an
// answer, "" for a notification.
std::string CheckOutput(const std::string& message, bool* is_answer) {
  if (!json::accept(message)) Violation("output is not valid JSON", message);
  json m = json::parse(message);
  if (!m.is_object() || m.value("jsonrpc", json()) != "2.0") Violation("output is not a JSON-RPC 2.0 object", message);
  const bool has_id = m.contains("id"), has_method = m.contains("method");
  const int parts = m.contains("result") + m.contains("error");
  if (has_method) {
    if (has_id || parts != 0 || !m["method"].is_string()) Violation("malformed notification", message);
    *is_answer = false;
    return "";
  }
  if (!has_id || parts != 1) Violation("malformed answer", message);
  if (m.contains("error")) {
    const json& e = m["error"];
    if (!e.is_object() || !e.contains("code") || !e["code"].is_number_integer() || !e.contains("message") ||
        !e["message"].is_string()) {
      Violation("malformed error", message);
    }
  }
  *is_answer = true;
  return m["id"].dump();
}

// One stateless request's messages, kept alive by the sink (a late message
// after the check must not touch freed memory).
struct Call {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::string> messages;
  int finals = 0;
  bool message_after_final = false;
};

void ServeConnection(const std::vector<Line>& lines) {
  auto [in_client, in_server] = MemoryTransport::CreatePair();
  auto [out_client, out_server] = MemoryTransport::CreatePair();
  for (const auto& line : lines) {
    if (!in_client->Write(line.text).ok()) Violation("transport refused a write", line.text);
  }
  in_client->Close();  // end of input once the server has read every line
  Connection connection(*in_server, *out_server);
  {
    std::unique_ptr<awsmcp::mcp::McpServer> server = App().MakeServer();
    awsmcp::Status s = server->Serve(connection);  // returns when the calls in flight are answered
    if (!s.ok()) Violation("Serve failed on an in-memory transport", s.ToString());
  }
  out_server->Close();  // the reader now gets what was written, then end of input

  std::map<std::string, int> in_count, answers;
  std::set<std::string> cancelled, responses;
  for (const auto& line : lines) {
    if (!line.id.empty()) ++in_count[line.id];
    if (!line.cancels.empty()) cancelled.insert(line.cancels);
    if (line.response && !line.id.empty()) responses.insert(line.id);
  }
  while (true) {
    auto message = out_client->Read();
    if (!message) break;
    if (Debug()) std::fprintf(stderr, "  <- %s\n", message->c_str());
    bool is_answer = false;
    std::string id = CheckOutput(*message, &is_answer);
    if (!is_answer || id == "null") continue;
    if (!in_count.count(id)) Violation("an answer's id is in no request", *message);
    ++answers[id];
  }
  for (const auto& [id, n] : in_count) {
    if (n != 1) continue;  // a reused id: which answer is whose is not defined
    const int got = answers.count(id) ? answers[id] : 0;
    const bool optional = cancelled.count(id) || responses.count(id);
    if (got > 1 || (got == 0 && !optional)) {
      Violation(got ? "a request was answered more than once" : "a request got no answer", "id " + id);
    }
  }
}

std::vector<std::shared_ptr<Call>> StartStateless(const std::vector<Line>& lines) {
  std::vector<std::shared_ptr<Call>> calls;
  for (const auto& line : lines) {
    auto call = std::make_shared<Call>();
    calls.push_back(call);
    Stateless().HandleStateless(
        line.text,
        [call](const std::string& message, bool final) {
          std::lock_guard<std::mutex> lock(call->mu);
          if (call->finals > 0) call->message_after_final = true;
          call->messages.push_back(message);
          if (final) ++call->finals;
          call->cv.notify_all();
        },
        awsmcp::CancelToken());
  }
  return calls;
}

void CheckStateless(const std::vector<Line>& lines, const std::vector<std::shared_ptr<Call>>& calls) {
  const auto deadline = std::chrono::steady_clock::now() + kStatelessDeadline;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    Call& call = *calls[i];
    std::unique_lock<std::mutex> lock(call.mu);
    const bool due = !line.id.empty() && !line.response;  // a request: its answer is due
    if (due && !call.cv.wait_until(lock, deadline, [&] { return call.finals > 0; })) {
      Violation("a stateless request got no answer", line.text.substr(0, 300));
    }
    if (call.finals > 1 || call.message_after_final) Violation("a stateless request got messages after its answer", line.text.substr(0, 300));
    for (size_t k = 0; k < call.messages.size(); ++k) {
      bool is_answer = false;
      std::string id = CheckOutput(call.messages[k], &is_answer);
      const bool last = k + 1 == call.messages.size();
      if (is_answer != (last && call.finals == 1)) Violation("a stateless answer is not the final message", call.messages[k]);
      if (is_answer && !line.id.empty() && id != line.id) Violation("a stateless answer has another id", call.messages[k]);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Stateless();  // the models and tools are built once, outside any input's time
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string in(reinterpret_cast<const char*>(data), size);
  std::vector<Line> lines;
  for (size_t pos = 0; pos < in.size() && lines.size() < kMaxLines;) {
    size_t end = in.find('\n', pos);
    if (end == std::string::npos) end = in.size();
    std::string text = in.substr(pos, end - pos);
    pos = end + 1;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty()) continue;
    if (Debug()) std::fprintf(stderr, "-> %.300s\n", text.c_str());
    lines.push_back(Inspect(std::move(text)));
  }
  auto calls = StartStateless(lines);  // they run while the connection is served
  ServeConnection(lines);
  CheckStateless(lines, calls);
  return 0;
}
