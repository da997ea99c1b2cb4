"""aws_service_health on a realistic service: a cluster and service with
tasks, a load balancer and target group, logs with errors, metrics and an
alarm. Each part is checked against what boto3 reads on the same emulator."""
import json
import time
import unittest

from harness import IntegrationTestCase, setUpModule, tearDownModule  # noqa: F401

CLUSTER, SERVICE, GROUP = "health-cluster", "health-svc", "/ecs/health-svc"


class ServiceHealthTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0"]

    @classmethod
    def seed(cls):
        m = cls.moto
        ec2 = m.client("ec2")
        vpc = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
        subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock="10.1.%d.0/24" % i, AvailabilityZone="us-east-1" + z)
                   ["Subnet"]["SubnetId"] for i, z in enumerate("ab")]
        elb = m.client("elbv2")
        lb = elb.create_load_balancer(Name="health-alb", Subnets=subnets)["LoadBalancers"][0]
        cls.tg = elb.create_target_group(Name="health-tg", Protocol="HTTP", Port=8080, VpcId=vpc,
                                         TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
        elb.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                            DefaultActions=[{"Type": "forward", "TargetGroupArn": cls.tg}])
        elb.register_targets(TargetGroupArn=cls.tg, Targets=[{"Id": "10.1.0.10", "Port": 8080},
                                                              {"Id": "10.1.1.11", "Port": 8080}])
        logs = m.client("logs")
        logs.create_log_group(logGroupName=GROUP)
        logs.create_log_stream(logGroupName=GROUP, logStreamName="app/1")
        now = int(time.time() * 1000)
        logs.put_log_events(logGroupName=GROUP, logStreamName="app/1", logEvents=[
            {"timestamp": now - 60000 + i * 1000, "message": msg} for i, msg in enumerate(
                ["INFO ok", "ERROR db timeout", "INFO ok", "Exception in thread main", "ERROR upstream 502"])])
        ecs = m.client("ecs")
        ecs.create_cluster(clusterName=CLUSTER)
        ecs.register_task_definition(family="health", containerDefinitions=[{
            "name": "app", "image": "app:1", "memory": 256,
            "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": GROUP,
                                                                     "awslogs-region": "us-east-1"}}}])
        ecs.create_service(cluster=CLUSTER, serviceName=SERVICE, taskDefinition="health", desiredCount=2,
                           loadBalancers=[{"targetGroupArn": cls.tg, "containerName": "app", "containerPort": 8080}])
        cw = m.client("cloudwatch")
        cw.put_metric_data(Namespace="AWS/ECS", MetricData=[
            {"MetricName": "CPUUtilization", "Dimensions": [{"Name": "ClusterName", "Value": CLUSTER},
                                                            {"Name": "ServiceName", "Value": SERVICE}],
             "Value": v, "Unit": "Percent"} for v in (20.0, 60.0, 90.0)])
        cw.put_metric_alarm(AlarmName="health-cpu-high", MetricName="CPUUtilization", Namespace="AWS/ECS",
                            Statistic="Average", Period=60, EvaluationPeriods=1, Threshold=80.0,
                            ComparisonOperator="GreaterThanThreshold",
                            Dimensions=[{"Name": "ServiceName", "Value": SERVICE}])
        cw.set_alarm_state(AlarmName="health-cpu-high", StateValue="ALARM", StateReason="CPU above 80%")
        cw.put_metric_alarm(AlarmName="other-alarm", MetricName="X", Namespace="Other", Statistic="Average",
                            Period=60, EvaluationPeriods=1, Threshold=1.0, ComparisonOperator="GreaterThanThreshold")
        cw.set_alarm_state(AlarmName="other-alarm", StateValue="ALARM", StateReason="unrelated")

    def health(self, **args):
        return self.assertToolOk(self.server.call_tool("aws_service_health", args))

    def test_parts_narrow_the_answer(self):
        full = self.health(cluster=CLUSTER, service=SERVICE)
        only = self.health(cluster=CLUSTER, service=SERVICE, parts=["targets"])
        self.assertEqual(only["targets"], full["targets"])
        for part in ["deployments", "events", "stoppedTasks", "metrics", "alarms", "logs"]:
            self.assertNotIn(part, only)
        self.assertEqual(only["tasks"], full["tasks"])
        error = self.assertToolError(self.server.call_tool("aws_service_health", {
            "cluster": CLUSTER, "service": SERVICE, "parts": ["bogus"]}), "ValidationError")
        self.assertIn("unknown part", error["message"])

    def test_report_matches_what_boto3_reads(self):
        h = self.health(cluster=CLUSTER, service=SERVICE)
        svc = self.moto.client("ecs").describe_services(cluster=CLUSTER, services=[SERVICE])["services"][0]
        self.assertEqual(h["tasks"], {"desired": svc["desiredCount"], "running": svc["runningCount"],
                                      "pending": svc["pendingCount"]})
        self.assertEqual(len(h["deployments"]), len(svc["deployments"]))
        health = self.moto.client("elbv2").describe_target_health(TargetGroupArn=self.tg)
        group = h["targets"]["groups"][0]
        self.assertEqual(group["total"], len(health["TargetHealthDescriptions"]))
        self.assertEqual(group["healthy"], sum(d["TargetHealth"]["State"] == "healthy"
                                               for d in health["TargetHealthDescriptions"]))
        self.assertEqual([a["alarm"] for a in h["alarms"]["inAlarm"]], ["health-cpu-high"])
        self.assertEqual(h["logs"]["logGroup"], GROUP)
        errors = self.moto.client("logs").filter_log_events(
            logGroupName=GROUP, filterPattern="?ERROR ?Error ?error ?Exception ?FATAL ?panic")["events"]
        self.assertEqual(h["logs"]["errorLines"], len(errors))
        self.assertGreater(h["logs"]["errorLines"], 0)
        cpu = h["metrics"]["cpu"]
        if cpu.get("datapoints"):
            self.assertLessEqual(cpu["average"], cpu["maximum"])
        self.assertIn(h["verdict"], ("degraded", "failing"))
        self.assertTrue(any("alarm" in r for r in h["reasons"]), h["reasons"])
        self.assertTrue(any("error lines" in r for r in h["reasons"]), h["reasons"])

    def test_compact_compared_with_the_raw_calls(self):
        result = self.server.call_tool("aws_service_health", {"cluster": CLUSTER, "service": SERVICE})
        self.assertIn(SERVICE, result["content"][1]["text"])  # the one-line summary
        detailed = self.health(cluster=CLUSTER, service=SERVICE, details=True)
        self.assertIn("raw", detailed)

    def test_missing_service_and_missing_arguments(self):
        r = self.server.call_tool("aws_service_health", {"cluster": CLUSTER, "service": "nope"})
        self.assertToolError(r, "ServiceNotFound")
        # Nothing given or mapped, several services: they are listed (test_discovery has more).
        r = self.server.call_tool("aws_service_health", {})
        self.assertIn(CLUSTER + "/", self.assertToolError(r, "ChooseOne")["message"])


class ServiceHealthPartialFailureTest(IntegrationTestCase):
    """A part that fails carries its error; the rest still comes back."""
    server_args = ["--cache-ttl", "0"]
    server_env = {"AWS_ENDPOINT_URL_CLOUDWATCH": "http://127.0.0.1:9"}  # nothing listens there

    @classmethod
    def seed(cls):
        ecs = cls.moto.client("ecs")
        ecs.create_cluster(clusterName="pf-cluster")
        ecs.register_task_definition(family="pf", containerDefinitions=[{"name": "a", "image": "a", "memory": 64}])
        ecs.create_service(cluster="pf-cluster", serviceName="pf-svc", taskDefinition="pf", desiredCount=1)

    def test_metrics_fail_and_the_report_still_comes_back(self):
        h = self.assertToolOk(self.server.call_tool("aws_service_health",
                                                    {"cluster": "pf-cluster", "service": "pf-svc"}))
        self.assertEqual(h["metrics"]["cpu"]["error"]["code"], "NetworkError")
        self.assertEqual(h["alarms"]["error"]["code"], "NetworkError")
        self.assertEqual(h["tasks"]["desired"], 1)
        self.assertIn("verdict", h)


if __name__ == "__main__":
    unittest.main()
