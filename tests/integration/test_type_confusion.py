"""A type-confusion sweep: every param of every method (nested ones too, and
the 2026-07-28 _meta keys themselves) set to each wrong JSON type, on stdio
and on HTTP, in both eras; then every property of every tool's inputSchema set
to each wrong type. Each request must get a JSON-RPC response with its own id
carrying a result or an error of an acceptable code; the server must never
exit, and after every batch of 50 requests a ping (legacy) or server/discover
(modern) must still answer.

A server that dies is restarted so the sweep goes on, and every request that
killed it is listed in the failure (so one run names all the crashes)."""
import copy
import http.client
import json
import secrets
import subprocess
import time
import unittest

from harness import McpServer, ServerError, module_moto, setUpModule  # noqa: F401
from harness import tearDownModule as harness_teardown
from http_helpers import INIT_PARAMS, META, HttpServer, answer_message, mirrored_params, modern_headers

WRONG = [None, True, 0, -1, 1.5, "", "x", [], [1], {}, {"a": 1}]
BATCH = 50                 # a liveness probe after this many requests
MAX_RESTARTS = 25          # a server that keeps dying: stop the sweep there
SWEEP_BUDGET = 40.0        # seconds one sweep may take before it gives up (reported as a failure)
ANSWER_TIMEOUT = 15.0
TOKEN = secrets.token_hex(16)

PV = "io.modelcontextprotocol/protocolVersion"
CAPS = "io.modelcontextprotocol/clientCapabilities"
LOG_LEVEL = "io.modelcontextprotocol/logLevel"

# (method, valid params, paths of the params to set to wrong values). Every
# method also gets params itself and params._meta replaced.
SHARED = [
    ("tools/list", {}, [("cursor",)]),
    ("tools/call", {"name": "aws_describe", "arguments": {"service": "sts"}},
     [("name",), ("arguments",), ("arguments", "service"), ("_meta", "progressToken")]),
    ("resources/list", {}, [("cursor",)]),
    ("resources/templates/list", {}, [("cursor",)]),
    ("resources/read", {"uri": "aws://logs/%2Fno%2Fsuch"}, [("uri",)]),
    ("prompts/list", {}, [("cursor",)]),
    ("prompts/get", {"name": "health_report", "arguments": {"service": "api"}},
     [("name",), ("arguments",), ("arguments", "service")]),
    ("completion/complete", {"ref": {"type": "ref/prompt", "name": "health_report"},
                             "argument": {"name": "service", "value": "a"}, "context": {"arguments": {}}},
     [("ref",), ("ref", "type"), ("ref", "name"), ("argument",), ("argument", "name"), ("argument", "value"),
      ("context",), ("context", "arguments")]),
    ("completion/complete", {"ref": {"type": "ref/resource", "uri": "aws://logs/{logGroup}"},
                             "argument": {"name": "logGroup", "value": ""}},
     [("ref", "uri")]),
]
LEGACY_ONLY = [
    ("initialize", INIT_PARAMS, [("protocolVersion",), ("capabilities",), ("clientInfo",), ("clientInfo", "name"),
                                 ("clientInfo", "version"), ("capabilities", "roots")]),
    ("ping", {}, []),
    ("logging/setLevel", {"level": "info"}, [("level",)]),
]
MODERN_ONLY = [("server/discover", {}, [])]
MODERN_META_PATHS = [("_meta", PV), ("_meta", CAPS), ("_meta", LOG_LEVEL)]

BASE_CODES = {-32600, -32601, -32602, -32603}
# Codes the eras define for a value of the right type that is still refused:
# legacy resource not found; modern header mismatch and unsupported version.
ERA_CODES = {"legacy": {-32002}, "modern": {-32020, -32022}}


def set_path(params, path, value):
    """A copy of `params` with the member at `path` set to `value` (path () replaces params)."""
    if not path:
        return copy.deepcopy(value)
    out = copy.deepcopy(params)
    at = out
    for key in path[:-1]:
        if not isinstance(at.get(key), dict):
            at[key] = {}
        at = at[key]
    at[path[-1]] = copy.deepcopy(value)
    return out


def with_meta(params):
    """Modern params: the required _meta merged in (what the mutation left of it wins)."""
    if not isinstance(params, dict):
        return params
    out = dict(params)
    if "_meta" not in out:
        out["_meta"] = dict(META)
    elif isinstance(out["_meta"], dict):
        merged = dict(META)
        merged.update(out["_meta"])
        out["_meta"] = merged
    return out


