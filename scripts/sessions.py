#!/usr/bin/env python3
"""Prints a user's session with each workflow, as Markdown, from a real run:
the emulator (moto) seeded with the seed document's sample infrastructure,
the server started with a project configuration mapping it, and each question
answered by one MCP request. The README's "Sessions" section is its output.

    python3 scripts/sessions.py [path/to/aws-mcp]      (default: build/aws-mcp)
"""
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "integration"))
sys.path.insert(0, HERE)

import demo_seed  # noqa: E402
import sample_infra as infra  # noqa: E402
from harness import McpServer, MotoServer  # noqa: E402

MAPPING = {"ecs": [{"cluster": demo_seed.CLUSTER, "services": [demo_seed.SERVICE]}],
           "ecr": list(demo_seed.REPOSITORIES)[:2], "logGroups": [demo_seed.LOG_GROUP], "rds": [infra.DB],
           "elasticache": [infra.CACHE], "loadBalancers": ["codeguardians-alb"], "alarms": ["gateway-cpu-high"]}
MAX_LINES = 16


def show(value):
    text = json.dumps(value, indent=1)
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES] + ["  ... (%d more lines)" % (len(lines) - MAX_LINES)]
    print("```json\n" + "\n".join(lines) + "\n```\n")


def tool(server, question, name, args):
    print("**You:** %s\n\n**Assistant calls** `%s` `%s`\n" % (question, name, json.dumps(args)))
    result = server.call_tool(name, args)
    for block in result["content"][1:]:
        print("> " + block["text"] + "\n")
    show(result.get("structuredContent"))


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(HERE), "build", "aws-mcp")
    config = os.path.join(tempfile.mkdtemp(prefix="aws-mcp-sessions-"), "mcp-config.json")
    with open(config, "w") as f:
        json.dump({"project": {"aws": {"region": "us-east-1", "services": MAPPING}}}, f)
    with MotoServer() as moto:
        demo_seed.seed(moto.client)
        infra.seed_data_stores(moto)
        infra.seed_load_balancer(moto)
        infra.seed_monitoring(moto)
        moto.client("cloudwatch").set_alarm_state(AlarmName="gateway-cpu-high", StateValue="ALARM",
                                                  StateReason="CPU above 80% for 1 datapoint")
        with McpServer(moto.endpoint, ["--config", config], binary=binary) as server:
            server.start()
            tool(server, "Is the gateway service healthy?", "aws_service_health", {})
            tool(server, "Show me the recent errors.", "aws_logs", {"filter": "ERROR", "since": "1h", "limit": 5})
            tool(server, "How busy is the gateway?", "aws_metrics", {"since": "3h"})
            tool(server, "What images do we have?", "aws_images", {"latest": 1})
            tool(server, "Are the database and the cache up?", "aws_data_stores", {})
            tool(server, "Which clusters do we run in us-east-1 and eu-west-1?", "aws_call",
                 {"service": "ecs", "action": "list-clusters", "regions": ["us-east-1", "eu-west-1"]})
            print("**Resources** (`resources/list`), each readable with `resources/read`:\n")
            show([r["uri"] for r in server.request("resources/list")["resources"]])
            prompt = server.request("prompts/get", {"name": "deployment_check",
                                                    "arguments": {"service": demo_seed.SERVICE}})
            print("**Prompt** `deployment_check` `{\"service\": \"%s\"}` gives the assistant:\n" % demo_seed.SERVICE)
            print("> " + prompt["messages"][0]["content"]["text"].replace("\n\n", "\n>\n> ") + "\n")


if __name__ == "__main__":
    main()
