#!/usr/bin/env python3
"""The built-in demo: a local AWS emulator (moto) seeded with the seed
document's sample infrastructure, questioned through the aws-mcp server over
MCP, with the answers printed for a person.

    python3 scripts/demo.py [path/to/aws-mcp]     (default: build/aws-mcp)

Nothing touches real AWS: the server gets fake credentials, an empty HOME and
the emulator's endpoint. Exits non-zero if any step fails.
"""
import datetime
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))
sys.path.insert(0, HERE)

import demo_seed as infra  # noqa: E402
from harness import McpServer, MotoServer  # noqa: E402


class StepFailed(Exception):
    pass


def ok(result, what):
    """structuredContent of a successful aws_call, else StepFailed."""
    if result.get("isError"):
        raise StepFailed("%s failed: %s" % (what, result["content"][0]["text"]))
    return result["structuredContent"]


def refused(result, code, what):
    """The error of a call that must be refused with `code`."""
    error = result.get("structuredContent", {}).get("error", {})
    if not result.get("isError") or error.get("code") != code:
        raise StepFailed("%s: expected a %s refusal, got %s" % (what, code, json.dumps(result)[:500]))
    return error


def when(iso):
    """'2026-11-24T22:31:05.123Z' -> '2026-11-24 22:31 UTC'."""
    return iso[:16].replace("T", " ") + " UTC" if isinstance(iso, str) else "?"


def ago(ms):
    t = datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc)
    return t.strftime("%H:%M:%S")


def first_sentence(text):
    return text.split(". ")[0].rstrip(".") + "."


def version_key(image):
    tags = image.get("imageTags") or [""]
    return max(tuple(int(p) if p.isdigit() else -1 for p in t.split(".")) for t in tags)


def heading(n, question, call):
    print("\n%d. %s\n   (%s)" % (n, question, call))


def ask_service_status(server):
    heading(1, "Is the gateway ECS service healthy?", "aws_call ecs describe-services, list-tasks, describe-tasks")
    out = ok(server.aws_call("ecs", "describe-services", {"cluster": infra.CLUSTER, "services": [infra.SERVICE]}),
             "describe-services")
    if out.get("failures") or not out.get("services"):
        raise StepFailed("service not found: %s" % out.get("failures"))
    s = out["services"][0]
    print("   %s: %s, %d/%d tasks running, %d pending" % (
        s["serviceName"], s["status"], s["runningCount"], s["desiredCount"], s["pendingCount"]))
    print("   task definition %s" % s["taskDefinition"].split("/")[-1])
    for d in s.get("deployments", []):
        print("   deployment %s: %s, rollout %s, since %s" % (
            d["id"], d["status"], d.get("rolloutState", "?"), when(d.get("createdAt"))))
    tasks = ok(server.aws_call("ecs", "ListTasks", {"cluster": infra.CLUSTER}), "list-tasks")["taskArns"]
    if tasks:
        described = ok(server.aws_call("ecs", "describe-tasks", {"cluster": infra.CLUSTER, "tasks": tasks}),
                       "describe-tasks")["tasks"]
        for t in described:
            print("   task %s: %s (desired %s), %s" % (t["taskArn"].split("/")[-1][:8], t["lastStatus"],
                                                    t["desiredStatus"], t["taskDefinitionArn"].split("/")[-1]))
    return s


def ask_repositories(server):
    heading(2, "Which container images do we have?", "aws_call ecr describe-repositories, describe-images")
    repos = ok(server.aws_call("ecr", "describe-repositories", {}, max_items=1000), "describe-repositories")
    rows = []
    for r in sorted(repos["repositories"], key=lambda r: r["repositoryName"]):
        images = ok(server.aws_call("ecr", "DescribeImages", {"repositoryName": r["repositoryName"]},
                                    max_items=1000), "describe-images")["imageDetails"]
        # Newest push first; within the same second, the highest version tag.
        latest = max(images, key=lambda i: (i.get("imagePushedAt", ""), version_key(i)), default=None)
        tag = ", latest %s pushed %s" % ((latest.get("imageTags") or ["untagged"])[0],
                                         when(latest.get("imagePushedAt"))) if latest else ""
        rows.append((r["repositoryName"], len(images)))
        print("   %-32s %2d image%s%s" % (r["repositoryName"], len(images), "" if len(images) == 1 else "s", tag))
    print("   %d repositories, %d images" % (len(rows), sum(n for _, n in rows)))
    return dict(rows)