def protocol_cases(era):
    methods = SHARED + (LEGACY_ONLY if era == "legacy" else MODERN_ONLY)
    cases = []
    for method, base, paths in methods:
        extra = [(), ("_meta",)] + (MODERN_META_PATHS if era == "modern" else [])
        for path in extra + list(paths):
            for value in WRONG:
                if era == "modern" and path and path[0] == "_meta" and len(path) > 1:
                    # Mutate one key of the full modern _meta.
                    params = set_path(dict(base, _meta=dict(META)), path, value)
                elif era == "modern" and path and path != ("_meta",):
                    params = with_meta(set_path(base, path, value))
                else:
                    params = set_path(base, path, value)
                cases.append(("%s %s=%s" % (method, ".".join(path) or "params", json.dumps(value)), method, params))
    return cases


JSON_TYPES = {"string": str, "object": dict, "array": list, "boolean": bool}


def same_type(value, schema_type):
    """True when `value` already has the property's JSON type (not a wrong type)."""
    if schema_type == "integer":
        return False  # 0 and -1 are below every integer property's minimum: sent too
    t = JSON_TYPES.get(schema_type)
    if t is None:
        return False
    if t is not bool and isinstance(value, bool):
        return False
    return isinstance(value, t)


def tool_cases(tools, era):
    base_args = {"aws_call": {"service": "sts", "action": "GetCallerIdentity"}}
    cases = []
    for tool in tools:
        props = (tool.get("inputSchema") or {}).get("properties") or {}
        for name, prop in sorted(props.items()):
            for value in WRONG:
                if same_type(value, prop.get("type")):
                    continue
                args = dict(base_args.get(tool["name"], {}))
                args[name] = value
                params = {"name": tool["name"], "arguments": args}
                if era == "modern":
                    params = with_meta(params)
                cases.append(("tools/call %s.%s=%s" % (tool["name"], name, json.dumps(value)), "tools/call", params))
    return cases


def request_era(method, params):
    """The era a request is served in: modern when its _meta names a protocol
    version (or it is server/discover), else legacy (so a modern-era process
    that gets a request whose _meta was broken answers it as a legacy one)."""
    if method == "server/discover":
        return "modern"
    meta = params.get("_meta") if isinstance(params, dict) else None
    return "modern" if isinstance(meta, dict) and PV in meta else "legacy"


def check_answer(msg, request_id, era):
    """None when `msg` is an acceptable answer to request `request_id` (of
    `era`), else why not."""
    if not isinstance(msg, dict):
        return "answer is not a JSON object: %r" % (msg,)
    if msg.get("jsonrpc") != "2.0":
        return "answer without jsonrpc 2.0: %s" % json.dumps(msg)[:300]
    if msg.get("id") != request_id:
        return "answer id %r, expected %r: %s" % (msg.get("id"), request_id, json.dumps(msg)[:300])
    if ("result" in msg) == ("error" in msg):
        return "answer needs exactly one of result/error: %s" % json.dumps(msg)[:300]
    if "error" in msg:
        err = msg["error"]
        if not isinstance(err, dict) or not isinstance(err.get("message"), str):
            return "malformed error: %s" % json.dumps(msg)[:300]
        if err.get("code") not in BASE_CODES | ERA_CODES[era]:
            return "error code %r not acceptable: %s" % (err.get("code"), json.dumps(msg)[:300])
    return None


# --------------------------------------------------------------------------
# How a request reaches the server: stdio or HTTP, legacy or modern.

class StdioRunner:
    def __init__(self, era):
        self.era = era
        self.server = None
        self.restart()

    def restart(self, initialize=None):
        if self.server is not None:
            self.server.kill()
        self._initialized = (self.era == "legacy") if initialize is None else initialize
        self.server = McpServer(module_moto().endpoint, ["--cache-ttl", "0"], timeout=ANSWER_TIMEOUT)
        self.server.start(initialize=self._initialized)

    def first_initialize(self, params):
        """initialize as the first message of a process (a new one whenever the
        last initialize succeeded)."""
        if self._initialized:
            self.restart(initialize=False)
        rid, msg = self.call("initialize", params)
        self._initialized = isinstance(msg, dict) and "result" in msg
        return rid, msg

    def call(self, method, params):
        msg = {"jsonrpc": "2.0", "id": self.server.new_id(), "method": method, "params": params}
        self.server.send(msg)
        return msg["id"], self.server.read_response(msg["id"], ANSWER_TIMEOUT)

    def alive(self):
        return self.server.proc is not None and self.server.proc.poll() is None

    def wait_exit(self, seconds):
        try:
            self.server.proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            pass

    def exit_info(self):
        return "exit %s; stderr: %s" % (self.server.proc.poll() if self.server.proc else None,
                                        " | ".join(self.server.stderr().strip().splitlines()[-2:])[-300:])

    def probe(self):
        if self.era == "legacy":
            return self.call("ping", {})
        return self.call("server/discover", {"_meta": dict(META)})

    def tools(self):
        params = {} if self.era == "legacy" else {"_meta": dict(META)}
        _, msg = self.call("tools/list", params)
        return msg["result"]["tools"]

    def close(self):
        if self.server is not None:
            self.server.kill()


