"""aws_metrics: CloudWatch statistics summarised (min/avg/max/last), for one
metric or a resource's standard metrics, compared with the values put and with
boto3's GetMetricStatistics on the same emulator."""
import datetime
import json
import os
import tempfile
import unittest

import sample_infra as infra
from harness import IntegrationTestCase, setUpModule, tearDownModule  # noqa: F401

NOW = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
ECS_DIMS = [{"Name": "ClusterName", "Value": infra.CLUSTER}, {"Name": "ServiceName", "Value": infra.SERVICE}]
CPU = [(25, 31.0), (15, 74.5), (5, 52.25)]       # (minutes ago, value), one per minute
MEMORY = [(40, 60.0), (3, 61.5)]
DB_CPU = [(30, 5.0), (2, 9.0)]


def put(cw, namespace, name, dims, points, unit="Percent"):
    cw.put_metric_data(Namespace=namespace, MetricData=[
        {"MetricName": name, "Dimensions": dims, "Value": v, "Unit": unit,
         "Timestamp": NOW - datetime.timedelta(minutes=ago)} for ago, v in points])


def config_file():
    path = os.path.join(tempfile.mkdtemp(prefix="aws-mcp-metrics-"), "config.json")
    with open(path, "w") as f:
        json.dump({"project": {"aws": {"services": {
            "ecs": [{"cluster": infra.CLUSTER, "services": [infra.SERVICE]}]}}}}, f)
    return path


class MetricsToolTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0", "--config", config_file()]

    @classmethod
    def seed(cls):
        cw = cls.moto.client("cloudwatch")
        put(cw, "AWS/ECS", "CPUUtilization", ECS_DIMS, CPU)
        put(cw, "AWS/ECS", "MemoryUtilization", ECS_DIMS, MEMORY)
        put(cw, "AWS/RDS", "CPUUtilization", [{"Name": "DBInstanceIdentifier", "Value": infra.DB}], DB_CPU)
        cls.lb, _ = infra.seed_load_balancer(cls.moto)
        suffix = cls.lb["LoadBalancerArn"].split(":loadbalancer/")[1]
        put(cw, "AWS/ApplicationELB", "RequestCount", [{"Name": "LoadBalancer", "Value": suffix}],
            [(10, 100.0), (9, 150.0)], unit="Count")

    def metrics(self, **args):
        return self.assertToolOk(self.server.call_tool("aws_metrics", args))

    def check(self, summary, points):
        values = [v for _, v in sorted(points, key=lambda p: -p[0])]  # oldest first
        self.assertEqual(summary["datapoints"], len(values))
        self.assertAlmostEqual(summary["min"], min(values))
        self.assertAlmostEqual(summary["max"], max(values))
        self.assertAlmostEqual(summary["avg"], sum(values) / len(values))
        self.assertAlmostEqual(summary["last"], values[-1])

    def test_default_is_the_mapped_services_standard_metrics(self):
        got = self.metrics(period=60, datapoints=True)
        by_name = {m["metric"]: m for m in got["metrics"]}
        self.assertEqual(set(by_name), {"CPUUtilization", "MemoryUtilization"})
        self.check(by_name["CPUUtilization"], CPU)
        self.check(by_name["MemoryUtilization"], MEMORY)
        self.assertEqual(by_name["CPUUtilization"]["dimensions"],
                         {"ClusterName": infra.CLUSTER, "ServiceName": infra.SERVICE})
        self.assertEqual([v for _, v in by_name["CPUUtilization"]["series"]], [31.0, 74.5, 52.25])
        self.assertEqual(got["period"], 60)

    def test_matches_get_metric_statistics(self):
        got = self.metrics(namespace="AWS/ECS", metric="CPUUtilization", stat="Maximum", period=300,
                           dimensions={"ClusterName": infra.CLUSTER, "ServiceName": infra.SERVICE}, since="2h")
        stats = self.moto.client("cloudwatch").get_metric_statistics(
            Namespace="AWS/ECS", MetricName="CPUUtilization", Dimensions=ECS_DIMS, Statistics=["Maximum"],
            Period=300, StartTime=datetime.datetime.fromisoformat(got["from"].replace("Z", "+00:00")),
            EndTime=datetime.datetime.fromisoformat(got["to"].replace("Z", "+00:00")))["Datapoints"]
        points = sorted((p["Timestamp"], p["Maximum"]) for p in stats)
        m = got["metrics"][0]
        self.assertEqual(m["datapoints"], len(points))
        self.assertAlmostEqual(m["max"], max(v for _, v in points))
        self.assertAlmostEqual(m["last"], points[-1][1])
        self.assertEqual(m["stat"], "Maximum")

    def test_rds_and_alb_resources(self):
        rds = self.metrics(resource="rds:" + infra.DB, period=60)
        cpu = [m for m in rds["metrics"] if m["metric"] == "CPUUtilization"][0]
        self.check(cpu, DB_CPU)
        self.assertIn("FreeStorageSpace", [m["metric"] for m in rds["metrics"]])
        alb = self.metrics(resource="alb:codeguardians-alb", period=60)
        requests = [m for m in alb["metrics"] if m["metric"] == "RequestCount"][0]
        self.assertEqual(requests["stat"], "Sum")
        self.check(requests, [(10, 100.0), (9, 150.0)])

    def test_window_leaves_older_points_out(self):
        got = self.metrics(resource="ecs:%s/%s" % (infra.CLUSTER, infra.SERVICE), since="10m", period=60)
        cpu = [m for m in got["metrics"] if m["metric"] == "CPUUtilization"][0]
        self.check(cpu, [p for p in CPU if p[0] < 10])

    def test_no_data_is_zero_datapoints(self):
        got = self.metrics(namespace="AWS/ECS", metric="CPUUtilization", dimensions={"ServiceName": "nothing"})
        self.assertEqual(got["metrics"][0]["datapoints"], 0)
        self.assertNotIn("avg", got["metrics"][0])

    def test_bad_arguments(self):
        for args, text in [({"resource": "s3:bucket"}, "resource must be"),
                           ({"resource": "ecs:only-cluster"}, "ecs:<cluster>/<service>"),
                           ({"namespace": "AWS/ECS"}, "go together"),
                           ({"resource": "rds:x", "namespace": "A", "metric": "B"}, "not both"),
                           ({"resource": "rds:x", "period": 90}, "multiple of 60"),
                           ({"resource": "rds:x", "since": "yesterday"}, "since/until"),
                           ({"resource": "alb:no-such-alb"}, "LoadBalancerNotFound")]:
            with self.subTest(args=args):
                error = self.assertToolError(self.server.call_tool("aws_metrics", args))
                self.assertIn(text, error["code"] + ": " + error["message"])


if __name__ == "__main__":
    unittest.main()
