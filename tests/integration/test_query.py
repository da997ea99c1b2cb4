"""`query` on aws_call: a JMESPath expression over the answer, as the AWS
CLI's --query. The oracle is what the CLI does: python jmespath applied to
boto3's answer (in the server's JSON form) on the same emulator. Also: a bad
expression is a tool error naming its position, a query runs in each region
of `regions`, and a cut answer says how big it was and how to narrow it."""
import unittest

import jmespath

import sample_infra as infra
from harness import (IntegrationTestCase, oracle_paginate, setUpModule, tearDownModule,  # noqa: F401
                     to_api_json, withhold_sensitive)

EC2_QUERIES = [
    "Reservations[].Instances[].InstanceId",
    "Reservations[].Instances[].{id: InstanceId, type: InstanceType, state: State.Name, zone: Placement.AvailabilityZone}",
    "Reservations[].Instances[?State.Name == 'running'][].InstanceId",
    "length(Reservations[].Instances[])",
    "sort_by(Reservations[].Instances[], &InstanceId)[-1].[InstanceId, LaunchTime]",
    "Reservations[].Instances[].Tags[?Key == 'team'].Value[]",
    "Reservations[].Instances[] | [?contains(InstanceType, 'micro')] | length(@)",
    "Reservations[0]",
    "Reservations[*].Instances[0].ImageId | sort(@) | join(',', @)",
    "max_by(Reservations[].Instances[], &AmiLaunchIndex).InstanceId",
    "Reservations[].Instances[].NetworkInterfaces[].PrivateIpAddresses[].PrivateIpAddress",
    "Reservations[].Instances[].BlockDeviceMappings[].Ebs.[VolumeId, DeleteOnTermination]",
    "not_there",
    "Reservations[].Instances[].{id: InstanceId, name: Tags[?Key == 'Name'] | [0].Value, sgs: SecurityGroups[].GroupName}",
]

ECS_QUERIES = [
    "services[].{name: serviceName, desired: desiredCount, running: runningCount, status: status}",
    "services[0].deployments[0].[status, rolloutState, taskDefinition]",
    "max_by(services, &desiredCount).serviceName",
    "services[?launchType == 'FARGATE'].serviceArn",
    "services[].events[:3].message",
    "to_string(services[0].desiredCount)",
    "{count: length(services), names: services[].serviceName, failures: failures}",
]


class QueryTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0"]

    @classmethod
    def seed(cls):
        ec2 = cls.moto.client("ec2")
        image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
        for i, kind in enumerate(["t3.micro", "t3.large", "m5.large", "t3.micro", "c5.large"]):
            ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType=kind, TagSpecifications=[
                {"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "node-%d" % i},
                                                      {"Key": "team", "Value": ["core", "data"][i % 2]}]}])
        cls.ec2 = ec2
        infra.seed_ecs(cls.moto)
        cls.ecs = cls.moto.client("ecs")
        cls.ecs.create_service(cluster=infra.CLUSTER, serviceName="worker", taskDefinition="codeguardians-gateway:1",
                               desiredCount=3, launchType="EC2")

    def cli_query(self, service, action, query, answer):
        """What `aws <service> <action> --query <query>` prints: the query over boto3's answer."""
        return jmespath.search(query, withhold_sensitive(service, action, to_api_json(answer)))

    def assertQueryMatches(self, service, action, params, query, answer, **options):
        result = self.server.aws_call(service, action, params, query=query, **options)
        got = self.assertToolOk(result)
        self.assertEqual(got, {"result": self.cli_query(service, action, query, answer)}, query)
        return got

    def test_ec2_describe_instances_as_the_cli_queries_it(self):
        answer = self.ec2.describe_instances()
        for query in EC2_QUERIES:
            with self.subTest(query=query):
                self.assertQueryMatches("ec2", "DescribeInstances", {}, query, answer)

    def test_ecs_describe_services_as_the_cli_queries_it(self):
        params = {"cluster": infra.CLUSTER, "services": [infra.SERVICE, "worker", "missing"]}
        answer = self.ecs.describe_services(**params)
        for query in ECS_QUERIES:
            with self.subTest(query=query):
                self.assertQueryMatches("ecs", "describe-services", params, query, answer)

    def test_query_runs_after_the_pages_and_keeps_their_token(self):
        expected, truncated = oracle_paginate(self.ec2, "describe_instances", {"MaxResults": 5}, max_items=3)
        self.assertTrue(truncated)
        query = "Reservations[].Instances[].InstanceId"
        got = self.assertToolOk(self.server.aws_call("ec2", "DescribeInstances", {"MaxResults": 5}, max_items=3,
                                                     query=query))
        self.assertEqual(got["result"], jmespath.search(query, expected))
        self.assertIn("NextToken", got)
        rest = self.assertToolOk(self.server.aws_call("ec2", "DescribeInstances", {"MaxResults": 5}, max_items=100,
                                                      starting_token=got["NextToken"], query=query))
        everything = jmespath.search(query, to_api_json(self.ec2.describe_instances()))
        self.assertEqual(got["result"] + rest["result"], everything)

    def test_query_in_each_region(self):
        got = self.assertToolOk(self.server.aws_call("ecs", "ListClusters", query="length(clusterArns)",
                                                     regions=["us-east-1", "us-west-2"]))
        self.assertEqual(got["regions"]["us-east-1"], {"result": len(self.ecs.list_clusters()["clusterArns"])})
        self.assertEqual(got["regions"]["us-west-2"], {"result": 0})

    def test_a_bad_expression_is_a_tool_error_naming_its_position(self):
        error = self.assertToolError(self.server.aws_call("ec2", "DescribeInstances", query="Reservations[].Instances[.x"),
                                     "InvalidQuery")
        self.assertIn("position 25", error["message"])
        for bad, kind in [("nope(Reservations)", "unknown-function"), ("length(@, @)", "invalid-arity"),
                          ("abs(Reservations)", "invalid-type"), ("a ||", "syntax")]:
            with self.subTest(query=bad):
                self.assertIn(kind, self.assertToolError(self.server.aws_call("ec2", "DescribeInstances", query=bad),
                                                         "InvalidQuery")["message"])
        self.assertToolError(self.server.aws_call("ec2", "DescribeInstances", query=7))


class CutAnswerTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0", "--max-result-bytes", "4096"]

    @classmethod
    def seed(cls):
        logs = cls.moto.client("logs")
        for i in range(60):
            logs.create_log_group(logGroupName="/cut/group-%03d-%s" % (i, "x" * 40))

    def notes(self, result):
        return " ".join(c["text"] for c in result["content"][1:])

    def test_a_cut_answer_says_how_big_it_was_and_how_to_narrow_it(self):
        result = self.server.aws_call("logs", "describe-log-groups", {})
        got = self.assertToolOk(result)
        self.assertIn("NextToken", got)
        notes = self.notes(result)
        self.assertIn("the whole first answer was", notes)
        self.assertIn("KB", notes)
        self.assertIn("query", notes)
        self.assertIn("logGroups[].{", notes)
        self.assertIn("max_items", notes)

    def test_a_query_narrows_what_would_be_cut(self):
        query = "logGroups[].logGroupName"
        result = self.server.aws_call("logs", "describe-log-groups", {}, query=query)
        got = self.assertToolOk(result)
        expected = jmespath.search(query, to_api_json(self.moto.client("logs").describe_log_groups()))
        self.assertEqual(got["result"], expected)
        self.assertEqual(self.notes(result), "")

    def test_a_query_result_over_the_limit_is_cut_and_says_so(self):
        result = self.server.aws_call("logs", "describe-log-groups", {}, query="logGroups")
        got = self.assertToolOk(result)
        self.assertLess(len(got["result"]), 50)
        self.assertIn("Truncated: result holds", self.notes(result))
        self.assertIn("the whole answer was", self.notes(result))


if __name__ == "__main__":
    unittest.main()