class SharedHttpServer:
    """The one HTTP server both eras' sweeps use (legacy through a session,
    modern stateless); replaced by a new one (a new generation) only when it
    died or stopped answering."""
    server = None
    generation = 0

    @classmethod
    def get(cls):
        if cls.server is None:
            cls.server = HttpServer(module_moto().endpoint, ["--cache-ttl", "0"], token=TOKEN).start()
            cls.generation += 1
        return cls.server

    @classmethod
    def restart(cls):
        cls.stop()
        return cls.get()

    @classmethod
    def stop(cls):
        if cls.server is not None:
            cls.server.stop()
            cls.server = None


SENT = {"requests": 0}  # every sweep request, for the module's total


def tearDownModule():
    print("\ntype-confusion sweep: %d requests sent in all" % SENT["requests"])
    SharedHttpServer.stop()
    harness_teardown()


class HttpRunner:
    def __init__(self, era):
        self.era = era
        self.generation = None
        self.sid = None
        self.mirrored = None
        self.next_id = 1
        self.ensure()

    @property
    def http(self):
        return SharedHttpServer.get()

    def ensure(self):
        """A session (legacy) or the mirrored tool params (modern) for the current server."""
        if self.generation == SharedHttpServer.generation and SharedHttpServer.server is not None:
            return
        server = SharedHttpServer.get()
        self.generation = SharedHttpServer.generation
        if self.era == "legacy":
            self.sid = server.legacy_session()
        else:
            self.mirrored = mirrored_params(self.tools())

    def restart(self):
        SharedHttpServer.restart()
        self.ensure()

    def call(self, method, params):
        self.ensure()
        rid = self.next_id
        self.next_id += 1
        body = {"jsonrpc": "2.0", "id": rid, "method": method, "params": params}
        headers = {"MCP-Session-Id": self.sid} if self.era == "legacy" else modern_headers(body, self.mirrored)
        try:
            status, h, text = self.http.post(body, headers, timeout=ANSWER_TIMEOUT)
        except (OSError, http.client.HTTPException) as e:
            raise ServerError("HTTP request failed: %r" % e)
        msg = answer_message(h, text, rid)
        if msg is None:
            raise ServerError("HTTP %s answer is not a JSON-RPC message: %r" % (status, text[:300]))
        return rid, msg

    def first_initialize(self, params):
        """initialize without a session: what opens a new one. A session it
        opens is ended at once (DELETE)."""
        self.ensure()
        rid = self.next_id
        self.next_id += 1
        body = {"jsonrpc": "2.0", "id": rid, "method": "initialize", "params": params}
        try:
            status, h, text = self.http.post(body, timeout=ANSWER_TIMEOUT)
        except (OSError, http.client.HTTPException) as e:
            raise ServerError("HTTP request failed: %r" % e)
        if "mcp-session-id" in h:
            try:
                self.http.post(None, {"MCP-Session-Id": h["mcp-session-id"]}, method="DELETE", timeout=ANSWER_TIMEOUT)
            except (OSError, http.client.HTTPException) as e:
                raise ServerError("DELETE of the new session failed: %r" % e)
        msg = answer_message(h, text, rid)
        if msg is None:
            raise ServerError("HTTP %s answer is not a JSON-RPC message: %r" % (status, text[:300]))
        return rid, msg

    def alive(self):
        return SharedHttpServer.server is not None and SharedHttpServer.server.alive()

    def wait_exit(self, seconds):
        try:
            SharedHttpServer.server.proc.wait(timeout=seconds)
        except (AttributeError, subprocess.TimeoutExpired):
            pass

    def exit_info(self):
        server = SharedHttpServer.server
        return "exit %s; stderr: %s" % (server.proc.poll() if server and server.proc else None,
                                        " | ".join(server.stderr().strip().splitlines()[-2:])[-300:] if server else "")

    def probe(self):
        if self.era == "legacy":
            return self.call("ping", {})
        return self.call("server/discover", {"_meta": dict(META)})

    def tools(self):
        params = {} if self.era == "legacy" else {"_meta": dict(META)}
        _, msg = self.call("tools/list", params)
        return msg["result"]["tools"]

    def close(self):
        pass  # the shared server is stopped by tearDownModule


