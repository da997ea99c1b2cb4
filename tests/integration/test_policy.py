"""The access policy, end to end: mutating actions and secret readers are
refused by default with the right code and a message naming the flag that
allows them, and no request leaves the process (the endpoint is a listener
that counts connections). With --allow-secret-reads / --allow-write the same
calls reach the emulator and answer like boto3. Secret values never appear in
default-mode answers or logs."""
import json
import unittest

import sample_infra as infra
from harness import (ConnectionCounter, IntegrationTestCase, result_text, setUpModule,  # noqa: F401
                     tearDownModule, to_api_json)

SECRET_VALUE = "pw-5d2b-only-with-allow-secret-reads"

# (service, action, params): valid input, so only the policy can refuse them.
WRITES = [
    ("ecs", "update-service", {"cluster": infra.CLUSTER, "service": infra.SERVICE, "desiredCount": 0}),
    ("ecs", "DeleteCluster", {"cluster": infra.CLUSTER}),
    ("ecr", "create-repository", {"repositoryName": "not-allowed-repo"}),
    ("logs", "put-log-events", {"logGroupName": infra.LOG_GROUP, "logStreamName": "s",
                                "logEvents": [{"timestamp": 1700000000000, "message": "x"}]}),
    ("secretsmanager", "PutSecretValue", {"SecretId": infra.SECRET, "SecretString": "new"}),
]
SECRET_READS = [
    ("secretsmanager", "get-secret-value", {"SecretId": infra.SECRET}),
    ("secretsmanager", "BatchGetSecretValue", {"SecretIdList": [infra.SECRET]}),
    ("ecr", "get-authorization-token", {}),
    ("sts", "assume-role", {"RoleArn": "arn:aws:iam::123456789012:role/x", "RoleSessionName": "s"}),
    ("sts", "GetSessionToken", {}),
]


class RefusedBeforeSendingTest(IntegrationTestCase):
    """The server's endpoint is a connection counter: a refused call must not
    even open a connection."""

    @classmethod
    def setUpClass(cls):
        cls.counter = ConnectionCounter()
        try:
            super().setUpClass()
        except BaseException:
            cls.counter.close()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls.counter.close()

    @classmethod
    def server_endpoint(cls):
        return cls.counter.endpoint

    def check_refused(self, calls, code, flag):
        for service, action, params in calls:
            with self.subTest(action=action):
                result = self.server.aws_call(service, action, params)
                error = self.assertToolError(result, code)
                self.assertIn(flag, result_text(result))
                self.assertIn(flag, error["message"] + error.get("hint", ""))
        self.assertEqual(self.counter.count, 0, "a refused call opened a connection")

    def test_writes_refused(self):
        self.check_refused(WRITES, "ReadOnly", "--allow-write")

    def test_secret_reads_refused(self):
        self.check_refused(SECRET_READS, "SecretRead", "--allow-secret-reads")

    def test_z_counter_sees_allowed_calls(self):
        # Control: an allowed read does connect, so a count of 0 above means something.
        result = self.server.aws_call("ecs", "list-clusters", {}, refresh=True)
        self.assertToolError(result)
        self.assertGreater(self.counter.count, 0)


class AllowSecretReadsTest(IntegrationTestCase):
    server_args = ["--allow-secret-reads"]

    @classmethod
    def seed(cls):
        cls.moto.reset()
        cls.moto.client("secretsmanager").create_secret(Name=infra.SECRET, SecretString=SECRET_VALUE)

    def test_get_secret_value(self):
        sm = self.moto.client("secretsmanager")
        params = {"SecretId": infra.SECRET}
        got = self.assertCallMatches(sm.get_secret_value(**params), "secretsmanager", "get-secret-value", params)
        self.assertEqual(got["SecretString"], SECRET_VALUE)

    def test_writes_still_refused(self):
        self.assertToolError(self.server.aws_call("ecr", "create-repository", {"repositoryName": "nope-repo"}),
                             "ReadOnly")


class AllowWriteTest(IntegrationTestCase):
    server_args = ["--allow-write"]

    @classmethod
    def seed(cls):
        cls.moto.reset()

    def test_create_repository(self):
        got = self.assertToolOk(self.server.aws_call("ecr", "create-repository",
                                                     {"repositoryName": "codeguardians-new-guard"}))
        self.assertEqual(got["repository"]["repositoryName"], "codeguardians-new-guard")
        ecr = self.moto.client("ecr")
        repos = ecr.describe_repositories(repositoryNames=["codeguardians-new-guard"])["repositories"]
        self.assertEqual(to_api_json(repos[0]), got["repository"])

    def test_secret_reads_still_refused(self):
        self.assertToolError(self.server.aws_call("ecr", "get-authorization-token", {}), "SecretRead")


class SecretValueNeverShownTest(IntegrationTestCase):
    """Default mode with debug logging: the value appears nowhere."""
    server_args = ["--log-level", "debug"]

    @classmethod
    def seed(cls):
        cls.moto.reset()
        sm = cls.moto.client("secretsmanager")
        sm.create_secret(Name=infra.SECRET, SecretString=SECRET_VALUE, Description="gateway production settings",
                         Tags=[{"Key": "project", "Value": "codeguardians"}])

    def test_no_value_anywhere(self):
        outputs = [
            self.server.aws_call("secretsmanager", "describe-secret", {"SecretId": infra.SECRET}),
            self.server.aws_call("secretsmanager", "list-secrets", {}),
            self.server.aws_call("secretsmanager", "ListSecrets", {"IncludePlannedDeletion": True}, max_items=10),
            self.server.aws_call("secretsmanager", "list-secret-version-ids", {"SecretId": infra.SECRET}),
            self.server.aws_call("secretsmanager", "get-secret-value", {"SecretId": infra.SECRET}),
        ]
        for o in outputs[:4]:
            self.assertToolOk(o)
        self.assertToolError(outputs[4], "SecretRead")
        text = json.dumps(outputs) + json.dumps(self.server.notifications)
        self.assertIn(infra.SECRET, text)  # the answers are about the secret...
        self.assertNotIn(SECRET_VALUE, text)  # ...but never show its value
        self.assertNotIn(SECRET_VALUE, self.server.stderr())


if __name__ == "__main__":
    unittest.main()
