"""Pagination over query-protocol (XML) services, with their own token
styles: IAM's Marker + IsTruncated, RDS's Marker, ELBv2's NextMarker, and
CloudWatch's NextToken. max_items cuts at a whole item, the continuation
yields the rest, and both equal boto3's paginator."""
import unittest

from harness import IntegrationTestCase, oracle_paginate, setUpModule, tearDownModule  # noqa: F401

ROLE_POLICY = '{"Version":"2012-10-17","Statement":[]}'


class QueryPaginationTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0"]

    @classmethod
    def seed(cls):
        iam = cls.moto.client("iam")
        for i in range(11):
            iam.create_role(RoleName="pager-role-%02d" % i, AssumeRolePolicyDocument=ROLE_POLICY)
        cw = cls.moto.client("cloudwatch")
        for i in range(9):
            cw.put_metric_alarm(AlarmName="pager-alarm-%02d" % i, MetricName="CPUUtilization", Namespace="AWS/ECS",
                                Statistic="Average", Period=60, EvaluationPeriods=1, Threshold=50.0 + i,
                                ComparisonOperator="GreaterThanThreshold")
        rds = cls.moto.client("rds")
        for i in range(7):
            rds.create_db_instance(DBInstanceIdentifier="pager-db-%02d" % i, Engine="postgres",
                                   DBInstanceClass="db.t3.micro", MasterUsername="u",
                                   MasterUserPassword="not-a-real-password", AllocatedStorage=20)

    def follow(self, service, action, params, max_items, result_key):
        first = self.assertToolOk(self.server.aws_call(service, action, params, max_items=max_items))
        self.assertEqual(len(first[result_key]), max_items)
        self.assertIn("NextToken", first)
        rest = self.assertToolOk(self.server.aws_call(service, action, params, max_items=1000,
                                                      starting_token=first["NextToken"]))
        self.assertNotIn("NextToken", rest)
        return first, first[result_key] + rest[result_key]

    def check(self, service, action, boto3_op, params, max_items, result_key, volatile=()):
        client = self.moto.client(service)
        expected_first, _ = oracle_paginate(client, boto3_op, params, max_items=max_items)
        expected_all, _ = oracle_paginate(client, boto3_op, params)
        first, everything = self.follow(service, action, params, max_items, result_key)

        def strip(items):
            return [{k: v for k, v in i.items() if k not in volatile} for i in items]
        self.assertEqual(strip(first[result_key]), strip(expected_first[result_key]))
        self.assertEqual(strip(everything), strip(expected_all[result_key]))

    def test_iam_marker_and_is_truncated(self):
        self.check("iam", "list-roles", "list_roles", {"MaxItems": 3}, 5, "Roles")

    def test_cloudwatch_next_token(self):
        self.check("cloudwatch", "describe-alarms", "describe_alarms", {"MaxRecords": 2}, 5, "MetricAlarms",
                   volatile=("StateUpdatedTimestamp", "AlarmConfigurationUpdatedTimestamp"))

    def test_rds_marker(self):
        self.check("rds", "describe-db-instances", "describe_db_instances", {"MaxRecords": 20}, 4, "DBInstances",
                   volatile=("LatestRestorableTime",))


if __name__ == "__main__":
    unittest.main()
