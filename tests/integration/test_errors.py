"""AWS errors come back as isError tool results with the AWS error code (the
same code boto3 reports for the same call) and a hint that names the missing
resource and the region that was searched."""
import unittest

import botocore.exceptions

from harness import IntegrationTestCase, result_text, setUpModule, tearDownModule  # noqa: F401

MISSING = [
    # (service, action, params, the missing name)
    ("ecs", "describe-services", {"cluster": "no-such-cluster", "services": ["gateway"]}, "no-such-cluster"),
    ("ecs", "ListServices", {"cluster": "no-such-cluster"}, "no-such-cluster"),
    ("logs", "filter-log-events", {"logGroupName": "/ecs/no-such-group"}, "/ecs/no-such-group"),
    ("logs", "DescribeLogStreams", {"logGroupName": "/ecs/no-such-group"}, "/ecs/no-such-group"),
    ("ecr", "describe-images", {"repositoryName": "no-such-repo"}, "no-such-repo"),
    ("secretsmanager", "describe-secret", {"SecretId": "no-such/secret"}, "no-such/secret"),
]


def snake(action):
    if "-" in action:
        return action.replace("-", "_")
    out = ""
    for i, c in enumerate(action):
        out += ("_" if i and c.isupper() else "") + c.lower()
    return out


class MissingResourceTest(IntegrationTestCase):
    def oracle_code(self, service, action, params, region="us-east-1"):
        client = self.moto.client(service, region=region)
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            getattr(client, snake(action))(**params)
        return caught.exception.response["Error"]["Code"]

    def check(self, region=None):
        for service, action, params, name in MISSING:
            with self.subTest(action=action, region=region):
                options = {"region": region} if region else {}
                result = self.server.aws_call(service, action, params, **options)
                code = self.oracle_code(service, action, params, region or "us-east-1")
                error = self.assertToolError(result, code)
                text = result_text(result)
                self.assertIn(code, text)
                self.assertIn(region or "us-east-1", text)
                self.assertIn(name, text, "the hint should name the missing resource")
                self.assertEqual(error.get("region"), region or "us-east-1")

    def test_missing_resources_default_region(self):
        self.check()

    def test_missing_resources_other_region(self):
        self.check("eu-west-1")

    def test_missing_cluster_codes(self):
        # The seed's first question against a cluster that isn't there.
        result = self.server.aws_call("ecs", "describe-services", {"cluster": "codeguardians-gateway-cluster",
                                                                  "services": ["codeguardians-gateway-service"]})
        self.assertToolError(result, "ClusterNotFoundException")


if __name__ == "__main__":
    unittest.main()
