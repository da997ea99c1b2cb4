"""The Streamable HTTP transport's rules, checked on the wire with
http.client: sessions (missing 400, unknown 404, DELETE ends one), Host and
Origin checks against DNS rebinding (403), MCP-Protocol-Version (400), the
bearer token (401 with WWW-Authenticate), GET (405), notifications (202), bad
bodies, and no non-loopback bind without a token."""
import http.client
import json
import os
import re
import secrets
import subprocess
import tempfile
import time
import unittest

from harness import module_moto, server_binary, setUpModule, tearDownModule  # noqa: F401

TOKEN = secrets.token_hex(20)
INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}


def start_server(args, env_extra=None):
    env = {"PATH": os.environ.get("PATH", ""), "HOME": tempfile.mkdtemp(), "AWS_EC2_METADATA_DISABLED": "true",
           "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
           "AWS_ENDPOINT_URL": module_moto().endpoint}
    env.update(env_extra or {})
    return subprocess.Popen([server_binary(), *args], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


class HttpTransportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.proc = start_server(["--http", "127.0.0.1:0"], {"AWS_MCP_HTTP_TOKEN": TOKEN})
        line = cls.proc.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/mcp", line)
        assert m, "server did not say where it serves: %r" % line
        cls.port = int(m.group(1))

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        assert cls.proc.wait(timeout=20) == 0

    def post(self, body, headers=None, method="POST", raw=False, path="/mcp"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
             "Authorization": "Bearer " + TOKEN}
        h.update(headers or {})
        h = {k: v for k, v in h.items() if v is not None}
        data = body if raw or body is None else json.dumps(body)
        conn.request(method, path, body=data, headers=h)
        resp = conn.getresponse()
        text = resp.read().decode()
        conn.close()
        return resp, text

    def session(self):
        resp, text = self.post(INIT)
        self.assertEqual(resp.status, 200, text)
        sid = resp.getheader("MCP-Session-Id")
        self.assertRegex(sid, r"^[0-9a-f]{32}$")
        self.assertEqual(json.loads(text)["result"]["protocolVersion"], "2025-11-25")
        return sid

    def test_session_lifecycle(self):
        sid = self.session()
        self.assertNotEqual(sid, self.session())
        resp, _ = self.post({"jsonrpc": "2.0", "method": "notifications/initialized"}, {"MCP-Session-Id": sid})
        self.assertEqual(resp.status, 202)
        resp, text = self.post({"jsonrpc": "2.0", "id": 2, "method": "ping"}, {"MCP-Session-Id": sid})
        self.assertEqual((resp.status, json.loads(text)), (200, {"jsonrpc": "2.0", "id": 2, "result": {}}))
        resp, _ = self.post(None, {"MCP-Session-Id": sid}, method="DELETE")
        self.assertEqual(resp.status, 200)
        resp, _ = self.post({"jsonrpc": "2.0", "id": 3, "method": "ping"}, {"MCP-Session-Id": sid})
        self.assertEqual(resp.status, 404)

    def test_session_header_rules(self):
        resp, _ = self.post({"jsonrpc": "2.0", "id": 2, "method": "ping"})
        self.assertEqual(resp.status, 400)
        resp, _ = self.post({"jsonrpc": "2.0", "id": 2, "method": "ping"}, {"MCP-Session-Id": "0" * 32})
        self.assertEqual(resp.status, 404)
        resp, _ = self.post(None, {"MCP-Session-Id": "nope"}, method="DELETE")
        self.assertEqual(resp.status, 404)

    def test_dns_rebinding_protections(self):
        for headers in [{"Host": "evil.example"}, {"Host": "127.0.0.1:1"}, {"Origin": "http://evil.example"},
                        {"Origin": "https://attacker.localhost.example.com"}]:
            with self.subTest(headers=headers):
                resp, _ = self.post(INIT, headers)
                self.assertEqual(resp.status, 403)
        for origin in ["http://localhost:3000", "http://127.0.0.1:6274"]:
            resp, _ = self.post(INIT, {"Origin": origin})
            self.assertEqual(resp.status, 200)
        resp, _ = self.post(INIT, {"Host": "localhost:%d" % self.port})
        self.assertEqual(resp.status, 200)

    def test_protocol_version_header(self):
        sid = self.session()
        resp, _ = self.post({"jsonrpc": "2.0", "id": 2, "method": "ping"},
                            {"MCP-Session-Id": sid, "MCP-Protocol-Version": "1999-01-01"})
        self.assertEqual(resp.status, 400)
        for version in ["2025-11-25", "2025-06-18", "2025-03-26"]:
            resp, _ = self.post({"jsonrpc": "2.0", "id": 2, "method": "ping"},
                                {"MCP-Session-Id": sid, "MCP-Protocol-Version": version})
            self.assertEqual(resp.status, 200)

    def test_authentication(self):
        for auth in [None, "Bearer wrong", "Bearer " + TOKEN[:-1], "Basic " + TOKEN, "Bearer " + TOKEN + "x"]:
            with self.subTest(auth=auth):
                resp, _ = self.post(INIT, {"Authorization": auth})
                self.assertEqual(resp.status, 401)
                self.assertTrue(resp.getheader("WWW-Authenticate", "").startswith("Bearer"))

    def test_health_check_needs_no_host_or_token(self):
        # What an ALB sends: the task's own address as Host, no token.
        resp, text = self.post(None, {"Host": "10.0.3.7:%d" % self.port, "Authorization": None}, method="GET",
                               path="/health")
        self.assertEqual((resp.status, json.loads(text)), (200, {"status": "ok"}))
        resp, _ = self.post(None, {"Host": "10.0.3.7:%d" % self.port}, method="POST", path="/health")
        self.assertEqual(resp.status, 404)  # only GET of that path is answered

    def test_get_and_other_methods(self):
        for method in ["GET", "PUT", "PATCH"]:
            resp, _ = self.post(None, method=method)
            self.assertEqual(resp.status, 405)

    def test_bad_bodies(self):
        sid = self.session()
        resp, text = self.post("{not json", {"MCP-Session-Id": sid}, raw=True)
        self.assertEqual((resp.status, json.loads(text)["error"]["code"]), (400, -32700))
        resp, _ = self.post([{"jsonrpc": "2.0", "id": 5, "method": "ping"}], {"MCP-Session-Id": sid})
        self.assertEqual(resp.status, 400)
        resp, _ = self.post("x" * (5 * 1024 * 1024), {"MCP-Session-Id": sid}, raw=True)
        self.assertEqual(resp.status, 413)
        resp, text = self.post({"jsonrpc": "2.0", "id": 6, "method": "no/such"}, {"MCP-Session-Id": sid})
        self.assertEqual(json.loads(text)["error"]["code"], -32601)
        # An id of another type is refused at once (found by the http_server fuzzer:
        # it waited for the whole request timeout, as no answer could match it).
        for bad_id in (1.5, True, {}, [1]):
            started = time.monotonic()
            resp, text = self.post({"jsonrpc": "2.0", "id": bad_id, "method": "ping"}, {"MCP-Session-Id": sid})
            self.assertEqual((resp.status, json.loads(text)["error"]["code"]), (400, -32600), text)
            self.assertLess(time.monotonic() - started, 5)

    def test_tool_call_streams_as_sse(self):
        sid = self.session()
        resp, text = self.post({"jsonrpc": "2.0", "id": 7, "method": "tools/call",
                                "params": {"name": "aws_call", "arguments": {"service": "sts",
                                                                             "action": "GetCallerIdentity"}}},
                               {"MCP-Session-Id": sid})
        self.assertEqual(resp.getheader("Content-Type"), "text/event-stream")
        events = [json.loads(line[6:]) for line in text.splitlines() if line.startswith("data: ")]
        self.assertEqual(events[-1]["id"], 7)
        self.assertEqual(events[-1]["result"]["structuredContent"]["Account"],
                         module_moto().client("sts").get_caller_identity()["Account"])


class BindingTest(unittest.TestCase):
    def test_non_loopback_needs_a_token(self):
        proc = start_server(["--http", "0.0.0.0:0"])
        _, err = proc.communicate(timeout=20)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("without authentication", err)

    def test_bad_address(self):
        proc = start_server(["--http", "nonsense"])
        _, err = proc.communicate(timeout=20)
        self.assertNotEqual(proc.returncode, 0)


if __name__ == "__main__":
    unittest.main()
