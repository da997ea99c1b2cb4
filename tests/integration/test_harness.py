"""The harness itself: a server that stops answering fails the test instead
of hanging it, a server that ignores the end of stdin is reported and killed,
and to_api_json formats like the contract (checked against hand-written
values). Uses stand-in servers written in Python, not aws-mcp."""
import datetime
import os
import sys
import tempfile
import time
import unittest

from harness import ConnectionCounter, McpServer, ServerError, to_api_json

SILENT = "import sys, time\nfor line in sys.stdin: pass\n"          # reads, never answers, exits on EOF
STUBBORN = "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\ntime.sleep(600)\n"


def stand_in(code):
    f = tempfile.NamedTemporaryFile("w", suffix=".py", delete=False)
    f.write("#!%s\n%s" % (sys.executable, code))
    f.close()
    os.chmod(f.name, 0o755)
    return f.name


class HarnessTest(unittest.TestCase):
    def test_silent_server_fails_fast(self):
        path = stand_in(SILENT)
        self.addCleanup(os.unlink, path)
        server = McpServer(None, binary=path, timeout=1)
        start = time.monotonic()
        with self.assertRaises(ServerError):
            server.start()  # initialize gets no answer
        self.assertLess(time.monotonic() - start, 5)
        self.assertEqual(server.close(), 0)

    def test_server_that_does_not_exit_is_killed(self):
        path = stand_in(STUBBORN)
        self.addCleanup(os.unlink, path)
        server = McpServer(None, binary=path, timeout=1)
        server.start(initialize=False)
        proc = server.proc
        with self.assertRaises(ServerError):
            server.close(timeout=1)
        self.assertIsNotNone(proc.poll())

    def test_to_api_json(self):
        utc = datetime.timezone.utc
        plus2 = datetime.timezone(datetime.timedelta(hours=2))
        response = {
            "ResponseMetadata": {"RequestId": "x"},
            "a": datetime.datetime(2024, 5, 1, 12, 0, 0, tzinfo=utc),
            "b": [datetime.datetime(2024, 5, 1, 12, 0, 0, 120000, tzinfo=utc),
                  datetime.datetime(2024, 5, 1, 14, 0, 0, 123456, tzinfo=plus2)],
            "c": {"blob": b"\x00\xffhi", "n": 1, "s": "t"},
        }
        self.assertEqual(to_api_json(response), {
            "a": "2024-05-01T12:00:00Z",
            "b": ["2024-05-01T12:00:00.12Z", "2024-05-01T12:00:00.123456Z"],
            "c": {"blob": "AP9oaQ==", "n": 1, "s": "t"},
        })

    def test_connection_counter_counts(self):
        import socket
        with ConnectionCounter() as counter:
            for _ in range(2):
                socket.create_connection(("127.0.0.1", counter.port), timeout=2).close()
            deadline = time.monotonic() + 2
            while counter.count < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertEqual(counter.count, 2)


if __name__ == "__main__":
    unittest.main()