# --------------------------------------------------------------------------

class SweepMixin:
    runner_class = None
    era = None

    @classmethod
    def setUpClass(cls):
        cls.runner = cls.runner_class(cls.era)

    @classmethod
    def tearDownClass(cls):
        cls.runner.close()

    def sweep(self, cases, what, first=False):
        runner = self.runner
        failures, restarts, sent = [], 0, 0
        deadline = time.monotonic() + SWEEP_BUDGET
        for label, method, params in cases:
            if time.monotonic() > deadline:
                failures.append("sweep took longer than %ss: stopped after %d of %d requests"
                                % (SWEEP_BUDGET, sent, len(cases)))
                break
            sent += 1
            SENT["requests"] += 1
            try:
                if method == "initialize" and first:
                    rid, msg = runner.first_initialize(params)
                else:
                    rid, msg = runner.call(method, params)
                problem = check_answer(msg, rid, request_era(method, params))
            except ServerError as e:
                problem = "no answer: %s" % str(e).splitlines()[0][:200]
                runner.wait_exit(2)  # a dying server: let it finish, so the next request meets a live one
            dead = not runner.alive()
            if dead:
                problem = "%s; the server exited (%s)" % (problem or "answered", runner.exit_info())
            if problem:
                failures.append("%s: %s" % (label, problem))
            if dead or (sent % BATCH == 0 and not self.probe_ok(failures, label)):
                restarts += 1
                if restarts > MAX_RESTARTS:
                    failures.append("more than %d restarts: sweep stopped after %d of %d requests"
                                    % (MAX_RESTARTS, sent, len(cases)))
                    break
                runner.restart()
        if runner.alive():
            self.probe_ok(failures, "end of sweep")
        print("\n%s %s %s: %d requests sent, %d failures, %d restarts"
              % (type(runner).__name__, self.era, what, sent, len(failures), restarts))
        if failures:
            self.fail("%d of %d %s requests failed (first 30 shown):\n  %s"
                      % (len(failures), sent, what, "\n  ".join(failures[:30])))

    def probe_ok(self, failures, after):
        try:
            rid, msg = self.runner.probe()
            if "result" in msg:
                return True
            failures.append("liveness probe after %s: %s" % (after, json.dumps(msg)[:300]))
        except ServerError as e:
            failures.append("liveness probe after %s: no answer: %s" % (after, str(e)[:300]))
        return False

    def test_protocol_params(self):
        self.sweep(protocol_cases(self.era), "protocol-param")

    def test_tool_arguments(self):
        tools = self.runner.tools()
        self.assertGreaterEqual(len(tools), 2)
        self.sweep(tool_cases(tools, self.era), "tool-argument")


class LegacySweepMixin(SweepMixin):
    def test_initialize_as_the_first_message(self):
        """initialize's params of wrong types where it opens the session
        (test_protocol_params sends them inside an initialized one)."""
        cases = [c for c in protocol_cases("legacy") if c[1] == "initialize"]
        self.sweep(cases, "first-initialize", first=True)
        self.runner.restart()


class StdioLegacySweepTest(LegacySweepMixin, unittest.TestCase):
    runner_class, era = StdioRunner, "legacy"


class StdioModernSweepTest(SweepMixin, unittest.TestCase):
    runner_class, era = StdioRunner, "modern"


class HttpLegacySweepTest(LegacySweepMixin, unittest.TestCase):
    runner_class, era = HttpRunner, "legacy"


class HttpModernSweepTest(SweepMixin, unittest.TestCase):
    runner_class, era = HttpRunner, "modern"


class KnownCrashTest(unittest.TestCase):
    def test_initialize_with_a_numeric_protocol_version(self):
        server = McpServer(module_moto().endpoint, timeout=ANSWER_TIMEOUT)
        server.start(initialize=False)
        try:
            server.send_raw(b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":1}}\n')
            msg = server.read_response(1, timeout=10)
            self.assertEqual(msg.get("id"), 1)
            if "error" in msg:
                self.assertEqual(msg["error"]["code"], -32602, msg)
                self.assertIn("protocolVersion", msg["error"]["message"])
            else:
                self.assertIn("result", msg)
            self.assertIsNone(server.proc.poll(), "the server exited: %s" % server.stderr()[-1000:])
            self.assertEqual(server.request("ping", timeout=10), {})
        finally:
            server.kill()


if __name__ == "__main__":
    unittest.main()
