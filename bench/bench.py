#!/usr/bin/env python3
"""aws-mcp benchmark: prints figures a reader can compare.

  cold start      spawn -> initialize -> tools/list answered (median, p95 of N runs)
  tools/list      bytes of the tools/list result (what it costs an assistant's context)
  call overhead   aws_call (cache bypassed) vs the same request sent straight to the
                  emulator on a kept-alive connection; both from this one Python process
  ping            an MCP round trip with no AWS work (the client+pipe share of the above)
  cache hit       aws_call answered from the cache
  peak RSS        VmHWM of the server after 1,000 calls

Usage: bench/bench.py [path/to/aws-mcp]   (default build/aws-mcp)
Runs against moto on a free loopback port; nothing leaves the machine.
"""
import http.client
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration"))

import boto3  # noqa: E402
from botocore.auth import SigV4Auth  # noqa: E402
from botocore.awsrequest import AWSRequest  # noqa: E402
from botocore.credentials import Credentials  # noqa: E402

from harness import MotoServer  # noqa: E402


class DirectClient:
    """A minimal synchronous stdio client: one write, one read line per call,
    so the figures measure the server, not a test harness's threads."""

    def __init__(self, binary, endpoint, args=()):
        env = {"PATH": os.environ.get("PATH", ""), "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true", "AWS_ACCESS_KEY_ID": "testing",
               "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": endpoint}
        self.proc = subprocess.Popen([binary, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=env)
        self.next_id = 0
        self.request("initialize", {"protocolVersion": "2025-11-25", "capabilities": {},
                                    "clientInfo": {"name": "bench", "version": "0"}})

    def request(self, method, params):
        self.next_id += 1
        line = json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()
        while True:
            msg = json.loads(self.proc.stdout.readline())
            if msg.get("id") == self.next_id:
                return msg

    def call_tool(self, name, arguments):
        return self.request("tools/call", {"name": name, "arguments": arguments})["result"]

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def pct(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1)))))
    return values[k]


def ms(v):
    return f"{v * 1000:.3f} ms"


def peak_rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def cold_start(binary, runs=30):
    msgs = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                    "clientInfo": {"name": "bench", "version": "0"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {}},
    ]
    payload = "".join(json.dumps(m) + "\n" for m in msgs).encode()
    env = {"PATH": os.environ.get("PATH", ""), "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true", "AWS_REGION": "us-east-1"}
    times, size = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env)
        p.stdin.write(payload)
        p.stdin.flush()
        while True:
            line = p.stdout.readline()
            if not line:
                raise SystemExit("server closed stdout before answering tools/list")
            msg = json.loads(line)
            if msg.get("id") == 2:
                break
        times.append(time.perf_counter() - t0)
        size = len(json.dumps(msg["result"], separators=(",", ":")).encode())
        # What a model is shown: names, descriptions and input schemas (not output schemas).
        model_facing = sum(len(json.dumps({k: t[k] for k in ("name", "description", "inputSchema")},
                                          separators=(",", ":")).encode()) for t in msg["result"]["tools"])
        p.stdin.close()
        p.wait(timeout=5)
    return times, size, model_facing


def raw_request(endpoint, body, target):
    """A request signed once by botocore, replayed on one kept-alive connection."""
    req = AWSRequest(method="POST", url=endpoint + "/", data=body,
                     headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target})
    SigV4Auth(Credentials("testing", "testing"), "ecs", "us-east-1").add_auth(req)
    return dict(req.headers.items())


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "build", "aws-mcp")
    binary = os.path.abspath(binary)
    times, size, model_facing = cold_start(binary)
    rows = [("cold start to tools/list (median)", ms(statistics.median(times))),
            ("cold start to tools/list (p95)", ms(pct(times, 95))),
            ("tools/list result size", f"{size} bytes"),
            ("  of it names, descriptions, input schemas", f"{model_facing} bytes"),
            ("binary size", f"{os.path.getsize(binary) / 1e6:.1f} MB")]

    with MotoServer() as moto:
        ecs = moto.client("ecs")
        ecs.create_cluster(clusterName="bench-cluster")
        ecs.register_task_definition(family="bench", containerDefinitions=[{"name": "app", "image": "nginx", "memory": 128}])
        ecs.create_service(cluster="bench-cluster", serviceName="bench-svc", taskDefinition="bench", desiredCount=2)
        params = {"cluster": "bench-cluster", "services": ["bench-svc"]}
        body = json.dumps(params)
        headers = raw_request(moto.endpoint, body, "AmazonEC2ContainerServiceV20141113.DescribeServices")
        host, port = moto.endpoint.split("//")[1].split(":")
        conn = http.client.HTTPConnection(host, int(port))

        server = DirectClient(binary, moto.endpoint, ["--cache-ttl", "30"])
        if True:
            call = {"service": "ecs", "action": "DescribeServices", "params": params}
            for _ in range(20):  # warm up both paths
                server.call_tool("aws_call", dict(call, refresh=True))
                conn.request("POST", "/", body=body, headers=headers)
                conn.getresponse().read()
            n = 300
            t_call, t_raw, t_ping, t_hit = [], [], [], []
            for _ in range(n):
                t0 = time.perf_counter()
                r = server.call_tool("aws_call", dict(call, refresh=True))
                t_call.append(time.perf_counter() - t0)
                assert not r.get("isError"), r
                t0 = time.perf_counter()
                conn.request("POST", "/", body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                t_raw.append(time.perf_counter() - t0)
                assert resp.status == 200
                t0 = time.perf_counter()
                server.request("ping", {})
                t_ping.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                server.call_tool("aws_call", call)
                t_hit.append(time.perf_counter() - t0)
            rows += [
                ("aws_call, cache bypassed (p50 / p95)", f"{ms(pct(t_call, 50))} / {ms(pct(t_call, 95))}"),
                ("same request straight to moto (p50 / p95)", f"{ms(pct(t_raw, 50))} / {ms(pct(t_raw, 95))}"),
                ("call overhead over the raw request (p50)", ms(pct(t_call, 50) - pct(t_raw, 50))),
                ("MCP ping round trip (p50)", ms(pct(t_ping, 50))),
                ("aws_call, cache hit (p50 / p95)", f"{ms(pct(t_hit, 50))} / {ms(pct(t_hit, 95))}"),
            ]
            for i in range(1000 - 2 * n - 20):
                server.call_tool("aws_call", dict(call, refresh=(i % 2 == 0)))
            rows.append(("peak RSS after 1,000 calls", f"{peak_rss_kib(server.proc.pid) / 1024:.1f} MiB"))
            server.close()

    width = max(len(k) for k, _ in rows)
    print(f"aws-mcp benchmark ({binary})")
    for k, v in rows:
        print(f"  {k:<{width}}  {v}")


if __name__ == "__main__":
    main()
