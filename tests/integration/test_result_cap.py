"""Results that would flood a model's context are cut at a whole item, say so,
and carry a token that continues them; the pieces add up to boto3's listing."""
import unittest

from harness import IntegrationTestCase, oracle_paginate, setUpModule, tearDownModule, to_api_json  # noqa: F401

GROUP_COUNT = 60


class ResultCapTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0", "--max-result-bytes", "4096"]

    @classmethod
    def seed(cls):
        logs = cls.moto.client("logs")
        for i in range(GROUP_COUNT):
            logs.create_log_group(logGroupName="/cap/group-%03d-%s" % (i, "x" * 40))
        ecs = cls.moto.client("ecs")
        ecs.create_cluster(clusterName="cap")
        for i in range(30):
            ecs.register_task_definition(family="cap-%02d" % i, containerDefinitions=[{"name": "c", "image": "i", "memory": 64}])
            ecs.create_service(cluster="cap", serviceName="svc-%02d" % i, taskDefinition="cap-%02d" % i)

    def follow(self, params):
        """Continues with starting_token until done; returns the items and the number of calls."""
        items, token, calls = [], None, 0
        while True:
            args = {"starting_token": token} if token else {}
            result = self.server.aws_call("logs", "describe-log-groups", params, **args)
            got = self.assertToolOk(result)
            calls += 1
            items += got["logGroups"]
            token = got.get("NextToken")
            if not token:
                return items, calls
            self.assertLessEqual(len(result["content"][0]["text"]), 4096 + 512)
            notes = " ".join(c["text"] for c in result["content"][1:])
            self.assertIn("Truncated", notes)
            self.assertLess(calls, 100)

    def test_single_call_is_cut_and_continues_to_the_full_listing(self):
        oracle, _ = oracle_paginate(self.moto.client("logs"), "describe_log_groups", {})
        items, calls = self.follow({})
        self.assertGreater(calls, 2)
        self.assertEqual(items, oracle["logGroups"])

    def test_paginated_call_is_cut_by_bytes_too(self):
        result = self.server.aws_call("logs", "describe-log-groups", {}, max_items=GROUP_COUNT)
        got = self.assertToolOk(result)
        self.assertLess(len(got["logGroups"]), GROUP_COUNT)
        self.assertIn("NextToken", got)

    def test_unpaginated_answer_is_cut_at_its_largest_list(self):
        names = ["svc-%02d" % i for i in range(10)]
        result = self.server.aws_call("ecs", "describe-services", {"cluster": "cap", "services": names})
        got = self.assertToolOk(result)
        full = to_api_json(self.moto.client("ecs").describe_services(cluster="cap", services=names))
        self.assertLess(len(got["services"]), 10)
        self.assertEqual(got["services"], full["services"][:len(got["services"])])
        self.assertIn("Truncated", result["content"][1]["text"])


if __name__ == "__main__":
    unittest.main()
