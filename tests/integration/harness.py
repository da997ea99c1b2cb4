"""Integration test harness: a real AWS emulator (moto), the boto3 oracle, and
the aws-mcp server driven over stdio.

Reusable pieces:
  free_port()            a TCP port nobody listens on (yet)
  MotoServer             `python3 -m moto.server` on 127.0.0.1:<free port>;
                         start()/stop() (also a context manager), reset(),
                         client(service) -> boto3 client bound to it
  McpServer              the aws-mcp binary on stdio: initialize handshake,
                         request(), notify(), call_tool(), aws_call(),
                         send_raw()/read_message() with timeouts, stderr
                         buffer, close() that checks the exit status
  ConnectionCounter      a TCP listener counting accepted connections (proves
                         that no request left the server)
  to_api_json(resp)      boto3 answer -> the JSON the server must return
  IntegrationTestCase    base TestCase: one moto per module (see
                         setUpModule/tearDownModule below), one server per class

A test module uses it like this:

    from harness import IntegrationTestCase, setUpModule, tearDownModule

    class EcsTest(IntegrationTestCase):
        server_args = []            # extra command-line flags
        def test_x(self):
            ecs = self.moto.client("ecs")
            result = self.server.aws_call("ecs", "list-clusters")

Every wait has a timeout, so a server that stops answering fails the test
instead of hanging it. The emulator is always stopped (terminate, then kill).

Environment:
  AWS_MCP_BIN       the server binary (default: <repo>/build/aws-mcp)
  AWS_MCP_TIMEOUT   seconds to wait for one answer (default 30)
"""

import base64
import datetime
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

import jsonschema

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
REGION = "us-east-1"
FAKE_KEY_ID = "testing"
FAKE_SECRET = "testing"
ANSWER_TIMEOUT = float(os.environ.get("AWS_MCP_TIMEOUT", "30"))
PROTOCOL_VERSION = "2025-11-25"


def server_binary():
    """The aws-mcp binary under test: $AWS_MCP_BIN, else build/aws-mcp."""
    path = os.environ.get("AWS_MCP_BIN") or os.path.join(REPO, "build", "aws-mcp")
    return os.path.abspath(path)


def free_port():
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------
# The boto3 oracle's answer in the server's JSON form.

def format_timestamp(value):
    """ISO-8601 UTC: seconds, then up to 6 fractional digits (trailing zeros
    stripped, none when whole), then 'Z'."""
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += "." + ("%06d" % value.microsecond).rstrip("0")
    return text + "Z"


# The marker aws-mcp puts in place of a value its model marks sensitive
# (src/aws/sensitive_values.h); the rule is restated here from botocore's
# own model, as the oracle's side.
WITHHELD = "(withheld: sensitive; a person can allow it with --allow-secret-reads)"
_ENTRY_NAMES = {"name", "Name", "key", "Key"}


def withhold_sensitive(service, action, value):
    """`value` (the server's JSON form of a boto3 answer) with every value
    botocore's model marks sensitive replaced by WITHHELD, keeping the names
    of entries inside a sensitive list or structure."""
    import botocore.session
    model = botocore.session.get_session().get_service_model(service)
    wanted = action.replace("-", "").replace("_", "").lower()
    name = next(n for n in model.operation_names if n.lower() == wanted)
    shape = model.operation_model(name).output_shape

    def walk(shape, v, inherited, names_entry):
        if shape is None or v is None:
            return v
        own = bool(shape.metadata.get("sensitive"))
        sensitive = inherited or own
        if shape.type_name == "structure" and isinstance(v, dict):
            out = {}
            for k, item in v.items():
                member = shape.members.get(k)
                marked = bool(member is not None and member.metadata.get("sensitive"))
                out[k] = walk(member, item, sensitive or marked,
                              sensitive and not own and not marked and k in _ENTRY_NAMES)
            return out
        if shape.type_name == "list" and isinstance(v, list):
            return [walk(shape.member, item, sensitive, False) for item in v]
        if shape.type_name == "map" and isinstance(v, dict):
            return {k: walk(shape.value, item, sensitive, False) for k, item in v.items()}
        if own or (inherited and not names_entry):
            return WITHHELD
        return v

    return walk(shape, value, False, False)


