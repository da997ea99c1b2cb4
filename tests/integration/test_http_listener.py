"""The HTTP listener's start-up rules and limits: a port another socket owns
is an error (exit 2, "in use"), also when that socket set SO_REUSEPORT; a
bearer token shorter than 16 characters is refused (exit 2); the bearer scheme
is case-insensitive; a host name that merely starts with "127." is not
loopback; one client may hold at most 100 legacy sessions at once (503 or 429
past that, DELETE frees room)."""
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import unittest

from harness import McpServer, module_moto, server_binary, setUpModule, tearDownModule  # noqa: F401
from http_helpers import INIT_PARAMS, HttpServer

TOKEN = secrets.token_hex(16)  # 32 characters
START_TIMEOUT = 5
INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": INIT_PARAMS}


def server_env(extra=None):
    """The harness's clean environment for the server (fake keys, empty HOME)."""
    maker = McpServer(module_moto().endpoint, env=extra)
    env = maker.environment()
    return env, maker.home


def run_briefly(args, env_extra=None, prefix=()):
    """Runs the server with `args`; returns (exit code, stderr), the code None
    when it started serving (or still ran after START_TIMEOUT s): it is then
    killed at once."""
    env, home = server_env(env_extra)
    proc = subprocess.Popen([*prefix, server_binary(), *args], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = bytearray()
    reader = threading.Thread(target=lambda: err.extend(proc.stderr.read()), daemon=True)
    reader.start()
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while proc.poll() is None and time.monotonic() < deadline and b"serving MCP on" not in err:
            time.sleep(0.02)
        code = proc.poll()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=5)
        reader.join(timeout=5)
        proc.stderr.close()
        shutil.rmtree(home, ignore_errors=True)
    return code, err.decode("utf-8", "replace")


def no_network_prefix():
    """`unshare -n` when this machine allows it: a host name the server might
    try to resolve then never reaches a DNS server (all traffic stays local)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    try:
        ok = subprocess.run([unshare, "-n", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return [unshare, "-n"] if ok else None


class PortInUseTest(unittest.TestCase):
    def check_in_use(self, reuse_port):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            if reuse_port:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            s.bind(("127.0.0.1", 0))
            s.listen(8)
            port = s.getsockname()[1]
            code, err = run_briefly(["--http", "127.0.0.1:%d" % port])
        finally:
            s.close()
        self.assertIsNotNone(code, "the server started serving (or still ran after %ss) while port %d was owned by "
                             "another socket (SO_REUSEPORT=%s); stderr: %s"
                             % (START_TIMEOUT, port, reuse_port, err[-500:]))
        self.assertEqual(code, 2, err)
        self.assertIn("in use", err.lower())

    def test_port_owned_by_another_socket(self):
        self.check_in_use(reuse_port=False)

    def test_port_owned_by_a_reuseport_socket(self):
        self.check_in_use(reuse_port=True)


class TokenLengthTest(unittest.TestCase):
    def check_refused(self, args, env):
        code, err = run_briefly(args, env)
        self.assertIsNotNone(code, "a one-character token was accepted: the server started serving; stderr: %s"
                             % err[-500:])
        self.assertEqual(code, 2, err)
        self.assertIn("token", err.lower())
        self.assertIn("16", err)

    def test_short_token_on_loopback(self):
        self.check_refused(["--http", "127.0.0.1:0"], {"AWS_MCP_HTTP_TOKEN": "x"})

    def test_short_token_on_all_interfaces(self):
        self.check_refused(["--http", "0.0.0.0:0"], {"AWS_MCP_HTTP_TOKEN": "x"})

    def test_short_token_from_a_file(self):
        d = tempfile.mkdtemp(prefix="aws-mcp-token-")
        try:
            path = os.path.join(d, "token")
            with open(path, "w") as f:
                f.write("x\n")
            os.chmod(path, 0o600)
            self.check_refused(["--http", "127.0.0.1:0", "--http-token-file", path], {})
        finally:
            shutil.rmtree(d, ignore_errors=True)

    def test_a_32_character_token_starts(self):
        server = HttpServer(module_moto().endpoint, token=TOKEN).start(timeout=START_TIMEOUT)
        try:
            status, _, text = server.post(INIT)
            self.assertEqual(status, 200, text)
        finally:
            server.stop()


class BearerSchemeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HttpServer(module_moto().endpoint, token=TOKEN).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_scheme_is_case_insensitive(self):
        for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"]:
            with self.subTest(scheme=scheme):
                status, _, text = self.server.post(INIT, {"Authorization": "%s %s" % (scheme, TOKEN)})
                self.assertEqual(status, 200, text)

    def test_wrong_token_is_401(self):
        for auth in ["bearer wrong-token-wrong-token-00", "BEARER " + TOKEN[:-1], "Bearer " + TOKEN.upper()]:
            with self.subTest(auth=auth):
                status, headers, _ = self.server.post(INIT, {"Authorization": auth})
                self.assertEqual(status, 401)
                self.assertTrue(headers.get("www-authenticate", "").startswith("Bearer"))


class LoopbackNamesTest(unittest.TestCase):
    """Without a token only loopback may be served. A name that starts with
    "127." but is no address (it could resolve anywhere) is not loopback."""

    def test_names_that_only_look_like_loopback(self):
        prefix = no_network_prefix()
        hosts = ["127x", "127.attacker", "127.0.0.1.attacker"] if prefix else ["127x"]
        if prefix is None:
            print("\n(unshare -n unavailable: names that need a DNS lookup are not tried)")
        for host in hosts:
            with self.subTest(host=host):
                code, err = run_briefly(["--http", host + ":0"], {"AWS_MCP_HTTP_TOKEN": None}, prefix or ())
                self.assertEqual(code, 2, "--http %s:0 without a token: exit %s; stderr: %s" % (host, code, err))

    def test_real_loopback_starts_without_a_token(self):
        for host in ["localhost", "127.0.0.2"]:
            with self.subTest(host=host):
                server = HttpServer(module_moto().endpoint, listen=host + ":0")
                try:
                    server.start(timeout=START_TIMEOUT)
                    self.assertTrue(server.alive())
                finally:
                    server.stop()


class SessionLimitTest(unittest.TestCase):
    LIMIT = 100

    def test_one_client_holds_at_most_100_sessions(self):
        server = HttpServer(module_moto().endpoint, token=TOKEN).start()
        sessions, refused = [], None
        try:
            for i in range(self.LIMIT + 1):
                status, headers, text = server.post(INIT)
                if status == 200 and headers.get("mcp-session-id"):
                    sessions.append(headers["mcp-session-id"])
                    continue
                refused = (i, status, text[:200])
                break
            self.assertIsNotNone(refused, "one client opened %d sessions and was never refused" % len(sessions))
            self.assertIn(refused[1], (429, 503), refused)
            self.assertLessEqual(refused[0], self.LIMIT)
            # Ending a session frees room for a new one.
            status, _, text = server.post(None, {"MCP-Session-Id": sessions.pop()}, method="DELETE")
            self.assertEqual(status, 200, text)
            status, headers, text = server.post(INIT)
            self.assertEqual(status, 200, text)
            sessions.append(headers["mcp-session-id"])
            self.assertTrue(server.alive())
        finally:
            for sid in sessions:
                try:
                    server.post(None, {"MCP-Session-Id": sid}, method="DELETE", timeout=5)
                except OSError:
                    pass
            server.stop()


if __name__ == "__main__":
    unittest.main()
