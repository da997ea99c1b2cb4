"""Workflow tools with nothing mapped and nothing given: the only candidate is
taken (and the answer says so), several are listed for the next call to name
one; aws_images counts the repositories beyond the mapped ones and takes
["all"]."""
import json
import os
import tempfile
import unittest

import sample_infra as infra
from harness import IntegrationTestCase, setUpModule, tearDownModule, _text  # noqa: F401


def ecs_service(moto, cluster, service):
    ecs = moto.client("ecs")
    ecs.create_cluster(clusterName=cluster)
    ecs.register_task_definition(family="app", containerDefinitions=[{"name": "app", "image": "app", "memory": 256}])
    ecs.create_service(cluster=cluster, serviceName=service, taskDefinition="app", desiredCount=0)


class NothingMappedTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0"]

    def setUp(self):
        self.moto.reset()

    def test_the_only_ecs_service_is_picked_and_said(self):
        ecs_service(self.moto, "solo", "api")
        result = self.server.call_tool("aws_service_health", {"parts": ["deployments"]})
        got = self.assertToolOk(result)
        self.assertEqual((got["cluster"], got["service"]), ("solo", "api"))
        self.assertIn("solo/api", got["picked"])
        self.assertIn("Picked", " ".join(c.get("text", "") for c in result["content"]))

    def test_two_ecs_services_are_listed(self):
        ecs_service(self.moto, "prod", "api")
        ecs_service(self.moto, "prod", "web")
        result = self.server.call_tool("aws_service_health", {})
        error = self.assertToolError(result, "ChooseOne")
        self.assertIn("prod/api", error["message"])
        self.assertIn("prod/web", error["message"])
        self.assertIn("2 ECS services", error["message"])
        # Naming the service narrows the two to one.
        got = self.assertToolOk(self.server.call_tool("aws_service_health", {"service": "web", "parts": ["events"]}))
        self.assertEqual((got["cluster"], got["service"]), ("prod", "web"))

    def test_no_ecs_service_says_none_found(self):
        error = self.assertToolError(self.server.call_tool("aws_service_health", {}), "ChooseOne")
        self.assertIn("no ECS services found", error["message"])

    def test_logs_without_log_group_lists_candidates(self):
        logs = self.moto.client("logs")
        for g in ("/ecs/api", "/ecs/web", "/lambda/job"):
            logs.create_log_group(logGroupName=g)
        result = self.server.call_tool("aws_logs", {"since": "1h"})
        error = self.assertToolError(result, "ChooseOne")
        for g in ("/ecs/api", "/ecs/web", "/lambda/job"):
            self.assertIn(g, error["message"])
        self.assertIn("log_group_prefix", error["message"])
        narrowed = self.server.call_tool("aws_logs", {"log_group_prefix": "/ecs/", "since": "1h"})
        message = self.assertToolError(narrowed, "ChooseOne")["message"]
        self.assertIn("/ecs/api, /ecs/web", message)
        self.assertNotIn("/lambda/job", message)
        got = self.assertToolOk(self.server.call_tool("aws_logs", {"log_group_prefix": "/lambda", "since": "1h"}))
        self.assertEqual(got["logGroup"], "/lambda/job")
        self.assertIn("/lambda/job", got["picked"])

    def test_metrics_pick_the_only_service(self):
        ecs_service(self.moto, "solo", "api")
        got = self.assertToolOk(self.server.call_tool("aws_metrics", {}))
        self.assertIn("solo/api", got["picked"])


def config_mapping(services):
    d = tempfile.mkdtemp(prefix="aws-mcp-discovery-")
    path = os.path.join(d, "config.json")
    with open(path, "w") as f:
        json.dump({"project": {"aws": {"services": services}}}, f)
    return path


class ImagesBeyondTheMappedTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0", "--config", config_mapping({"ecr": [infra.REPOS[0]]})]

    @classmethod
    def seed(cls):
        cls.moto.reset()
        infra.seed_ecr(cls.moto, images_per_repo=1)

    def test_one_mapped_of_six_says_five_more(self):
        result = self.server.call_tool("aws_images", {})
        got = self.assertToolOk(result)
        self.assertEqual([r["repository"] for r in got["repositories"]], [infra.REPOS[0]])
        self.assertEqual(got["otherRepositories"], 5)
        self.assertIn("5 more", " ".join(c.get("text", "") for c in result["content"]))

    def test_all_lists_six(self):
        got = self.assertToolOk(self.server.call_tool("aws_images", {"repositories": ["all"]}))
        self.assertEqual(got["repositoryCount"], 6)
        self.assertNotIn("otherRepositories", got)
        empty = self.assertToolOk(self.server.call_tool("aws_images", {"repositories": []}))
        self.assertEqual(empty["repositoryCount"], 6)


if __name__ == "__main__":
    unittest.main()
