"""OAuth 2.1 resource-server mode over HTTP: an issuer on loopback (metadata
and JWKS) whose keys are made here with Python's `cryptography` for this run
only; tokens signed by it are accepted when iss, aud, exp and the required
scope hold, and refused with the spec's 401/403 and WWW-Authenticate
otherwise. Protected Resource Metadata is served without a token."""
import base64
import http.client
import json
import os
import re
import subprocess
import tempfile
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from harness import free_port, module_moto, server_binary, setUpModule, tearDownModule  # noqa: F401

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER = rsa.generate_private_key(public_exponent=65537, key_size=2048)
INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def uint(n):
    return n.to_bytes((n.bit_length() + 7) // 8, "big")


class Issuer(BaseHTTPRequestHandler):
    url = ""

    def log_message(self, *args):
        pass

    def do_GET(self):
        numbers = KEY.public_key().public_numbers()
        docs = {"/.well-known/oauth-authorization-server": {"issuer": Issuer.url, "jwks_uri": Issuer.url + "/jwks"},
                "/jwks": {"keys": [{"kty": "RSA", "kid": "k1", "use": "sig", "alg": "RS256",
                                    "n": b64url(uint(numbers.n)), "e": b64url(uint(numbers.e))}]}}
        body = json.dumps(docs.get(self.path, {})).encode()
        self.send_response(200 if self.path in docs else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class OAuthTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.issuer = ThreadingHTTPServer(("127.0.0.1", 0), Issuer)
        Issuer.url = "http://127.0.0.1:%d" % cls.issuer.server_address[1]
        threading.Thread(target=cls.issuer.serve_forever, daemon=True).start()
        cls.port = free_port()
        cls.audience = "http://127.0.0.1:%d/mcp" % cls.port
        env = {"PATH": os.environ.get("PATH", ""), "HOME": tempfile.mkdtemp(), "AWS_EC2_METADATA_DISABLED": "true",
               "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
               "AWS_ENDPOINT_URL": module_moto().endpoint}
        cls.proc = subprocess.Popen(
            [server_binary(), "--http", "127.0.0.1:%d" % cls.port, "--oauth-issuer", Issuer.url,
             "--oauth-audience", cls.audience, "--oauth-scopes", "aws:read"],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        line = cls.proc.stderr.readline()
        assert "serving MCP" in line, line

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        assert cls.proc.wait(timeout=20) == 0
        cls.proc.stderr.close()
        cls.issuer.shutdown()
        cls.issuer.server_close()

    def token(self, key=KEY, **changes):
        claims = {"iss": Issuer.url, "aud": self.audience, "sub": "dev-1", "exp": int(time.time()) + 600,
                  "scope": "aws:read"}
        claims.update(changes)
        claims = {k: v for k, v in claims.items() if v is not None}
        signing = b64url(json.dumps({"alg": "RS256", "kid": "k1", "typ": "at+jwt"}).encode()) + "." + \
            b64url(json.dumps(claims).encode())
        return signing + "." + b64url(key.sign(signing.encode(), padding.PKCS1v15(), hashes.SHA256()))

    def request(self, method, path, body=None, token=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
        if token:
            headers["Authorization"] = "Bearer " + token
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        resp = conn.getresponse()
        text = resp.read().decode()
        conn.close()
        return resp, text

    def test_protected_resource_metadata_needs_no_token(self):
        resp, text = self.request("GET", "/.well-known/oauth-protected-resource")
        self.assertEqual(resp.status, 200)
        doc = json.loads(text)
        self.assertEqual(doc["resource"], self.audience)
        self.assertEqual(doc["authorization_servers"], [Issuer.url])
        self.assertEqual(doc["scopes_supported"], ["aws:read"])

    def test_no_token_is_401_naming_the_metadata(self):
        resp, _ = self.request("POST", "/mcp", INIT)
        self.assertEqual(resp.status, 401)
        challenge = resp.getheader("WWW-Authenticate")
        self.assertTrue(challenge.startswith("Bearer"))
        url = re.search(r'resource_metadata="([^"]+)"', challenge).group(1)
        self.assertEqual(url, "http://127.0.0.1:%d/.well-known/oauth-protected-resource" % self.port)

    def test_valid_token_opens_a_session_and_calls(self):
        token = self.token()
        resp, text = self.request("POST", "/mcp", INIT, token)
        self.assertEqual(resp.status, 200, text)
        sid = resp.getheader("MCP-Session-Id")
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("POST", "/mcp", body=json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {
            "name": "aws_call", "arguments": {"service": "sts", "action": "GetCallerIdentity"}}}),
            headers={"Authorization": "Bearer " + token, "MCP-Session-Id": sid, "Accept": "application/json"})
        answer = json.loads(conn.getresponse().read())
        conn.close()
        self.assertEqual(answer["result"]["structuredContent"]["Account"],
                         module_moto().client("sts").get_caller_identity()["Account"])

    def test_bad_tokens_are_401_invalid_token(self):
        for name, token in [("other key", self.token(key=OTHER)), ("wrong audience", self.token(aud="http://x/mcp")),
                            ("wrong issuer", self.token(iss="http://evil.test")),
                            ("expired", self.token(exp=int(time.time()) - 3600)), ("no expiry", self.token(exp=None)),
                            ("not a JWT", "abc.def")]:
            with self.subTest(name):
                resp, _ = self.request("POST", "/mcp", INIT, token)
                self.assertEqual(resp.status, 401)
                self.assertIn('error="invalid_token"', resp.getheader("WWW-Authenticate"))

    def test_missing_scope_is_403_insufficient_scope(self):
        resp, _ = self.request("POST", "/mcp", INIT, self.token(scope="profile"))
        self.assertEqual(resp.status, 403)
        challenge = resp.getheader("WWW-Authenticate")
        self.assertIn('error="insufficient_scope"', challenge)
        self.assertIn('scope="aws:read"', challenge)


class OAuthStartupTest(unittest.TestCase):
    def test_an_issuer_without_keys_stops_the_server(self):
        proc = subprocess.run([server_binary(), "--http", "127.0.0.1:0", "--oauth-issuer", "http://127.0.0.1:9",
                               "--oauth-audience", "http://127.0.0.1/mcp"],
                              env={"PATH": os.environ.get("PATH", ""), "HOME": tempfile.mkdtemp(),
                                   "AWS_EC2_METADATA_DISABLED": "true"},
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("jwks", proc.stderr.lower())


if __name__ == "__main__":
    unittest.main()
