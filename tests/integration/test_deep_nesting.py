"""Deeply nested JSON: a tools/call whose arguments hold 60,000 nested objects
or 100,000 nested arrays, as one stdio line and as one HTTP POST, in both eras.
The answer is a JSON-RPC error -32600 or -32602 carrying the request's id (on
HTTP with status 400, or 200 with that error body); the server keeps running
and answers afterwards. A message 60 levels deep is still served normally."""
import http.client
import json
import secrets
import unittest

from harness import McpServer, ServerError, module_moto, setUpModule, tearDownModule  # noqa: F401
from http_helpers import META, HttpServer, answer_message, modern_headers

TOKEN = secrets.token_hex(16)
RID = 7
DEPTH_ERRORS = (-32600, -32602)


def deep_objects(n):
    return '{"a":' * n + "1" + "}" * n


def deep_arrays(n):
    return "[" * n + "1" + "]" * n


def tool_call_line(inner, era):
    """A tools/call of aws_describe as text, `inner` (JSON text) as an extra
    argument; the id comes first, before anything deep."""
    meta = '"_meta":%s,' % json.dumps(META, separators=(",", ":")) if era == "modern" else ""
    return ('{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{%s"name":"aws_describe",'
            '"arguments":{"service":"sts","deep":%s}}}' % (RID, meta, inner))


def depth(value):
    """Nesting depth of a JSON value: a scalar is 0, {} and [] are 1."""
    d, stack = 0, [(value, 1)]
    while stack:
        v, level = stack.pop()
        if isinstance(v, dict):
            d = max(d, level)
            stack.extend((x, level + 1) for x in v.values())
        elif isinstance(v, list):
            d = max(d, level)
            stack.extend((x, level + 1) for x in v)
    return d


def sixty_deep(era, where):
    """A tools/call of aws_describe whose whole message is exactly 60 levels
    deep, the extra depth under params._meta (`where` == "meta": free-form, so
    the call must succeed) or under arguments (an unknown argument: a tool
    error or -32602, not a depth refusal)."""
    params = {"name": "aws_describe", "arguments": {"service": "sts"}}
    if era == "modern":
        params["_meta"] = dict(META)
    msg = {"jsonrpc": "2.0", "id": RID, "method": "tools/call", "params": params}
    chain = {"x": 1}
    holder = params.setdefault("_meta", {}) if where == "meta" else params["arguments"]
    holder["deep"] = chain
    while depth(msg) < 60:
        chain["x"] = {"x": 1}
        chain = chain["x"]
    assert depth(msg) == 60, depth(msg)
    return msg


class DeepCheck:
    def check_depth_error(self, msg, what):
        self.assertIsInstance(msg, dict, "%s: no JSON-RPC answer" % what)
        self.assertIn("error", msg, "%s: expected an error, got %s" % (what, json.dumps(msg)[:500]))
        self.assertIn(msg["error"].get("code"), DEPTH_ERRORS, "%s: %s" % (what, json.dumps(msg)[:500]))
        self.assertEqual(msg.get("id"), RID, "%s: the error must carry the request's id: %s"
                         % (what, json.dumps(msg)[:500]))

    def check_sixty(self, msg, where):
        self.assertIsInstance(msg, dict)
        self.assertEqual(msg.get("id"), RID, json.dumps(msg)[:500])
        if where == "meta":
            self.assertIn("result", msg, "60 levels under _meta were refused: %s" % json.dumps(msg)[:500])
            self.assertFalse(msg["result"].get("isError"), json.dumps(msg)[:500])
        elif "error" in msg:
            self.assertEqual(msg["error"]["code"], -32602, "60 levels refused for depth: %s" % json.dumps(msg)[:500])
        else:
            self.assertIn("result", msg)


