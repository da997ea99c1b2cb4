"""Helpers for the HTTP-transport tests: the server started with
`--http 127.0.0.1:0` (its stderr drained in a thread, so a chatty server never
blocks on a full pipe), one POST on the wire with http.client, the headers a
2026-07-28 client mirrors from the body, and the JSON-RPC message of an answer
sent as JSON or as SSE. Everything is on 127.0.0.1 and every wait is bounded.
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import threading
import time
import unittest

from harness import McpServer, ServerError, server_binary

MODERN = "2026-07-28"
LEGACY = "2025-11-25"
META = {"io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {}}
INIT_PARAMS = {"protocolVersion": LEGACY, "capabilities": {}, "clientInfo": {"name": "aws-mcp-tests", "version": "1"}}


class HttpServer:
    """`aws-mcp --http HOST:PORT` (default 127.0.0.1:0) with the harness's
    clean environment (fake keys, empty HOME). `port` is read from the
    "serving MCP on http://...:PORT/mcp" line."""

    def __init__(self, endpoint=None, args=(), env=None, token=None, listen="127.0.0.1:0"):
        self.env_maker = McpServer(endpoint, env=env)
        self.args = list(args)
        self.token = token
        self.listen = listen
        self.proc = None
        self.port = None
        self.url = None
        self._err = bytearray()
        self._lock = threading.Lock()
        self._reader = None

    def start(self, timeout=20):
        binary = server_binary()
        if not os.path.exists(binary):
            raise unittest.SkipTest("server binary not built: %s (set AWS_MCP_BIN)" % binary)
        env = self.env_maker.environment()
        if self.token is not None:
            env["AWS_MCP_HTTP_TOKEN"] = self.token
        self.proc = subprocess.Popen([binary, "--http", self.listen, *self.args], env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.search(r"serving MCP on (http://\S+?:(\d+)/mcp)", self.stderr())
            if m:
                self.url, self.port = m.group(1), int(m.group(2))
                return self
            if self.proc.poll() is not None:
                code = self.stop()
                raise ServerError("HTTP server exited with %s at start; stderr:\n%s" % (code, self.stderr()[-3000:]))
            time.sleep(0.05)
        self.stop()
        raise ServerError("HTTP server did not say where it serves within %ss; stderr:\n%s"
                          % (timeout, self.stderr()[-3000:]))

    def _drain(self):
        while True:
            chunk = self.proc.stderr.read1(65536)
            if not chunk:
                return
            with self._lock:
                self._err.extend(chunk)

    def stderr(self):
        with self._lock:
            return self._err.decode("utf-8", "replace")

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout=10):
        """SIGTERM, then SIGKILL; returns the exit status."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if self._reader is not None:
            self._reader.join(timeout=2)
        try:
            self.proc.stderr.close()
        except OSError:
            pass
        if self.env_maker.home:
            shutil.rmtree(self.env_maker.home, ignore_errors=True)
            self.env_maker.home = None
        code = self.proc.returncode
        self.proc = None
        return code

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- requests ----------------------------------------------------------

    def base_headers(self):
        h = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        return h

    def post(self, body, headers=None, method="POST", path="/mcp", timeout=30, raw=False):
        """(status, response headers (lower-case names), text). `body` is
        JSON-encoded unless raw; a header value None drops that header."""
        h = self.base_headers()
        h.update(headers or {})
        h = {k: v for k, v in h.items() if v is not None}
        data = None if body is None else (body if raw else json.dumps(body, separators=(",", ":")))
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=data, headers=h)
            resp = conn.getresponse()
            text = resp.read().decode("utf-8", "replace")
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, text
        finally:
            conn.close()

    def legacy_session(self, headers=None):
        """A new legacy session: initialize, then notifications/initialized. Returns its id."""
        status, h, text = self.post({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": INIT_PARAMS},
                                    headers)
        if status != 200 or "mcp-session-id" not in h:
            raise ServerError("initialize over HTTP: %s %s" % (status, text[:500]))
        sid = h["mcp-session-id"]
        self.post({"jsonrpc": "2.0", "method": "notifications/initialized"},
                  dict(headers or {}, **{"MCP-Session-Id": sid}))
        return sid


def answer_message(headers, text, request_id=None):
    """The JSON-RPC message in an answer: the JSON body, or for an SSE stream
    the last `data:` event (the one carrying `request_id` when given).
    None when the body is neither."""
    if headers.get("content-type", "").startswith("text/event-stream"):
        found = None
        for line in text.splitlines():
            if line.startswith("data:"):
                try:
                    msg = json.loads(line[5:].strip())
                except ValueError:
                    continue
                is_answer = isinstance(msg, dict) and "method" not in msg
                if is_answer and (request_id is None or msg.get("id") == request_id):
                    found = msg
        return found
    try:
        return json.loads(text)
    except ValueError:
        return None


def header_form(value):
    """How a 2026-07-28 client mirrors a body value in a header; None when it does not."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return None


def mirrored_params(tools):
    """tool name -> [(argument path, header name)] from tools/list's x-mcp-header marks."""
    out = {}
    for tool in tools:
        found = []

        def walk(schema, path):
            for name, prop in (schema.get("properties") or {}).items():
                if isinstance(prop, dict):
                    if "x-mcp-header" in prop:
                        found.append((path + [name], prop["x-mcp-header"]))
                    walk(prop, path + [name])
        walk(tool.get("inputSchema") or {}, [])
        out[tool["name"]] = found
    return out


def _safe(value):
    return value is not None and all(c == "\t" or 0x20 <= ord(c) <= 0x7e for c in value)


def modern_headers(body, mirrored=None):
    """The headers a 2026-07-28 client sends with `body`: MCP-Protocol-Version,
    Mcp-Method, Mcp-Name and the Mcp-Param-* mirrors, each only where the body
    has a value of a mirrorable type."""
    h = {"MCP-Protocol-Version": MODERN}
    if not isinstance(body, dict):
        return h
    method = body.get("method")
    if isinstance(method, str):
        h["Mcp-Method"] = method
    params = body.get("params")
    if not isinstance(params, dict):
        return h
    field = {"tools/call": "name", "prompts/get": "name", "resources/read": "uri"}.get(method)
    if field and _safe(header_form(params.get(field))):
        h["Mcp-Name"] = header_form(params[field])
    if method == "tools/call" and mirrored and isinstance(params.get("name"), str):
        for path, header in mirrored.get(params["name"], []):
            value = params.get("arguments")
            for key in path:
                value = value.get(key) if isinstance(value, dict) else None
            if _safe(header_form(value)):
                h["Mcp-Param-" + header] = header_form(value)
    return h
