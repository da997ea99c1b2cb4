"""Breadth: one read of each of 19 more services, across the json, query,
rest-json and rest-xml protocols, each answer compared with boto3's on the
same emulator; secret values the models mark sensitive stay out of every
answer; writes are refused and leave the resource in place."""
import io
import json
import unittest
import zipfile

from botocore import xform_name

from harness import IntegrationTestCase, setUpModule, tearDownModule, to_api_json, without  # noqa: F401

SECRET = "s3cr3t-value-do-not-leak"

# (service, action, params): one read each, answered by moto, compared with boto3.
# VOLATILE: members moto computes anew on every request (creation times it
# stamps "now"), left out of the comparison.
VOLATILE = {("athena", "ListWorkGroups"): {"CreationTime"}, ("efs", "DescribeFileSystems"): {"Timestamp"}}
READS = [
    ("dynamodb", "ListTables", {}),
    ("dynamodb", "DescribeTable", {"TableName": "aws-mcp-many"}),
    ("dynamodb", "Scan", {"TableName": "aws-mcp-many"}),
    ("sqs", "ListQueues", {}),
    ("sns", "ListTopics", {}),
    ("ssm", "DescribeParameters", {}),
    ("kms", "ListKeys", {}),
    ("stepfunctions", "ListStateMachines", {}),
    ("kinesis", "ListStreams", {}),
    ("autoscaling", "DescribeAutoScalingGroups", {}),
    ("acm", "ListCertificates", {}),
    ("cloudtrail", "DescribeTrails", {}),
    ("glue", "GetDatabases", {}),
    ("athena", "ListWorkGroups", {}),
    ("codebuild", "ListProjects", {}),
    ("efs", "DescribeFileSystems", {}),
    ("cognito-idp", "ListUserPools", {"MaxResults": 10}),
    ("wafv2", "ListWebACLs", {"Scope": "REGIONAL"}),
    ("batch", "DescribeComputeEnvironments", {}),
    ("xray", "GetTraceSummaries", {"StartTime": "2026-01-01T00:00:00Z", "EndTime": "2026-01-01T01:00:00Z"}),
]


def function_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return 1\n")
    return buf.getvalue()


class ManyServicesTest(IntegrationTestCase):
    @classmethod
    def seed(cls):
        m = cls.moto
        m.client("dynamodb").create_table(
            TableName="aws-mcp-many", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
        m.client("dynamodb").put_item(TableName="aws-mcp-many", Item={"id": {"S": "a"}, "n": {"N": "1"}})
        m.client("sqs").create_queue(QueueName="aws-mcp-many")
        m.client("sns").create_topic(Name="aws-mcp-many")
        m.client("ssm").put_parameter(Name="/many-test/secret", Value=SECRET, Type="SecureString")
        m.client("ssm").put_parameter(Name="/many-test/plain", Value="plain", Type="String")
        m.client("kms").create_key(Description="aws-mcp-many")
        m.client("kinesis").create_stream(StreamName="aws-mcp-many", ShardCount=1)
        m.client("glue").create_database(DatabaseInput={"Name": "aws_mcp_many"})
        m.client("codebuild").create_project(
            name="aws-mcp-many", source={"type": "S3", "location": "bucket/source.zip"},
            artifacts={"type": "NO_ARTIFACTS"},
            environment={"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0",
                         "computeType": "BUILD_GENERAL1_SMALL"},
            serviceRole="arn:aws:iam::123456789012:role/codebuild")
        m.client("efs").create_file_system(CreationToken="aws-mcp-many")
        m.client("cognito-idp").create_user_pool(PoolName="aws-mcp-many")
        role = m.client("iam").create_role(
            RoleName="aws-mcp-many-lambda", AssumeRolePolicyDocument='{"Version":"2012-10-17","Statement":[]}')["Role"]
        m.client("lambda").create_function(
            FunctionName="aws-mcp-many", Runtime="python3.12", Role=role["Arn"], Handler="index.handler",
            Code={"ZipFile": function_zip()}, Environment={"Variables": {"DB_PASSWORD": SECRET}})

    def assertNoSecret(self, result):
        self.assertNotIn(SECRET, json.dumps(result))

    def test_reads_match_boto3(self):
        for service, action, params in READS:
            with self.subTest(service=service, action=action):
                client = self.moto.client(service)
                method = getattr(client, xform_name(action))
                ignore = VOLATILE.get((service, action))
                if ignore is None:
                    self.assertCallMatches(method(**params), service, action, params, refresh=True)
                    continue
                got = self.assertToolOk(self.server.aws_call(service, action, params, refresh=True))
                self.assertEqual(without(got, ignore), without(to_api_json(method(**params)), ignore))

    def test_lambda_environment_values_are_withheld(self):
        got = self.assertToolOk(self.server.aws_call("lambda", "GetFunctionConfiguration",
                                                     {"FunctionName": "aws-mcp-many"}))
        self.assertIn("DB_PASSWORD", got["Environment"]["Variables"])
        self.assertNoSecret(got)
        listed = self.assertToolOk(self.server.aws_call("lambda", "ListFunctions", {}))
        self.assertNoSecret(listed)

    def test_ssm_secure_string_is_not_read(self):
        refused = self.server.aws_call("ssm", "GetParameter", {"Name": "/many-test/secret", "WithDecryption": True})
        self.assertToolError(refused, "SecretRead")
        self.assertNoSecret(refused)
        described = self.assertToolOk(self.server.aws_call("ssm", "DescribeParameters", {}))
        self.assertNoSecret(described)

    def test_writes_are_refused_and_change_nothing(self):
        self.assertToolError(self.server.aws_call("dynamodb", "DeleteTable", {"TableName": "aws-mcp-many"}), "ReadOnly")
        self.assertToolError(self.server.aws_call("sqs", "DeleteQueue", {"QueueUrl": "x"}), "ReadOnly")
        self.assertIn("aws-mcp-many", self.moto.client("dynamodb").list_tables()["TableNames"])


if __name__ == "__main__":
    unittest.main()
