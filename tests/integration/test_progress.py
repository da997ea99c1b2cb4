"""Progress and cancel through the stdio server, against AWS stand-ins on
loopback: an endpoint that accepts and never answers (with --aws-timeout 5)
and one that answers every request with 503. A call with a progressToken
hears within about a second what it waits on, each retry with its reason,
and notifications/cancelled ends the work early (the hung connection is
dropped, no retry follows)."""
import socket
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from harness import McpServer


class HungEndpoint:
    """Accepts TCP connections and never answers; records when each one
    opened and when the client closed it."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.endpoint = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        self.opened, self.closed = [], []
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            self.opened.append(time.monotonic())
            threading.Thread(target=self._hold, args=(conn,), daemon=True).start()

    def _hold(self, conn):
        conn.settimeout(0.2)
        while not self._stop.is_set():
            try:
                if not conn.recv(65536):
                    break
            except socket.timeout:
                continue
            except OSError:
                break
        self.closed.append(time.monotonic())
        conn.close()

    def close(self):
        self._stop.set()
        self.sock.close()


class Unavailable(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST


def call_with_progress(server, name, arguments, token="p1"):
    i = server.new_id()
    server.send({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                 "params": {"name": name, "arguments": arguments, "_meta": {"progressToken": token}}})
    return i


def progress_until(server, predicate, deadline_s, request_id=None):
    """Progress notifications (with their arrival times) until one satisfies
    `predicate` or the deadline; stops early at the response to request_id."""
    seen, start = [], time.monotonic()
    while time.monotonic() - start < deadline_s:
        try:
            msg = server.read_message(timeout=max(0.05, deadline_s - (time.monotonic() - start)))
        except AssertionError:
            break
        if msg.get("method") == "notifications/progress":
            seen.append((time.monotonic() - start, msg["params"]))
            if predicate(msg["params"]):
                break
        elif request_id is not None and msg.get("id") == request_id:
            seen.append((time.monotonic() - start, {"response": msg}))
            break
    return seen


class HungEndpointTest(unittest.TestCase):
    def setUp(self):
        self.hung = HungEndpoint()
        self.server = McpServer(self.hung.endpoint, ["--aws-timeout", "5"])
        self.server.start()

    def tearDown(self):
        self.server.close()
        self.hung.close()

    def test_progress_within_two_seconds_then_the_retry_reason(self):
        i = call_with_progress(self.server, "aws_call", {"service": "ecs", "action": "ListClusters"})
        first = progress_until(self.server, lambda p: True, 3.0)
        self.assertTrue(first, "no progress within 3 s")
        at, params = first[0]
        self.assertLess(at, 2.0, "first progress after %.1f s" % at)
        self.assertEqual(params["progressToken"], "p1")
        self.assertIn("ecs ListClusters", params["message"])
        retry = progress_until(self.server, lambda p: "timed out" in p.get("message", ""), 8.0)
        self.assertTrue(retry and "timed out" in retry[-1][1]["message"], retry)
        self.assertIn("attempt 1 of 3", retry[-1][1]["message"])
        values = [p["progress"] for _, p in first + retry]
        self.assertEqual(values, sorted(set(values)), "progress values must increase")
        self.server.notify("notifications/cancelled", {"requestId": i})

    def test_cancel_ends_the_call_early(self):
        i = call_with_progress(self.server, "aws_call", {"service": "ecs", "action": "ListClusters"})
        self.assertTrue(progress_until(self.server, lambda p: True, 3.0))
        self.assertEqual(len(self.hung.opened), 1)
        cancelled_at = time.monotonic()
        self.server.notify("notifications/cancelled", {"requestId": i, "reason": "test"})
        while not self.hung.closed and time.monotonic() - cancelled_at < 4:
            time.sleep(0.05)
        self.assertTrue(self.hung.closed, "the hung connection was not dropped after the cancel")
        # Well before the 5 s timeout would have ended the attempt.
        self.assertLess(self.hung.closed[0] - cancelled_at, 2.5)
        time.sleep(5.5)  # past the 5 s timeout: a retry would have connected by now
        self.assertEqual(len(self.hung.opened), 1, "a retry ran after the cancel")
        # No answer to the cancelled call; the server goes on serving.
        self.assertEqual(self.server.request("ping", {}), {})
        self.assertFalse([m for m in self.server.notifications if m.get("id") == i])


class RetriedDataStoresTest(unittest.TestCase):
    def setUp(self):
        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Unavailable)
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        self.server = McpServer("http://127.0.0.1:%d" % self.http.server_address[1], [])
        self.server.start()

    def tearDown(self):
        self.server.close()
        self.http.shutdown()
        self.http.server_close()

    def test_retries_report_progress(self):
        i = call_with_progress(self.server, "aws_data_stores", {})
        seen = progress_until(self.server, lambda p: False, 30.0, request_id=i)
        messages = [p.get("message", "") for _, p in seen if "response" not in p]
        retries = [m for m in messages if "HTTP 503" in m and "retrying" in m]
        self.assertTrue(retries, messages)
        self.assertTrue(any("rds DescribeDBInstances" in m for m in retries), retries)
        self.assertTrue(any("elasticache DescribeCacheClusters" in m for m in retries), retries)
        self.assertIn("response", seen[-1][1], "no answer within 30 s")


if __name__ == "__main__":
    unittest.main()
