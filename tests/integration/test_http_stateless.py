"""The 2026-07-28 (stateless) era on Streamable HTTP, checked on the wire with
http.client: per-request _meta and the mirrored headers (Mcp-Method, Mcp-Name,
MCP-Protocol-Version) with their status codes, no sessions, answers that equal
boto3's, requests with equal ids from different clients, cancellation by
closing the response stream, and the legacy era still served next to it."""
import base64
import http.client
import json
import re
import secrets
import socket
import threading
import time
import unittest
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from harness import module_moto, setUpModule, tearDownModule  # noqa: F401
from test_http_transport import INIT, start_server

TOKEN = secrets.token_hex(20)
VERSION = "2026-07-28"
META = {"io.modelcontextprotocol/protocolVersion": VERSION, "io.modelcontextprotocol/clientCapabilities": {}}


def request(rpc_id, method, params=None, meta=META):
    p = dict(params or {})
    if meta is not None:
        p["_meta"] = meta
    return {"jsonrpc": "2.0", "id": rpc_id, "method": method, "params": p}


def listen(proc):
    line = proc.stderr.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/mcp", line)
    assert m, "server did not say where it serves: %r" % line
    return int(m.group(1))


class Client:
    def __init__(self, port):
        self.port = port
        self.mirrored = None  # tool -> [(path, header)], from tools/list as a client learns them

    def learn_mirrored_params(self):
        self.mirrored = {}
        _, body = self.rpc(request(0, "tools/list"))
        for tool in body["result"]["tools"]:
            found = []

            def walk(schema, path):
                for name, prop in schema.get("properties", {}).items():
                    if "x-mcp-header" in prop:
                        found.append((path + [name], prop["x-mcp-header"]))
                    walk(prop, path + [name])
            walk(tool["inputSchema"], [])
            self.mirrored[tool["name"]] = found

    def mirror(self, params):
        """The Mcp-Param-* headers a 2026-07-28 client sends for a tools/call."""
        if self.mirrored is None:
            self.learn_mirrored_params()
        headers = {}
        for path, header in self.mirrored.get(params.get("name"), []):
            value = params.get("arguments", {})
            for key in path:
                value = value.get(key) if isinstance(value, dict) else None
            if isinstance(value, str):
                headers["Mcp-Param-" + header] = value
        return headers

    def post(self, body, headers=None, method="POST", accept="application/json, text/event-stream"):
        """(status, headers, text). Headers mirror the body unless given; None drops one."""
        h = {"Content-Type": "application/json", "Accept": accept, "Authorization": "Bearer " + TOKEN,
             "MCP-Protocol-Version": VERSION}
        if isinstance(body, dict) and "method" in body:
            h["Mcp-Method"] = body["method"]
            params = body.get("params", {})
            name = params.get("name") if body["method"] in ("tools/call", "prompts/get") else params.get("uri")
            if name is not None:
                h["Mcp-Name"] = name
            if body["method"] == "tools/call":
                h.update(self.mirror(params))
        h.update(headers or {})
        h = {k: v for k, v in h.items() if v is not None}
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request(method, "/mcp", body=None if body is None else json.dumps(body), headers=h)
        resp = conn.getresponse()
        text = resp.read().decode()
        conn.close()
        return resp.status, resp, text

    def rpc(self, body, headers=None, accept="application/json"):
        status, _, text = self.post(body, headers, accept=accept)
        return status, json.loads(text)


class StatelessHttpTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.proc = start_server(["--http", "127.0.0.1:0", "--cache-ttl", "0"], {"AWS_MCP_HTTP_TOKEN": TOKEN})
        cls.client = Client(listen(cls.proc))

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        assert cls.proc.wait(timeout=20) == 0

    def test_discover_without_a_session(self):
        status, resp, text = self.client.post(request(1, "server/discover"))
        self.assertEqual(status, 200)
        self.assertIsNone(resp.getheader("MCP-Session-Id"))
        result = json.loads(text)["result"]
        self.assertEqual(result["resultType"], "complete")
        self.assertIn(VERSION, result["supportedVersions"])
        self.assertIn("2025-11-25", result["supportedVersions"])
        self.assertEqual(result["_meta"]["io.modelcontextprotocol/serverInfo"]["name"], "aws-mcp")

    def test_a_call_as_json_and_as_sse_equals_boto3(self):
        account = module_moto().client("sts").get_caller_identity()["Account"]
        call = request(2, "tools/call", {"name": "aws_call", "arguments": {"service": "sts",
                                                                           "action": "GetCallerIdentity"}})
        status, body = self.client.rpc(call)
        self.assertEqual(status, 200)
        self.assertEqual(body["result"]["structuredContent"]["Account"], account)
        self.assertEqual(body["result"]["resultType"], "complete")
        status, resp, text = self.client.post(call)
        self.assertEqual(resp.getheader("Content-Type"), "text/event-stream")
        events = [json.loads(line[6:]) for line in text.splitlines() if line.startswith("data: ")]
        self.assertEqual(events[-1]["id"], 2)
        self.assertEqual(events[-1]["result"]["structuredContent"]["Account"], account)

    def test_headers_must_mirror_the_body(self):
        call = request(3, "tools/call", {"name": "aws_describe", "arguments": {"service": "sts"}})
        cases = [({"Mcp-Method": None}, "no Mcp-Method"), ({"Mcp-Method": "tools/list"}, "other method"),
                 ({"Mcp-Method": "TOOLS/CALL"}, "values are case-sensitive"), ({"Mcp-Name": None}, "no Mcp-Name"),
                 ({"Mcp-Name": "aws_call"}, "other name"), ({"MCP-Protocol-Version": "2025-11-25"}, "other version")]
        for headers, why in cases:
            with self.subTest(why):
                status, body = self.client.rpc(call, headers)
                self.assertEqual((status, body["error"]["code"], body["id"]), (400, -32020, 3))
        encoded = "=?base64?" + base64.b64encode(b"aws_describe").decode() + "?="
        status, body = self.client.rpc(call, {"Mcp-Name": encoded, "mcp-method": " tools/call "})
        self.assertEqual(status, 200, body)
        self.assertIn("result", body)

    def test_mirrored_tool_parameters(self):
        schema = {t["name"]: t["inputSchema"] for t in self.client.rpc(request(13, "tools/list"))[1]["result"]["tools"]}
        self.assertEqual(schema["aws_call"]["properties"]["region"]["x-mcp-header"], "Region")
        self.assertEqual(schema["aws_call"]["properties"]["service"]["x-mcp-header"], "Service")
        call = request(14, "tools/call", {"name": "aws_call", "arguments": {
            "service": "sts", "action": "GetCallerIdentity", "region": "us-east-1"}})
        cases = [({"Mcp-Param-Region": None}, "missing"), ({"Mcp-Param-Region": "eu-west-1"}, "other region"),
                 ({"Mcp-Param-Service": "iam"}, "other service"),
                 ({"Mcp-Param-Region": "=?base64?dXMtZWFzdC0x?="[:-3] + "?="}, "truncated base64")]
        for headers, why in cases:
            with self.subTest(why):
                status, body = self.client.rpc(call, headers)
                self.assertEqual((status, body["error"]["code"]), (400, -32020))
        encoded = "=?base64?" + base64.b64encode(b"us-east-1").decode() + "?="
        status, body = self.client.rpc(call, {"Mcp-Param-Region": encoded})
        self.assertEqual(status, 200, body)
        account = module_moto().client("sts").get_caller_identity()["Account"]
        self.assertEqual(body["result"]["structuredContent"]["Account"], account)

    def test_meta_and_version_errors(self):
        status, body = self.client.rpc(request(4, "tools/list", meta=None))
        self.assertEqual((status, body["error"]["code"], body["id"]), (400, -32602, 4))
        no_caps = {"io.modelcontextprotocol/protocolVersion": VERSION}
        self.assertEqual(self.client.rpc(request(5, "tools/list", meta=no_caps))[0], 400)
        other = dict(META, **{"io.modelcontextprotocol/protocolVersion": "2099-01-01"})
        status, body = self.client.rpc(request(6, "tools/list", meta=other))
        self.assertEqual((status, body["error"]["code"]), (400, -32020))  # header and _meta disagree
        status, body = self.client.rpc(request(7, "tools/list", meta=other), {"MCP-Protocol-Version": "2099-01-01"})
        self.assertEqual((status, body["error"]["code"], body["id"]), (400, -32022, 7))
        self.assertEqual(body["error"]["data"]["requested"], "2099-01-01")
        self.assertIn(VERSION, body["error"]["data"]["supported"])

    def test_a_modern_request_without_its_version_header(self):
        status, body = self.client.rpc(request(12, "tools/list"), {"MCP-Protocol-Version": None})
        self.assertEqual((status, body["error"]["code"], body["id"]), (400, -32020, 12))

    def test_unknown_and_removed_methods_are_404(self):
        for method in ["no/such", "initialize", "ping", "logging/setLevel", "subscriptions/listen"]:
            with self.subTest(method):
                status, body = self.client.rpc(request(8, method))
                self.assertEqual((status, body["error"]["code"], body["id"]), (404, -32601, 8))

    def test_no_sessions_get_or_delete(self):
        for method in ["GET", "DELETE"]:
            status, _, _ = self.client.post(None, {"MCP-Session-Id": "0" * 32}, method=method)
            self.assertEqual(status, 405)
        # A session header on a modern request is ignored.
        status, body = self.client.rpc(request(9, "tools/list"), {"MCP-Session-Id": "f" * 32})
        self.assertEqual(status, 200)
        self.assertTrue(body["result"]["tools"])

    def test_resource_not_found_codes_differ_by_era(self):
        uri = "aws://logs/%2Fno%2Fsuch"
        status, body = self.client.rpc(request(10, "resources/read", {"uri": uri}))
        self.assertEqual((body["error"]["code"], body["error"]["data"]["uri"]), (-32602, uri))
        legacy = {"MCP-Protocol-Version": None, "Mcp-Method": None, "Mcp-Name": None}
        status, resp, _ = self.client.post(INIT, legacy, accept="application/json")
        sid = resp.getheader("MCP-Session-Id")
        status, body = self.client.rpc({"jsonrpc": "2.0", "id": 11, "method": "resources/read",
                                        "params": {"uri": uri}}, dict(legacy, **{"MCP-Session-Id": sid}))
        self.assertEqual(body["error"]["code"], -32002)

    def test_equal_ids_from_many_clients(self):
        groups = ["/stateless/g-%d" % i for i in range(8)]
        logs = module_moto().client("logs")
        for g in groups:
            logs.create_log_group(logGroupName=g)

        def ask(group):
            call = request(1, "tools/call", {"name": "aws_call", "arguments": {
                "service": "logs", "action": "DescribeLogGroups", "params": {"logGroupNamePrefix": group}}})
            return self.client.rpc(call)[1]

        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(ask, groups))
        for group, answer in zip(groups, answers):
            names = [g["logGroupName"] for g in answer["result"]["structuredContent"]["logGroups"]]
            expected = [g["logGroupName"] for g in logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]]
            self.assertEqual(names, expected)


