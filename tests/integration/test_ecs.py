"""ECS reads through aws_call, compared with boto3 on the same emulator: the
seed's gateway cluster, its service (desired 2), tasks and task definitions.
Both action forms (describe-services / DescribeServices) are exercised, and
pagination (max_items / starting_token) is checked against boto3's paginator."""
import unittest

import sample_infra as infra
from harness import withhold_sensitive, IntegrationTestCase, oracle_paginate, to_api_json, without, setUpModule, tearDownModule  # noqa: F401

EXTRA_FAMILIES = 12  # task definition families beyond the seed's, so listings span pages


class EcsReadsTest(IntegrationTestCase):
    @classmethod
    def seed(cls):
        infra.seed_ecs(cls.moto)
        ecs = cls.moto.client("ecs")
        for i in range(EXTRA_FAMILIES):
            ecs.register_task_definition(family="batch-job-%02d" % i, containerDefinitions=[
                {"name": "job", "image": "busybox:1.36", "memory": 128, "command": ["sh", "-c", "echo %d" % i]}])
        # A second revision of the gateway, as after a deploy.
        ecs.register_task_definition(
            family="codeguardians-gateway",
            containerDefinitions=[{"name": "gateway", "image": "codeguardians-gateway:1.4.2", "memory": 512,
                                   "cpu": 256, "essential": True,
                                   "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
                                   "environment": [{"name": "LOG_LEVEL", "value": "info"}]}])
        run = ecs.run_task(cluster=infra.CLUSTER, taskDefinition="codeguardians-gateway:1", count=2,
                           launchType="FARGATE", startedBy="ecs-svc/gateway",
                           networkConfiguration={"awsvpcConfiguration": {"subnets": ["subnet-0a1b2c3d"]}})
        cls.task_arns = [t["taskArn"] for t in run["tasks"]]
        ecs.create_cluster(clusterName="codeguardians-staging-cluster")

    def setUp(self):
        self.ecs = self.moto.client("ecs")

    def test_list_and_describe_clusters(self):
        self.assertCallMatches(self.ecs.list_clusters(), "ecs", "list-clusters")
        self.assertCallMatches(self.ecs.list_clusters(), "ecs", "ListClusters", {})
        params = {"clusters": [infra.CLUSTER, "codeguardians-staging-cluster"]}
        got = self.assertCallMatches(self.ecs.describe_clusters(**params), "ecs", "DescribeClusters", params)
        self.assertEqual([c["clusterName"] for c in got["clusters"]], params["clusters"])

    def test_list_and_describe_services(self):
        params = {"cluster": infra.CLUSTER}
        self.assertCallMatches(self.ecs.list_services(**params), "ecs", "list-services", params)
        params = {"cluster": infra.CLUSTER, "services": [infra.SERVICE]}
        got = self.assertCallMatches(self.ecs.describe_services(**params), "ecs", "describe-services", params)
        service = got["services"][0]
        self.assertEqual(service["serviceName"], infra.SERVICE)
        self.assertEqual(service["desiredCount"], 2)
        # createdAt is a timestamp: an ISO-8601 UTC string, not a number.
        self.assertRegex(service["deployments"][0]["createdAt"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$")
        self.assertCallMatches(self.ecs.describe_services(**params), "ecs", "DescribeServices", params)

    def test_list_and_describe_tasks(self):
        params = {"cluster": infra.CLUSTER}
        got = self.assertCallMatches(self.ecs.list_tasks(**params), "ecs", "ListTasks", params)
        self.assertEqual(sorted(got["taskArns"]), sorted(self.task_arns))
        # moto moves a task's lastStatus on at every describe: compare the rest.
        params = {"cluster": infra.CLUSTER, "tasks": self.task_arns}
        got = self.assertToolOk(self.server.aws_call("ecs", "describe-tasks", params))
        self.assertEqual(without(got, {"lastStatus"}),
                         without(withhold_sensitive("ecs", "DescribeTasks", to_api_json(self.ecs.describe_tasks(**params))),
                                 {"lastStatus"}))
        self.assertEqual(len(got["tasks"]), 2)

    def test_task_definitions(self):
        params = {"taskDefinition": "codeguardians-gateway"}
        got = self.assertCallMatches(self.ecs.describe_task_definition(**params), "ecs",
                                     "describe-task-definition", params)
        self.assertEqual(got["taskDefinition"]["revision"], 2)
        params = {"taskDefinition": "codeguardians-gateway:1"}
        self.assertCallMatches(self.ecs.describe_task_definition(**params), "ecs", "DescribeTaskDefinition", params)
        self.assertCallMatches(self.ecs.list_task_definitions(), "ecs", "list-task-definitions")
        params = {"familyPrefix": "codeguardians-gateway", "sort": "DESC"}
        self.assertCallMatches(self.ecs.list_task_definitions(**params), "ecs", "ListTaskDefinitions", params)

    def test_pagination(self):
        # moto answers ListTaskDefinitions in one page whatever maxResults says, so
        # this checks the cut inside a page and the resume from that cut.
        params = {"maxResults": 4}
        full, _ = oracle_paginate(self.ecs, "list_task_definitions", params)
        total = len(full["taskDefinitionArns"])
        self.assertGreater(total, 10)

        first = self.assertToolOk(self.server.aws_call("ecs", "list-task-definitions", params, max_items=6))
        expected, truncated = oracle_paginate(self.ecs, "list_task_definitions", params, max_items=6)
        self.assertTrue(truncated)
        self.assertIsInstance(first.get("NextToken"), str)
        token = first.pop("NextToken")
        self.assertEqual(first, expected)
        self.assertEqual(len(first["taskDefinitionArns"]), 6)

        rest = self.assertToolOk(self.server.aws_call("ecs", "list-task-definitions", params,
                                                      max_items=1000, starting_token=token))
        self.assertNotIn("NextToken", rest)
        self.assertEqual(first["taskDefinitionArns"] + rest["taskDefinitionArns"], full["taskDefinitionArns"])

        everything = self.assertToolOk(self.server.aws_call("ecs", "ListTaskDefinitions", params,
                                                            max_items=total + 5))
        self.assertNotIn("NextToken", everything)
        self.assertEqual(everything, full)


if __name__ == "__main__":
    unittest.main()
