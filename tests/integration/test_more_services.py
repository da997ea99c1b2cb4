"""The seed's other read paths (RDS, ElastiCache, ALB, IAM, CloudWatch
metrics/alarms, EventBridge, CloudFormation, tagging) through aws_call,
compared with boto3 on the same emulator. Query-protocol services answer in
XML; CloudWatch is spoken over JSON."""
import unittest

import sample_infra as infra
from harness import IntegrationTestCase, setUpModule, tearDownModule, to_api_json  # noqa: F401


def strip(value, names):
    if isinstance(value, dict):
        return {k: strip(v, names) for k, v in value.items() if k not in names}
    if isinstance(value, list):
        return [strip(v, names) for v in value]
    return value


class MoreServicesTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0"]

    def assertSameAsBoto3(self, service, action, boto3_method, params=None, volatile=()):
        """aws_call equals boto3's answer; `volatile` members (moto stamps them with the time of each
        request) are removed from both sides first."""
        params = params or {}
        oracle = to_api_json(getattr(self.moto.client(service), boto3_method)(**params))
        got = self.assertToolOk(self.server.aws_call(service, action, params))
        self.assertEqual(strip(got, volatile), strip(oracle, volatile))
        return got

    @classmethod
    def seed(cls):
        infra.seed_data_stores(cls.moto)
        cls.lb, cls.tg = infra.seed_load_balancer(cls.moto)
        infra.seed_iam(cls.moto)
        infra.seed_monitoring(cls.moto)

    def test_rds(self):
        volatile = ("LatestRestorableTime",)
        got = self.assertSameAsBoto3("rds", "describe-db-instances", "describe_db_instances", volatile=volatile)
        self.assertEqual(got["DBInstances"][0]["DBInstanceIdentifier"], infra.DB)
        self.assertSameAsBoto3("rds", "DescribeDBInstances", "describe_db_instances",
                               {"DBInstanceIdentifier": infra.DB}, volatile=volatile)

    def test_elasticache(self):
        got = self.assertSameAsBoto3("elasticache", "describe-cache-clusters", "describe_cache_clusters",
                                     {"ShowCacheNodeInfo": True})
        self.assertEqual(got["CacheClusters"][0]["CacheClusterId"], infra.CACHE)

    def test_load_balancer_and_target_health(self):
        self.assertSameAsBoto3("elbv2", "describe-load-balancers", "describe_load_balancers")
        self.assertSameAsBoto3("elbv2", "describe-target-groups", "describe_target_groups")
        self.assertSameAsBoto3("elbv2", "describe-listeners", "describe_listeners",
                               {"LoadBalancerArn": self.lb["LoadBalancerArn"]})
        got = self.assertSameAsBoto3("elbv2", "describe-target-health", "describe_target_health",
                                     {"TargetGroupArn": self.tg["TargetGroupArn"]})
        self.assertEqual(len(got["TargetHealthDescriptions"]), 1)

    def test_iam_roles_and_policies(self):
        self.assertSameAsBoto3("iam", "list-roles", "list_roles")
        self.assertSameAsBoto3("iam", "GetRole", "get_role", {"RoleName": infra.ROLE})
        self.assertSameAsBoto3("iam", "list-role-policies", "list_role_policies", {"RoleName": infra.ROLE})
        self.assertSameAsBoto3("iam", "list-attached-role-policies", "list_attached_role_policies",
                               {"RoleName": infra.ROLE})

    def test_iam_policy_documents_are_json(self):
        # IAM sends policy documents URL-encoded; like boto3, aws-mcp hands them over as JSON.
        got = self.assertSameAsBoto3("iam", "get-role-policy", "get_role_policy",
                                     {"RoleName": infra.ROLE, "PolicyName": "read-secret"})
        self.assertIsInstance(got["PolicyDocument"], dict)

    def test_cloudwatch_metrics_and_alarms(self):
        self.assertSameAsBoto3("cloudwatch", "describe-alarms", "describe_alarms")
        self.assertSameAsBoto3("cloudwatch", "ListMetrics", "list_metrics", {"Namespace": "AWS/ECS"})
        self.assertSameAsBoto3("cloudwatch", "describe-alarms", "describe_alarms", {"StateValue": "OK"})

    def test_events(self):
        self.assertSameAsBoto3("events", "list-rules", "list_rules")
        self.assertSameAsBoto3("events", "describe-rule", "describe_rule", {"Name": "codeguardians-deploys"})

    def test_cloudformation_and_tagging(self):
        self.assertSameAsBoto3("cloudformation", "describe-stacks", "describe_stacks")
        self.assertSameAsBoto3("resourcegroupstaggingapi", "get-resources", "get_resources")


if __name__ == "__main__":
    unittest.main()
