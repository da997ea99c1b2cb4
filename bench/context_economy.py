#!/usr/bin/env python3
"""Context economy: the seed's five workflow questions answered twice on the
emulator seeded with a realistic service, once with the workflow tools (one
call each) and once with the raw aws_call calls an assistant would otherwise
make for the same facts. Prints the calls and the bytes the model receives
(each tools/call result as compact JSON) both ways.

    python3 bench/context_economy.py [path/to/aws-mcp] [--check]

--check exits 1 unless the workflow tools use at most a fifth of the bytes in
total, in one call per question.
"""
import datetime
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))
sys.path.insert(0, os.path.join(REPO, "scripts"))

import demo_seed  # noqa: E402
import sample_infra as infra  # noqa: E402
from harness import McpServer, MotoServer  # noqa: E402

CLUSTER, SERVICE, GROUP = demo_seed.CLUSTER, demo_seed.SERVICE, demo_seed.LOG_GROUP
ERRORS = "?ERROR ?Error ?error ?Exception ?FATAL ?panic"


def seed(moto):
    """The demo's gateway service with the history a production service has:
    images pushed over time, tasks that stopped, an hour of logs and metrics,
    and alarms, besides the database, cache and load balancer."""
    demo_seed.seed(moto.client)
    infra.seed_data_stores(moto)
    _, tg = infra.seed_load_balancer(moto)
    ecs, ecr, logs, cw = (moto.client(s) for s in ("ecs", "ecr", "logs", "cloudwatch"))
    ecs.update_service(cluster=CLUSTER, service=SERVICE, loadBalancers=[
        {"targetGroupArn": tg["TargetGroupArn"], "containerName": "gateway", "containerPort": 8080}])
    for repo in demo_seed.REPOSITORIES:
        for n in range(10, 20):
            ecr.put_image(repositoryName=repo, imageManifest=demo_seed._manifest(repo, n), imageTag="2.%d.0" % n)
    tasks = ecs.run_task(cluster=CLUSTER, taskDefinition=demo_seed.TASK_FAMILY + ":2", count=4,
                         launchType="FARGATE", startedBy="ecs-svc/" + SERVICE, networkConfiguration={
                             "awsvpcConfiguration": {"subnets": ["subnet-0a1b2c3d"]}})["tasks"]
    for t in tasks[:3]:
        ecs.stop_task(cluster=CLUSTER, task=t["taskArn"], reason="Essential container in task exited")
    now = datetime.datetime.now(datetime.timezone.utc)
    ms = int(now.timestamp() * 1000)
    stream = "gateway/gateway/0c4f2e"
    logs.create_log_stream(logGroupName=GROUP, logStreamName=stream)
    logs.put_log_events(logGroupName=GROUP, logStreamName=stream, logEvents=[
        {"timestamp": ms - (300 - i) * 10_000,
         "message": ("ERROR guard-pii: upstream timed out after 5000ms (request %04x)" % i) if i % 6 == 0 else
                    "INFO  POST /v1/guard 200 %dms (request %04x)" % (30 + i % 20, i)} for i in range(300)])
    dims = [{"Name": "ClusterName", "Value": CLUSTER}, {"Name": "ServiceName", "Value": SERVICE}]
    for metric, base in (("CPUUtilization", 40.0), ("MemoryUtilization", 60.0)):
        for start in range(0, 60, 20):
            cw.put_metric_data(Namespace="AWS/ECS", MetricData=[
                {"MetricName": metric, "Dimensions": dims, "Unit": "Percent", "Value": base + (i * 7) % 30,
                 "Timestamp": now - datetime.timedelta(minutes=i)} for i in range(start, start + 20)])
    for name, threshold in (("gateway-cpu-high", 80.0), ("gateway-memory-high", 85.0), ("gateway-5xx", 10.0)):
        cw.put_metric_alarm(AlarmName=name, MetricName="CPUUtilization", Namespace="AWS/ECS", Statistic="Average",
                            Period=60, EvaluationPeriods=3, Threshold=threshold,
                            ComparisonOperator="GreaterThanThreshold", Dimensions=dims,
                            AlarmDescription="Pages the gateway on-call when %s is breached" % name)
        cw.set_alarm_state(AlarmName=name, StateValue="ALARM", StateReason="Threshold crossed: 3 datapoints were "
                           "greater than the threshold (%.1f)." % threshold)
    return tg


def raw_service_status(call, now):
    svc = call("ecs", "DescribeServices", {"cluster": CLUSTER, "services": [SERVICE]})["services"][0]
    stopped = call("ecs", "ListTasks", {"cluster": CLUSTER, "serviceName": SERVICE, "desiredStatus": "STOPPED"})
    if stopped["taskArns"]:
        call("ecs", "DescribeTasks", {"cluster": CLUSTER, "tasks": stopped["taskArns"]})
    for lb in svc.get("loadBalancers", []):
        call("elbv2", "DescribeTargetHealth", {"TargetGroupArn": lb["targetGroupArn"]})
    dims = [{"Name": "ClusterName", "Value": CLUSTER}, {"Name": "ServiceName", "Value": SERVICE}]
    for metric in ("CPUUtilization", "MemoryUtilization"):
        call("cloudwatch", "GetMetricStatistics", {
            "Namespace": "AWS/ECS", "MetricName": metric, "Dimensions": dims, "Period": 300,
            "StartTime": (now - datetime.timedelta(hours=1)).isoformat(), "EndTime": now.isoformat(),
            "Statistics": ["Average", "Maximum"]})
    call("cloudwatch", "DescribeAlarms", {"StateValue": "ALARM"})
    call("ecs", "DescribeTaskDefinition", {"taskDefinition": svc["taskDefinition"]})
    call("logs", "FilterLogEvents", {"logGroupName": GROUP, "filterPattern": ERRORS, "limit": 100,
                                     "startTime": int((now - datetime.timedelta(hours=1)).timestamp() * 1000)})


