"""The seed's read paths through aws_call, each compared with boto3 on the
same emulator: ECS, ECR, Secrets Manager (metadata), Logs, STS."""
import unittest

import sample_infra as infra
from harness import EmulatorTestCase

SECRET_VALUE = "s3cr3t-value-that-must-not-leak-7f3a"


class SeedServicesTest(EmulatorTestCase):
    @classmethod
    def seed(cls):
        infra.seed_ecs(cls.moto)
        infra.seed_ecr(cls.moto)
        infra.seed_secret(cls.moto, SECRET_VALUE)
        infra.seed_logs(cls.moto)

    def test_ecs(self):
        self.assertSameAsBoto3("ecs", "list-clusters", "list_clusters")
        self.assertSameAsBoto3("ecs", "DescribeClusters", "describe_clusters", {"clusters": [infra.CLUSTER]})
        self.assertSameAsBoto3("ecs", "list-services", "list_services", {"cluster": infra.CLUSTER})
        got = self.assertSameAsBoto3("ecs", "describe-services", "describe_services",
                                     {"cluster": infra.CLUSTER, "services": [infra.SERVICE]})
        self.assertEqual(got["services"][0]["desiredCount"], 2)
        self.assertSameAsBoto3("ecs", "ListTasks", "list_tasks", {"cluster": infra.CLUSTER})
        self.assertSameAsBoto3("ecs", "list-task-definitions", "list_task_definitions")
        self.assertSameAsBoto3("ecs", "describe-task-definition", "describe_task_definition",
                               {"taskDefinition": "codeguardians-gateway"})

    def test_ecr(self):
        self.assertSameAsBoto3("ecr", "describe-repositories", "describe_repositories")
        for repo in infra.REPOS[:2]:
            self.assertSameAsBoto3("ecr", "DescribeImages", "describe_images", {"repositoryName": repo})
            self.assertSameAsBoto3("ecr", "list-images", "list_images", {"repositoryName": repo})

    def test_secrets_metadata_only(self):
        listed = self.assertSameAsBoto3("secretsmanager", "list-secrets", "list_secrets")
        described = self.assertSameAsBoto3("secretsmanager", "describe-secret", "describe_secret",
                                           {"SecretId": infra.SECRET})
        self.assertEqual(described["Name"], infra.SECRET)
        for text in (str(listed), str(described), "".join(self.mcp.stderr)):
            self.assertNotIn(SECRET_VALUE, text)

    def test_logs(self):
        self.assertSameAsBoto3("logs", "describe-log-groups", "describe_log_groups")
        self.assertSameAsBoto3("logs", "DescribeLogStreams", "describe_log_streams",
                               {"logGroupName": infra.LOG_GROUP})
        got = self.assertSameAsBoto3("logs", "filter-log-events", "filter_log_events",
                                     {"logGroupName": infra.LOG_GROUP, "filterPattern": "ERROR"})
        self.assertEqual(len(got["events"]), 3)
        self.assertSameAsBoto3("logs", "get-log-events", "get_log_events",
                               {"logGroupName": infra.LOG_GROUP, "logStreamName": "gateway/app/1"})

    def test_sts(self):
        self.assertSameAsBoto3("sts", "get-caller-identity", "get_caller_identity")

    def test_aws_error_comes_back_with_code_and_hint(self):
        result = self.mcp.call_tool("aws_call", {"service": "ecs", "action": "describe-services",
                                                 "params": {"cluster": "no-such-cluster", "services": ["x"]}})
        self.assertTrue(result["isError"])
        err = result["structuredContent"]["error"]
        self.assertEqual(err["code"], "ClusterNotFoundException")
        self.assertIn("us-east-1", err["hint"])
        result = self.mcp.call_tool("aws_call", {"service": "logs", "action": "describe-log-streams",
                                                 "params": {"logGroupName": "/nope"}})
        self.assertEqual(result["structuredContent"]["error"]["code"], "ResourceNotFoundException")


if __name__ == "__main__":
    unittest.main()