class StdioDeepNestingMixin(DeepCheck):
    era = None

    def setUp(self):
        self.server = McpServer(module_moto().endpoint, timeout=30)
        self.server.start(initialize=(self.era == "legacy"))

    def tearDown(self):
        self.server.kill()

    def still_serving(self):
        self.assertIsNone(self.server.proc.poll(), "the server exited: %s" % self.server.stderr()[-1500:])
        if self.era == "legacy":
            self.assertEqual(self.server.request("ping", timeout=15), {})
        else:
            result = self.server.request("server/discover", {"_meta": dict(META)}, timeout=15)
            self.assertIn("supportedVersions", result)

    def send_deep(self, inner, what):
        line = tool_call_line(inner, self.era)
        try:
            self.server.send_raw(line + "\n", timeout=30)
            msg = self.server.read_response(RID, timeout=30)
        except ServerError as e:
            self.fail("%s: no answer (%s)" % (what, str(e)[:1500]))
        self.check_depth_error(msg, what)
        self.still_serving()

    def test_sixty_thousand_nested_objects(self):
        self.send_deep(deep_objects(60000), "60,000 nested objects")

    def test_hundred_thousand_nested_arrays(self):
        self.send_deep(deep_arrays(100000), "100,000 nested arrays")

    def test_sixty_levels_are_served(self):
        for where in ("meta", "arguments"):
            with self.subTest(where=where):
                msg = sixty_deep(self.era, where)
                self.server.send(msg)
                self.check_sixty(self.server.read_response(RID, timeout=30), where)
        self.still_serving()


class StdioLegacyDeepNestingTest(StdioDeepNestingMixin, unittest.TestCase):
    era = "legacy"


class StdioModernDeepNestingTest(StdioDeepNestingMixin, unittest.TestCase):
    era = "modern"


class HttpDeepNestingMixin(DeepCheck):
    era = None

    def setUp(self):
        self.http = HttpServer(module_moto().endpoint, token=TOKEN).start()
        self.sid = self.http.legacy_session() if self.era == "legacy" else None

    def tearDown(self):
        self.http.stop()

    def headers(self, body_for_headers):
        if self.era == "legacy":
            return {"MCP-Session-Id": self.sid}
        return modern_headers(body_for_headers)

    def post(self, text, body_for_headers):
        try:
            return self.http.post(text, self.headers(body_for_headers), raw=True, timeout=30)
        except (OSError, http.client.HTTPException) as e:
            self.fail("no HTTP answer (%r); server alive: %s; stderr: %s"
                      % (e, self.http.alive(), self.http.stderr()[-1500:]))

    def still_serving(self):
        self.assertTrue(self.http.alive(), "the server exited: %s" % self.http.stderr()[-1500:])
        if self.era == "legacy":
            status, h, text = self.http.post({"jsonrpc": "2.0", "id": 99, "method": "ping"},
                                             {"MCP-Session-Id": self.sid})
        else:
            body = {"jsonrpc": "2.0", "id": 99, "method": "server/discover", "params": {"_meta": dict(META)}}
            status, h, text = self.http.post(body, modern_headers(body))
        self.assertEqual(status, 200, text[:500])
        self.assertIn("result", answer_message(h, text, 99))

    def send_deep(self, inner, what):
        shape = {"jsonrpc": "2.0", "id": RID, "method": "tools/call",
                 "params": {"name": "aws_describe", "arguments": {"service": "sts"}}}
        status, h, text = self.post(tool_call_line(inner, self.era), shape)
        self.assertIn(status, (200, 400), "%s: HTTP %s %s" % (what, status, text[:300]))
        self.check_depth_error(answer_message(h, text, None), what)
        self.still_serving()

    def test_sixty_thousand_nested_objects(self):
        self.send_deep(deep_objects(60000), "60,000 nested objects")

    def test_hundred_thousand_nested_arrays(self):
        self.send_deep(deep_arrays(100000), "100,000 nested arrays")

    def test_sixty_levels_are_served(self):
        for where in ("meta", "arguments"):
            with self.subTest(where=where):
                msg = sixty_deep(self.era, where)
                status, h, text = self.post(json.dumps(msg), msg)
                self.assertEqual(status, 200, text[:500])
                self.check_sixty(answer_message(h, text, RID), where)
        self.still_serving()


class HttpLegacyDeepNestingTest(HttpDeepNestingMixin, unittest.TestCase):
    era = "legacy"


class HttpModernDeepNestingTest(HttpDeepNestingMixin, unittest.TestCase):
    era = "modern"


if __name__ == "__main__":
    unittest.main()
