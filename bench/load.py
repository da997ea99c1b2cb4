#!/usr/bin/env python3
"""Load and soak over Streamable HTTP, on loopback, against the emulator.

Load: N concurrent clients (default 50), each making aws_call requests for a
bounded time; every request must get its own answer, none an error. Prints
the throughput and the latency percentiles.
Soak: C calls (default 100,000) over a few clients; the server's RSS at the
end must be within 10% of its RSS after warm-up.
Each runs in both protocol eras by default: 2025-11-25 clients hold a session
each; 2026-07-28 clients are stateless (every POST carries its own _meta and
mirrored headers, and all of them share the server's one protocol layer).

    python3 bench/load.py [path/to/aws-mcp] [--era both|2025-11-25|2026-07-28]
                          [--sessions 50] [--seconds 10] [--soak 100000] [--check]
"""
import argparse
import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "integration"))

from harness import MotoServer  # noqa: E402

TOKEN = secrets.token_hex(20)


MODERN = "2026-07-28"
META = {"io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": {"name": "load", "version": "1"}}


class Session:
    """One MCP client over its own keep-alive HTTP connection: a session in the
    2025 era, stateless requests in the 2026 one."""

    def __init__(self, port, era):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.conn.connect()
        # http.client writes headers and body separately: without this, Nagle's
        # algorithm and delayed ACKs add 40 ms to every request.
        self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.era, self.sid, self.next_id = era, None, 1
        if era != MODERN:
            self.post({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
                "protocolVersion": era, "capabilities": {}, "clientInfo": {"name": "load", "version": "1"}}})
            self.post({"jsonrpc": "2.0", "method": "notifications/initialized"})

    def post(self, message):
        headers = {"Content-Type": "application/json", "Accept": "application/json",
                   "Authorization": "Bearer " + TOKEN}
        if self.era == MODERN:
            headers.update({"MCP-Protocol-Version": MODERN, "Mcp-Method": message["method"]})
            if message["method"] == "tools/call":
                headers["Mcp-Name"] = message["params"]["name"]
                # aws_call's x-mcp-header parameters, mirrored as a 2026-07-28 client does.
                for key in ("service", "action", "region"):
                    if key in message["params"]["arguments"]:
                        headers["Mcp-Param-" + key.capitalize()] = message["params"]["arguments"][key]
            message["params"]["_meta"] = META
        elif self.sid:
            headers["MCP-Session-Id"] = self.sid
            headers["MCP-Protocol-Version"] = self.era
        self.conn.request("POST", "/mcp", body=json.dumps(message), headers=headers)
        resp = self.conn.getresponse()
        body = resp.read()
        if resp.getheader("MCP-Session-Id"):
            self.sid = resp.getheader("MCP-Session-Id")
        if resp.status not in (200, 202):
            raise RuntimeError("HTTP %d: %s" % (resp.status, body[:200]))
        return json.loads(body) if body else None

    def call(self, arguments):
        i = self.next_id
        self.next_id += 1
        answer = self.post({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                            "params": {"name": "aws_call", "arguments": arguments}})
        if answer.get("id") != i:
            raise RuntimeError("answer for id %s, expected %d" % (answer.get("id"), i))
        if "error" in answer or answer["result"].get("isError"):
            raise RuntimeError("error answer: %s" % json.dumps(answer)[:300])
        return answer["result"]["structuredContent"]


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def pct(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p))]


def run_threads(n, work):
    errors, threads = [], []

    def guarded(k):
        try:
            work(k)
        except Exception as e:  # noqa: BLE001 - every failure is reported
            errors.append(repr(e))
    for k in range(n):
        threads.append(threading.Thread(target=guarded, args=(k,)))
        threads[-1].start()
    for t in threads:
        t.join()
    return errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary", nargs="?", default=os.path.join(os.path.dirname(HERE), "build", "aws-mcp"))
    ap.add_argument("--era", choices=["both", "2025-11-25", MODERN], default="both")
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--soak", type=int, default=100_000)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    failures = []
    with MotoServer() as moto:
        moto.client("ecs").create_cluster(clusterName="load-cluster")
        env = {"PATH": os.environ.get("PATH", ""), "HOME": tempfile.mkdtemp(), "AWS_EC2_METADATA_DISABLED": "true",
               "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
               "AWS_ENDPOINT_URL": moto.endpoint, "AWS_MCP_HTTP_TOKEN": TOKEN}
        server = subprocess.Popen([a.binary, "--http", "127.0.0.1:0", "--cache-ttl", "1"], env=env,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            port = int(re.search(r":(\d+)/mcp", server.stderr.readline()).group(1))
            for era in (["2025-11-25", MODERN] if a.era == "both" else [a.era]):
                # Load: every session calls until the time is up; a 1 s cache TTL sends some calls to moto.
                latencies, lock = [], threading.Lock()
                deadline = time.monotonic() + a.seconds

                def load(k):
                    s = Session(port, era)
                    mine = []
                    while time.monotonic() < deadline:
                        t0 = time.perf_counter()
                        out = s.call({"service": "ecs", "action": "ListClusters"})
                        mine.append(time.perf_counter() - t0)
                        if not out["clusterArns"][0].endswith("/load-cluster"):
                            raise RuntimeError("wrong answer: %s" % out)
                    with lock:
                        latencies.extend(mine)
                start = time.monotonic()
                errors = run_threads(a.sessions, load)
                elapsed = time.monotonic() - start
                latencies.sort()
                print("%s load: %d clients, %.1f s: %d calls, %.0f calls/s, p50 %.2f ms, p99 %.2f ms, %d errors" % (
                    era, a.sessions, elapsed, len(latencies), len(latencies) / elapsed, pct(latencies, 0.5) * 1000,
                    pct(latencies, 0.99) * 1000, len(errors)))
                if errors:
                    failures.append(era + " load errors: %s" % errors[:3])
                # Soak: memory flat over many calls (warm-up first).
                soakers = 4
                per = a.soak // soakers
                marks = {}

                def soak(k):
                    s = Session(port, era)
                    for i in range(per):
                        s.call({"service": "ecs", "action": "ListClusters"})
                        if k == 0 and i == per // 10:
                            marks["warm"] = rss_kib(server.pid)
                start = time.monotonic()
                errors = run_threads(soakers, soak)
                elapsed = time.monotonic() - start
                end = rss_kib(server.pid)
                warm = marks.get("warm", end)
                print("%s soak: %d calls in %.1f s (%.0f calls/s), RSS %.1f MiB after warm-up, %.1f MiB at the end "
                      "(%+.1f%%), %d errors" % (era, per * soakers, elapsed, per * soakers / elapsed, warm / 1024, end / 1024,
                                                100.0 * (end - warm) / warm, len(errors)))
                if errors:
                    failures.append(era + " soak errors: %s" % errors[:3])
                if end > warm * 1.10:
                    failures.append(era + ": RSS grew more than 10%% during the soak (%d -> %d KiB)" % (warm, end))
        finally:
            server.terminate()
            code = server.wait(timeout=60)
            if code != 0:
                failures.append("server exited with %d" % code)
    for f in failures:
        print("FAIL: " + f)
    return 1 if (a.check and failures) else 0


if __name__ == "__main__":
    sys.exit(main())