def ask_secret(server):
    heading(3, "What is the gateway's production secret?", "aws_call secretsmanager describe-secret; metadata only")
    s = ok(server.aws_call("secretsmanager", "describe-secret", {"SecretId": infra.SECRET}), "describe-secret")
    print("   name:         %s" % s["Name"])
    print("   description:  %s" % s.get("Description", ""))
    print("   tags:         %s" % ", ".join("%s=%s" % (t["Key"], t["Value"]) for t in s.get("Tags", [])))
    print("   created:      %s, last changed %s" % (when(s.get("CreatedDate")), when(s.get("LastChangedDate"))))
    print("   rotation:     %s" % ("on" if s.get("RotationEnabled") else "off"))
    error = refused(server.aws_call("secretsmanager", "get-secret-value", {"SecretId": infra.SECRET}),
                    "SecretRead", "get-secret-value")
    print("   its value:    not shown. get-secret-value -> %s: %s" % (error["code"], first_sentence(error["message"])))
    return s


def ask_errors(server):
    heading(4, "Any errors in the gateway's logs lately?",
            "aws_call logs filter-log-events, filterPattern ERROR, last hour")
    now_ms = int(datetime.datetime.now(datetime.timezone.utc).timestamp() * 1000)
    out = ok(server.aws_call("logs", "filter-log-events", {
        "logGroupName": infra.LOG_GROUP, "filterPattern": "ERROR", "startTime": now_ms - 3_600_000},
        max_items=50), "filter-log-events")
    events = sorted(out["events"], key=lambda e: e["timestamp"])
    print("   %d ERROR line%s in %s:" % (len(events), "" if len(events) == 1 else "s", infra.LOG_GROUP))
    for e in events:
        print("   %s  %-24s %s" % (ago(e["timestamp"]), e["logStreamName"], e["message"].strip()))
    return events


def ask_to_change(server):
    heading(5, "Can the assistant change anything?", "aws_call ecs update-service desiredCount 0")
    error = refused(server.aws_call("ecs", "update-service", {
        "cluster": infra.CLUSTER, "service": infra.SERVICE, "desiredCount": 0}), "ReadOnly", "update-service")
    print("   refused, nothing was sent: %s" % error["code"])
    print("   %s" % error["message"])
    return error


def main(argv):
    binary = os.path.abspath(argv[1] if len(argv) > 1 else os.path.join(REPO, "build", "aws-mcp"))
    if not os.path.exists(binary):
        print("demo: server binary not found: %s (build it: cmake -S . -B build -G Ninja && cmake --build build)"
              % binary, file=sys.stderr)
        return 2
    failures = []
    with MotoServer() as moto:
        print("aws-mcp demo: local AWS emulator at %s, server %s" % (moto.endpoint, os.path.relpath(binary)))
        try:
            infra.seed(moto.client)
        except Exception as e:
            print("demo: seeding the emulator failed: %s" % e, file=sys.stderr)
            return 1
        print("seeded: cluster %s, service %s (desired 2), %d ECR repositories, secret %s, log group %s"
              % (infra.CLUSTER, infra.SERVICE, len(infra.REPOSITORIES), infra.SECRET, infra.LOG_GROUP))
        server = McpServer(moto.endpoint, ["--region", "us-east-1"])
        try:
            server.start()
            info = server.initialize_result.get("serverInfo", {})
            print("connected over MCP %s to %s %s" % (server.initialize_result.get("protocolVersion"),
                                                      info.get("name", "?"), info.get("version", "")))
            transcript = []
            for step in (ask_service_status, ask_repositories, ask_secret, ask_errors, ask_to_change):
                try:
                    transcript.append(step(server))
                except StepFailed as e:
                    failures.append(str(e))
                    print("   FAILED: %s" % e)
            # The secret's value must not have reached anything the model sees, nor the logs.
            seen = json.dumps(transcript) + server.stderr()
            for fragment in ("demo-pw-4f1c", "sk-demo-91ab"):
                if fragment in seen:
                    failures.append("the secret value appeared in the output")
            code = server.close()
            if code != 0:
                failures.append("server exited with %s" % code)
        except Exception as e:  # the protocol itself failed: report and stop
            failures.append("%s: %s" % (type(e).__name__, e))
            server.kill()
    if failures:
        print("\ndemo FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print("\ndemo finished: every answer came from the emulator through MCP; the secret's value never left it.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