def to_api_json(value):
    """A boto3 response as the server returns it: no ResponseMetadata,
    datetimes as ISO-8601 UTC strings, bytes as base64."""
    if isinstance(value, dict):
        return {k: to_api_json(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, (list, tuple)):
        return [to_api_json(v) for v in value]
    if isinstance(value, datetime.datetime):
        return format_timestamp(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if hasattr(value, "read"):  # a StreamingBody
        return base64.b64encode(value.read()).decode("ascii")
    return value


def without(value, names):
    """`value` with every dict member named in `names` removed, at any depth
    (for fields the emulator changes between two identical requests)."""
    if isinstance(value, dict):
        return {k: without(v, names) for k, v in value.items() if k not in names}
    if isinstance(value, list):
        return [without(v, names) for v in value]
    return value


def oracle_paginate(client, operation, params, max_items=None):
    """boto3's build_full_result() for `operation` (snake_case name), as JSON;
    botocore's own NextToken is dropped (the server's token is opaque)."""
    config = {"MaxItems": max_items} if max_items else {}
    full = client.get_paginator(operation).paginate(**params, PaginationConfig=config).build_full_result()
    truncated = "NextToken" in full
    full.pop("NextToken", None)
    return to_api_json(full), truncated


# --------------------------------------------------------------------------
# The emulator.

class MotoServer:
    """moto in server mode on a free port. Use as a context manager, or call
    start() and stop() (stop is safe to call twice)."""

    def __init__(self, port=None, start_timeout=60):
        self.port = port or free_port()
        self.endpoint = "http://127.0.0.1:%d" % self.port
        self.start_timeout = start_timeout
        self.proc = None
        self._log = None

    def start(self):
        self._log = tempfile.TemporaryFile()
        env = dict(os.environ)
        env.update(_fake_aws_env())
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + self.start_timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError("moto exited with %s: %s" % (self.proc.returncode, self.log()))
            try:
                with urllib.request.urlopen(self.endpoint + "/moto-api/", timeout=2):
                    return self
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("moto did not answer on %s within %ss" % (self.endpoint, self.start_timeout))
            time.sleep(0.1)

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.proc = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def log(self):
        if self._log is None or self._log.closed:
            return ""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-4000:]

    def reset(self):
        """Forgets every resource in every service."""
        req = urllib.request.Request(self.endpoint + "/moto-api/reset", data=b"", method="POST")
        with urllib.request.urlopen(req, timeout=10) as r:
            r.read()

    def client(self, service, region=REGION):
        import boto3
        return boto3.client(service, region_name=region, endpoint_url=self.endpoint,
                            aws_access_key_id=FAKE_KEY_ID, aws_secret_access_key=FAKE_SECRET)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def _fake_aws_env():
    return {"AWS_ACCESS_KEY_ID": FAKE_KEY_ID, "AWS_SECRET_ACCESS_KEY": FAKE_SECRET,
            "AWS_REGION": REGION, "AWS_DEFAULT_REGION": REGION}


# --------------------------------------------------------------------------
# A listener that counts connections: proof that nothing was sent.

class ConnectionCounter:
    """Accepts TCP connections on 127.0.0.1:<free port>, counts them and
    closes them at once. `endpoint` is an http:// URL for AWS_ENDPOINT_URL."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.endpoint = "http://127.0.0.1:%d" % self.port
        self.count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            self.count += 1
            conn.close()

    def close(self):
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# --------------------------------------------------------------------------
# The server under test.

class ServerError(AssertionError):
    """The server misbehaved at the protocol level (no answer, bad JSON,
    wrong exit); an AssertionError so unittest reports a failure."""


class McpServer:
    """aws-mcp on stdio with a clean environment: only PATH, a fake key, the
    region, the endpoint, and HOME an empty temporary directory (the
    developer's ~/.aws is never read)."""

    def __init__(self, endpoint, args=(), env=None, binary=None, timeout=ANSWER_TIMEOUT):
        self.binary = binary or server_binary()
        self.endpoint = endpoint
        self.args = list(args)
        self.extra_env = dict(env or {})
        self.timeout = timeout
        self.proc = None
        self.home = None
        self.notifications = []      # messages without a matching id, in order
        self.initialize_result = None
        self._messages = queue.Queue()
        self._stderr = bytearray()
        self._stderr_lock = threading.Lock()
        self._next_id = 1
        self._output_schemas = None

    # -- life cycle --------------------------------------------------------

    def environment(self):
        self.home = tempfile.mkdtemp(prefix="aws-mcp-home-")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.home, "LANG": "C.UTF-8",
               # Tests never reach for a real instance metadata service.
               "AWS_EC2_METADATA_DISABLED": "true"}
        env.update(_fake_aws_env())
        env.pop("AWS_DEFAULT_REGION")
        if self.endpoint:
            env["AWS_ENDPOINT_URL"] = self.endpoint
        env.update(self.extra_env)
        return {k: v for k, v in env.items() if v is not None}

    def start(self, initialize=True):
        if not os.path.exists(self.binary):
            raise unittest.SkipTest("server binary not built: %s (set AWS_MCP_BIN)" % self.binary)
        self.proc = subprocess.Popen([self.binary] + self.args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=self.environment(), bufsize=0)
        self._readers = [threading.Thread(target=self._read_stdout, daemon=True),
                         threading.Thread(target=self._read_stderr, daemon=True)]
        for t in self._readers:
            t.start()
        if initialize:
            self.initialize()
        return self

    def initialize(self):
        result = self.request("initialize", {
            "protocolVersion": PROTOCOL_VERSION, "capabilities": {},
            "clientInfo": {"name": "aws-mcp-integration-tests", "version": "1"}})
        self.initialize_result = result
        self.notify("notifications/initialized")
        return result

    def close(self, timeout=5):
        """Closes stdin and waits for the exit. Returns the exit code; raises
        ServerError if it does not exit in time (the process is then killed)."""
        if self.proc is None:
            return None
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise ServerError("server did not exit within %ss after stdin closed; stderr:\n%s"
                              % (timeout, self.stderr()))
        finally:
            self._cleanup_home()
        self._release_pipes()
        self.proc = None
        return code

    def kill(self):
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=5)
            self._release_pipes()
        self.proc = None
        self._cleanup_home()

    def _release_pipes(self):
        """After the exit: lets the readers drain, then closes the pipes."""
        for t in getattr(self, "_readers", []):
            t.join(timeout=2)
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                f.close()
            except OSError:
                pass

    def _cleanup_home(self):
        if self.home:
            shutil.rmtree(self.home, ignore_errors=True)
            self.home = None

    def __enter__(self):
        return self.start()

    def __exit__(self, exc_type, *rest):
        if exc_type is None:
            code = self.close()
            if code != 0:
                raise ServerError("server exited with %s; stderr:\n%s" % (code, self.stderr()))
        else:
            self.kill()

    # -- raw I/O -----------------------------------------------------------

    def _read_stdout(self):
        out = self.proc.stdout
        while True:
            line = out.readline()
            if not line:
                self._messages.put(None)
                return
            self._messages.put(line)

    def _read_stderr(self):
        err = self.proc.stderr
        while True:
            chunk = err.read(4096)
            if not chunk:
                return
            with self._stderr_lock:
                self._stderr.extend(chunk)

    def stderr(self):
        with self._stderr_lock:
            return self._stderr.decode("utf-8", "replace")

    def send_raw(self, data, timeout=None):
        """Writes bytes to the server's stdin (in a thread, so a server that
        stops reading fails the test instead of blocking it)."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        errors = []

        def write():
            try:
                self.proc.stdin.write(data)
                self.proc.stdin.flush()
            except OSError as e:
                errors.append(e)

        t = threading.Thread(target=write, daemon=True)
        t.start()
        t.join(timeout or self.timeout)
        if t.is_alive():
            raise ServerError("server did not read %d bytes within %ss" % (len(data), timeout or self.timeout))
        if errors:
            raise ServerError("write to server failed: %s; stderr:\n%s" % (errors[0], self.stderr()))

    def send(self, message):
        self.send_raw(json.dumps(message, separators=(",", ":")) + "\n")

    def read_message(self, timeout=None):
        """The next message the server wrote (parsed JSON)."""
        try:
            line = self._messages.get(timeout=timeout or self.timeout)
        except queue.Empty:
            raise ServerError("no message from the server within %ss; stderr:\n%s"
                              % (timeout or self.timeout, self.stderr()[-3000:]))
        if line is None:
            self._messages.put(None)  # stays closed for later reads
            raise ServerError("server closed stdout (exit %s); stderr:\n%s"
                              % (self.proc.poll(), self.stderr()[-3000:]))
        if not line.endswith(b"\n"):
            raise ServerError("message not terminated by a newline: %r" % line[:200])
        try:
            return json.loads(line)
        except ValueError as e:
            raise ServerError("server wrote a line that is not JSON (%s): %r" % (e, line[:200]))

    def read_response(self, request_id, timeout=None):
        """The response with `request_id`; other messages go to notifications."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ServerError("no response to id %r within %ss" % (request_id, timeout or self.timeout))
            msg = self.read_message(timeout=left)
            if isinstance(msg, dict) and "method" not in msg and msg.get("id") == request_id:
                return msg
            self.notifications.append(msg)

    # -- JSON-RPC ----------------------------------------------------------

    def new_id(self):
        i = self._next_id
        self._next_id += 1
        return i

    def rpc(self, method, params=None, timeout=None):
        """Sends a request and returns the whole response message."""
        i = self.new_id()
        msg = {"jsonrpc": "2.0", "id": i, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.read_response(i, timeout)

    def request(self, method, params=None, timeout=None):
        """Sends a request and returns its result; raises ServerError on a
        JSON-RPC error response."""
        resp = self.rpc(method, params, timeout)
        if "error" in resp:
            raise ServerError("%s failed: %s" % (method, resp["error"]))
        if "result" not in resp:
            raise ServerError("response without result or error: %s" % resp)
        return resp["result"]

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def call_tool(self, name, arguments, timeout=None):
        """tools/call; returns the result dict (content, structuredContent,
        isError). A successful result of a tool that declares an outputSchema
        is checked against it with jsonschema."""
        result = self.request("tools/call", {"name": name, "arguments": arguments}, timeout)
        schema = self.output_schemas().get(name)
        if schema is not None and isinstance(result, dict) and not result.get("isError"):
            jsonschema.validate(result.get("structuredContent"), schema)
        return result

    def output_schemas(self):
        """Tool name -> outputSchema, from tools/list (read once)."""
        if self._output_schemas is None:
            tools = self.request("tools/list").get("tools", [])
            self._output_schemas = {t["name"]: t["outputSchema"] for t in tools if "outputSchema" in t}
        return self._output_schemas

    def aws_call(self, service, action, params=None, **options):
        """aws_call with the given params; options: region, refresh,
        max_items, starting_token."""
        args = {"service": service, "action": action}
        if params is not None:
            args["params"] = params
        args.update(options)
        return self.call_tool("aws_call", args)


# --------------------------------------------------------------------------
# unittest plumbing: one moto per module, one server per class.

_module_moto = None


def module_moto():
    """The module's emulator, started on first use."""
    global _module_moto
    if _module_moto is None:
        _module_moto = MotoServer().start()
    return _module_moto


def setUpModule():
    module_moto()


def tearDownModule():
    global _module_moto
    if _module_moto is not None:
        _module_moto.stop()
        _module_moto = None


class IntegrationTestCase(unittest.TestCase):
    """One server per class, against the module's moto. Subclasses set
    `server_args` (flags) and `server_env` (extra variables); override
    seed(cls) to create data with boto3 before the server starts."""

    server_args = []
    server_env = {}
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.moto = module_moto()
        cls.seed()
        cls.server = McpServer(cls.server_endpoint(), cls.server_args, cls.server_env)
        try:
            cls.server.start()
        except BaseException:
            cls.server.kill()
            raise

    @classmethod
    def tearDownClass(cls):
        server = cls.server
        if server.proc is not None and server.proc.poll() is not None:
            code = server.proc.returncode
            server.kill()
            raise ServerError("server died during the tests (exit %s); stderr:\n%s" % (code, server.stderr()[-3000:]))
        code = server.close()
        if code != 0:
            raise ServerError("server exited with %s after stdin closed; stderr:\n%s" % (code, server.stderr()[-3000:]))

    @classmethod
    def seed(cls):
        pass

    @classmethod
    def server_endpoint(cls):
        """AWS_ENDPOINT_URL for the server; the module's moto by default."""
        return cls.moto.endpoint

    # -- assertions --------------------------------------------------------

    def assertToolOk(self, result):
        """The structuredContent of a successful tool result, after checking
        that content[0].text is the same JSON."""
        self.assertIsInstance(result, dict)
        self.assertFalse(result.get("isError", False), "tool failed: %s" % _text(result))
        self.assertIn("structuredContent", result)
        structured = result["structuredContent"]
        self.assertEqual(json.loads(_text(result)), structured, "content[0].text differs from structuredContent")
        return structured

    def assertToolError(self, result, code=None):
        """The error object of an isError result (checks the code if given)."""
        self.assertIsInstance(result, dict)
        self.assertTrue(result.get("isError"), "expected isError, got: %s" % json.dumps(result)[:2000])
        self.assertTrue(_text(result), "error result without text")
        if "structuredContent" in result:
            error = result["structuredContent"].get("error")
            self.assertIsInstance(error, dict, "structuredContent.error missing: %s" % result)
        else:
            # A tool with an outputSchema sends its error in the text only
            # ("Code: message\nHint: ..."), since the error fits no schema.
            first, _, rest = _text(result).partition("\n")
            code_text, _, message = first.partition(": ")
            error = {"code": code_text, "message": message}
            if rest.startswith("Hint: "):
                error["hint"] = rest[len("Hint: "):]
        self.assertIn("code", error)
        self.assertIn("message", error)
        if code is not None:
            self.assertEqual(error["code"], code, "error text: %s" % _text(result))
        return error

    def assertCallMatches(self, oracle_response, service, action, params=None, **options):
        """aws_call's structuredContent equals the boto3 answer as JSON."""
        got = self.assertToolOk(self.server.aws_call(service, action, params, **options))
        expected = to_api_json(oracle_response)
        if "--allow-secret-reads" not in self.server_args:
            expected = withhold_sensitive(service, action, expected)
        self.assertEqual(got, expected)
        return got


def _text(result):
    content = result.get("content") or []
    if content and isinstance(content[0], dict):
        return content[0].get("text", "")
    return ""


def result_text(result):
    """content[0].text of a tool result ("" when absent)."""
    return _text(result)
