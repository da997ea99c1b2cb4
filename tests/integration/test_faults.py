"""Faults between the server and AWS: throttling, 5xx, a flaky endpoint,
dropped connections and a hung endpoint, from a loopback stand-in for STS.
Each call ends with an answer or a clear error within a bound, retried as
the SDKs' standard mode does, and the server keeps serving."""
import socket
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from harness import IntegrationTestCase, setUpModule, tearDownModule  # noqa: F401

OK_BODY = ('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>'
           '<Arn>arn:aws:iam::123456789012:user/fault</Arn><UserId>AIDAFAULTTEST</UserId>'
           '<Account>123456789012</Account></GetCallerIdentityResult>'
           '<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>')
THROTTLED = ('<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>'
             '</Error><RequestId>r-2</RequestId></ErrorResponse>')


class Faulty(BaseHTTPRequestHandler):
    mode = "ok"
    requests = 0
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with Faulty.lock:
            Faulty.requests += 1
            n = Faulty.requests
        mode = Faulty.mode
        if mode == "hang":
            time.sleep(20)
            return
        if mode == "drop":
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        status, body = 200, OK_BODY
        if mode == "throttle":
            status, body = 400, THROTTLED
        elif mode == "5xx" or (mode == "flaky" and n <= 2):
            status, body = 503, ""
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class FaultsTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0", "--aws-timeout", "1"]

    @classmethod
    def server_endpoint(cls):
        cls.faulty = ThreadingHTTPServer(("127.0.0.1", 0), Faulty)
        cls.faulty.daemon_threads = True
        threading.Thread(target=cls.faulty.serve_forever, daemon=True).start()
        return "http://127.0.0.1:%d" % cls.faulty.server_address[1]

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.faulty.shutdown()

    def call(self, mode):
        Faulty.mode, Faulty.requests = mode, 0
        start = time.monotonic()
        result = self.server.call_tool("aws_call", {"service": "sts", "action": "GetCallerIdentity"}, timeout=60)
        elapsed = time.monotonic() - start
        self.assertEqual(self.server.request("ping"), {})  # still serving
        return result, elapsed, Faulty.requests

    def test_flaky_endpoint_is_retried_to_success(self):
        result, elapsed, attempts = self.call("flaky")
        got = self.assertToolOk(result)
        self.assertEqual(got["Account"], "123456789012")
        self.assertEqual(attempts, 3)
        self.assertLess(elapsed, 10)

    def test_throttling_ends_with_the_throttling_error(self):
        result, elapsed, attempts = self.call("throttle")
        error = self.assertToolError(result, "Throttling")
        self.assertEqual(attempts, 3)
        self.assertLess(elapsed, 10)
        self.assertIn("Rate exceeded", error["message"])

    def test_server_errors_end_after_three_attempts(self):
        result, elapsed, attempts = self.call("5xx")
        error = self.assertToolError(result)
        self.assertIn("503", error["code"] + error["message"])
        self.assertEqual(attempts, 3)
        self.assertLess(elapsed, 10)

    def test_dropped_connections_are_a_network_error(self):
        result, elapsed, attempts = self.call("drop")
        self.assertToolError(result, "NetworkError")
        self.assertEqual(attempts, 3)
        self.assertLess(elapsed, 10)

    def test_a_hung_endpoint_times_out_within_the_bound(self):
        result, elapsed, attempts = self.call("hang")
        self.assertToolError(result, "Timeout")
        self.assertLessEqual(attempts, 3)
        self.assertLess(elapsed, 12)  # 3 attempts of 1 s, with backoff

    def test_fine_after_faults(self):
        result, _, attempts = self.call("ok")
        self.assertEqual(self.assertToolOk(result)["UserId"], "AIDAFAULTTEST")
        self.assertEqual(attempts, 1)


if __name__ == "__main__":
    unittest.main()
