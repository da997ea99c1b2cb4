"""Slow clients (slowloris) on the HTTP transport: 220 connections that send
the start of a request and then one more header byte every 2 s. While they
are open, GET /health answers within 3 s and an authenticated legacy
initialize + tools/list within 5 s; the server closes the slow connections by
itself within 30 s of their start (the contract: 10 s for a request's headers,
30 s for its whole body)."""
import http.client
import secrets
import selectors
import socket
import threading
import time
import unittest

from harness import module_moto, setUpModule, tearDownModule  # noqa: F401
from http_helpers import INIT_PARAMS, HttpServer, answer_message

TOKEN = secrets.token_hex(16)  # 32 characters
SLOW = 220
DRIBBLE_EVERY = 2.0
CLOSE_WITHIN = 30.0
GRACE = 2.0  # waited past CLOSE_WITHIN of the last connection before counting


class SlowClients:
    """SLOW connections dribbling header bytes from a thread; records when the
    server closed each one (EOF or reset on recv, or a failed send)."""

    def __init__(self, port):
        self.port = port
        self.socks = []
        self.started = {}
        self.closed = {}
        self.answered = {}  # bytes the server sent before closing (a 408, say)
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.sel = selectors.DefaultSelector()
        self.thread = None

    def open(self):
        prefix = ("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % self.port).encode()
        for _ in range(SLOW):
            s = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            s.sendall(prefix)
            s.setblocking(False)
            with self.lock:
                self.socks.append(s)
                self.started[s] = time.monotonic()
            self.sel.register(s, selectors.EVENT_READ)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _mark_closed(self, s):
        with self.lock:
            if s not in self.closed:
                self.closed[s] = time.monotonic()
        try:
            self.sel.unregister(s)
        except (KeyError, ValueError):
            pass

    def _run(self):
        dribble = b"X-Slow-Header: " + b"a" * 1000
        sent = 0
        next_byte = time.monotonic() + DRIBBLE_EVERY
        while not self.stop.is_set():
            for key, _ in self.sel.select(timeout=0.2):
                s = key.fileobj
                try:
                    data = s.recv(4096)
                except BlockingIOError:
                    continue
                except OSError:
                    self._mark_closed(s)
                    continue
                if data:
                    self.answered[s] = self.answered.get(s, b"") + data
                else:
                    self._mark_closed(s)
            if time.monotonic() >= next_byte:
                next_byte += DRIBBLE_EVERY
                byte = dribble[sent % len(dribble):sent % len(dribble) + 1]
                sent += 1
                with self.lock:
                    open_socks = [s for s in self.socks if s not in self.closed]
                for s in open_socks:
                    try:
                        s.send(byte)
                    except BlockingIOError:
                        pass
                    except OSError:
                        self._mark_closed(s)

    def open_count(self):
        with self.lock:
            return len(self.socks) - len(self.closed)

    def close(self):
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout=5)
        for s in self.socks:
            try:
                s.close()
            except OSError:
                pass
        self.sel.close()


class SlowClientsTest(unittest.TestCase):
    def test_slow_clients_do_not_starve_others_and_are_cut_off(self):
        server = HttpServer(module_moto().endpoint, token=TOKEN).start()
        slow = SlowClients(server.port)
        try:
            t0 = time.monotonic()
            slow.open()
            print("\n%d slow connections opened in %.1fs" % (SLOW, time.monotonic() - t0))

            # Health check while they are open.
            t = time.monotonic()
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=3)
            try:
                conn.request("GET", "/health")
                resp = conn.getresponse()
                health = (resp.status, resp.read())
            except (OSError, http.client.HTTPException) as e:
                health = ("no answer within 3 s: %r" % e, b"")
            finally:
                conn.close()
            health_time = time.monotonic() - t

            # An authenticated client gets served too.
            t = time.monotonic()
            served = None
            try:
                status, h, text = server.post({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                               "params": INIT_PARAMS}, timeout=5)
                sid = h.get("mcp-session-id")
                if status == 200 and sid:
                    left = max(0.1, 5 - (time.monotonic() - t))
                    status, h, text = server.post({"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
                                                  {"MCP-Session-Id": sid}, timeout=left)
                    msg = answer_message(h, text, 2)
                    served = (status, len(msg["result"]["tools"]) if msg and "result" in msg else text[:200])
                else:
                    served = ("initialize", status, text[:200])
            except (OSError, http.client.HTTPException, ValueError) as e:
                served = "no answer within 5 s: %r" % e
            client_time = time.monotonic() - t
            print("health: %r in %.2fs; initialize + tools/list: %r in %.2fs, %d slow still open"
                  % (health[0], health_time, served, client_time, slow.open_count()))

            # The server must cut every slow connection by itself.
            deadline = max(slow.started.values()) + CLOSE_WITHIN + GRACE
            while slow.open_count() and time.monotonic() < deadline:
                time.sleep(0.25)
            with slow.lock:
                lifetimes = sorted(at - slow.started[sock] for sock, at in slow.closed.items())
            still_open = slow.open_count()
            print("closed by the server: %d of %d; lifetimes min %.1fs max %.1fs"
                  % (len(lifetimes), SLOW, lifetimes[0] if lifetimes else -1, lifetimes[-1] if lifetimes else -1))
            alive = server.alive()
        finally:
            slow.close()
            code = server.stop()

        problems = []
        if not alive:
            problems.append("the server died: exit %s, %s" % (code, server.stderr()[-1000:]))
        if health[0] != 200 or health_time >= 3.0:
            problems.append("GET /health with %d slow clients open: %r after %.1fs (want 200 within 3 s)"
                            % (SLOW, health[0], health_time))
        if not (isinstance(served, tuple) and served[0] == 200 and isinstance(served[1], int) and served[1] > 0
                and client_time < 5.0):
            problems.append("initialize + tools/list with %d slow clients open: %r after %.1fs (want tools within 5 s)"
                            % (SLOW, served, client_time))
        if still_open:
            problems.append("%d of %d slow connections still open %ss after they started (the server never cut them)"
                            % (still_open, SLOW, CLOSE_WITHIN + GRACE))
        late = [x for x in lifetimes if x > CLOSE_WITHIN]
        if late:
            problems.append("%d slow connections closed later than %ss after their start (latest %.1fs)"
                            % (len(late), CLOSE_WITHIN, late[-1]))
        if problems:
            self.fail("\n".join(problems))


if __name__ == "__main__":
    unittest.main()