class Hung(BaseHTTPRequestHandler):
    """An AWS endpoint that never answers; records when its client hangs up."""
    closed_at = None

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.connection.settimeout(0.1)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.connection.recv(1, socket.MSG_PEEK) == b"":
                    Hung.closed_at = time.monotonic()
                    return
            except socket.timeout:
                continue
            except OSError:
                Hung.closed_at = time.monotonic()
                return


class CancellationTest(unittest.TestCase):
    def test_closing_the_stream_cancels_the_call(self):
        hung = ThreadingHTTPServer(("127.0.0.1", 0), Hung)
        hung.daemon_threads = True
        threading.Thread(target=hung.serve_forever, daemon=True).start()
        proc = start_server(["--http", "127.0.0.1:0", "--cache-ttl", "0", "--aws-timeout", "60"],
                            {"AWS_MCP_HTTP_TOKEN": TOKEN,
                             "AWS_ENDPOINT_URL": "http://127.0.0.1:%d" % hung.server_address[1]})
        try:
            port = listen(proc)
            call = request(1, "tools/call", {"name": "aws_call", "arguments": {"service": "sts",
                                                                               "action": "GetCallerIdentity"}})
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("POST", "/mcp", body=json.dumps(call), headers={
                "Content-Type": "application/json", "Accept": "application/json, text/event-stream",
                "Authorization": "Bearer " + TOKEN, "MCP-Protocol-Version": VERSION, "Mcp-Method": "tools/call",
                "Mcp-Name": "aws_call", "Mcp-Param-Service": "sts", "Mcp-Param-Action": "GetCallerIdentity"})
            resp = conn.getresponse()
            self.assertEqual(resp.getheader("Content-Type"), "text/event-stream")
            time.sleep(1)
            conn.sock.shutdown(socket.SHUT_RDWR)
            conn.close()
            closed = time.monotonic()
            while Hung.closed_at is None and time.monotonic() < closed + 20:
                time.sleep(0.1)
            # Uncancelled, the server would wait out its 60 s AWS timeout.
            self.assertIsNotNone(Hung.closed_at, "the AWS request was not abandoned")
            self.assertLess(Hung.closed_at - closed, 20)
            status, body = Client(port).rpc(request(2, "tools/list"))  # still serving
            self.assertEqual(status, 200)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            hung.shutdown()


if __name__ == "__main__":
    unittest.main()