def raw_recent_errors(call, now):
    call("logs", "FilterLogEvents", {"logGroupName": GROUP, "filterPattern": "ERROR",
                                     "startTime": int((now - datetime.timedelta(hours=1)).timestamp() * 1000)})


def raw_images(call, now):
    for repo in call("ecr", "DescribeRepositories", {})["repositories"]:
        call("ecr", "DescribeImages", {"repositoryName": repo["repositoryName"]})


def raw_data_stores(call, now):
    for db in call("rds", "DescribeDBInstances", {})["DBInstances"]:
        call("rds", "DescribeEvents", {"SourceIdentifier": db["DBInstanceIdentifier"],
                                       "SourceType": "db-instance", "Duration": 1440})
    for c in call("elasticache", "DescribeCacheClusters", {"ShowCacheNodeInfo": True})["CacheClusters"]:
        call("elasticache", "DescribeEvents", {"SourceIdentifier": c["CacheClusterId"],
                                               "SourceType": "cache-cluster", "Duration": 1440})


def raw_target_health(call, now):
    lb = call("elbv2", "DescribeLoadBalancers", {"Names": ["codeguardians-alb"]})["LoadBalancers"][0]
    for tg in call("elbv2", "DescribeTargetGroups", {"LoadBalancerArn": lb["LoadBalancerArn"]})["TargetGroups"]:
        call("elbv2", "DescribeTargetHealth", {"TargetGroupArn": tg["TargetGroupArn"]})


QUESTIONS = [
    ("service status", ("aws_service_health", {}), raw_service_status),
    ("recent errors", ("aws_logs", {"filter": "ERROR", "since": "1h", "group": True}), raw_recent_errors),
    ("image inventory", ("aws_images", {}), raw_images),
    ("database and cache status", ("aws_data_stores", {}), raw_data_stores),
    ("target health", ("aws_service_health", {"parts": ["targets"]}), raw_target_health),
]


class Meter:
    """Counts the tools/call results a model would receive, and their bytes."""

    def __init__(self, server):
        self.server, self.calls, self.bytes = server, 0, 0

    def tool(self, name, args, must_succeed=True):
        result = self.server.call_tool(name, args)
        self.calls += 1
        self.bytes += len(json.dumps(result, separators=(",", ":")))
        if result.get("isError"):
            if must_succeed:
                raise SystemExit("%s %s failed: %s" % (name, args, result["content"][0]["text"][:500]))
            return {}  # the model reads the error and goes on (moto lacks elasticache DescribeEvents)
        return result["structuredContent"]

    def aws(self, service, action, params):
        return self.tool("aws_call", {"service": service, "action": action, "params": params}, must_succeed=False)


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    binary = args[0] if args else os.environ.get("AWS_MCP_BIN", os.path.join(REPO, "build", "aws-mcp"))
    config = os.path.join(os.environ.get("TMPDIR", "/tmp"), "aws-mcp-context-%d.json" % os.getpid())
    with open(config, "w") as f:
        json.dump({"project": {"aws": {"services": {"ecs": [{"cluster": CLUSTER, "services": [SERVICE]}],
                                                      "logGroups": [GROUP]}}}}, f)
    rows = []
    with MotoServer() as moto:
        seed(moto)
        with McpServer(moto.endpoint, ["--config", config, "--cache-ttl", "0"], binary=binary) as server:
            server.start()
            now = datetime.datetime.now(datetime.timezone.utc)
            for question, (tool, targs), raw in QUESTIONS:
                workflow, direct = Meter(server), Meter(server)
                workflow.tool(tool, targs)
                raw(direct.aws, now)
                rows.append((question, workflow, direct))
    os.unlink(config)
    print("%-28s %14s %14s %8s" % ("question", "workflow", "raw aws_call", "ratio"))
    for question, w, d in rows:
        print("%-28s %4d call %6d B %4d calls %6d B %7.1fx" % (question, w.calls, w.bytes, d.calls, d.bytes,
                                                              d.bytes / w.bytes))
    wb, db = sum(w.bytes for _, w, _ in rows), sum(d.bytes for _, _, d in rows)
    wc, dc = sum(w.calls for _, w, _ in rows), sum(d.calls for _, _, d in rows)
    print("%-28s %4d calls %5d B %4d calls %6d B %7.1fx" % ("total", wc, wb, dc, db, db / wb))
    if "--check" in sys.argv:
        if wb * 5 > db or any(w.calls != 1 for _, w, _ in rows):
            print("FAIL: the workflow tools should use at most a fifth of the bytes, one call per question")
            return 1
        print("OK: the workflow tools use %.0f%% of the raw bytes, one call per question" % (100.0 * wb / db))
    return 0


if __name__ == "__main__":
    sys.exit(main())
