"""One read across several regions at once (`regions` on aws_call and the
inventory tools): each region's answer equals boto3's in that region, a
failing region carries its error while the others answer, and ["all"] means
the regions EC2 DescribeRegions lists."""
import unittest

from harness import IntegrationTestCase, setUpModule, tearDownModule, to_api_json  # noqa: F401

REGIONS = ["eu-west-1", "us-east-1", "us-west-2"]


class MultiRegionTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0"]

    @classmethod
    def seed(cls):
        for region in REGIONS:
            cls.moto.client("ecs", region=region).create_cluster(clusterName="cluster-" + region)
        cls.moto.client("ecs", region="us-west-2").create_cluster(clusterName="second-us-west-2")
        cls.moto.client("rds", region="us-west-2").create_db_instance(
            DBInstanceIdentifier="west-db", Engine="postgres", DBInstanceClass="db.t3.micro",
            MasterUsername="app", MasterUserPassword="not-a-real-password", AllocatedStorage=20)

    def test_each_region_answers_as_boto3_does_there(self):
        got = self.assertToolOk(self.server.aws_call("ecs", "ListClusters", regions=REGIONS))
        self.assertEqual(got["failed"], [])
        self.assertEqual(sorted(got["regions"]), REGIONS)
        for region in REGIONS:
            expected = to_api_json(self.moto.client("ecs", region=region).list_clusters())
            expected.pop("ResponseMetadata", None)
            self.assertEqual(got["regions"][region], expected)

    def test_a_failing_region_does_not_hide_the_others(self):
        got = self.assertToolOk(self.server.aws_call(
            "ecs", "DescribeServices", {"cluster": "cluster-us-east-1", "services": ["x"]},
            regions=["us-east-1", "eu-west-1"]))
        self.assertEqual(got["failed"], ["eu-west-1"])
        self.assertEqual(got["regions"]["eu-west-1"]["error"]["code"], "ClusterNotFoundException")
        self.assertIn("failures", got["regions"]["us-east-1"])

    def test_every_region_failing_is_an_error(self):
        result = self.server.aws_call("ecs", "DescribeServices", {"cluster": "nowhere", "services": ["x"]},
                                      regions=["us-east-1", "eu-west-1"])
        self.assertTrue(result["isError"])
        self.assertEqual(result["structuredContent"]["failed"], ["eu-west-1", "us-east-1"])

    def test_inventory_tool_across_regions(self):
        got = self.assertToolOk(self.server.call_tool("aws_data_stores", {"regions": ["us-east-1", "us-west-2"]}))
        west = [d["id"] for d in got["regions"]["us-west-2"]["databases"]["instances"]]
        east = [d["id"] for d in got["regions"]["us-east-1"]["databases"]["instances"]]
        self.assertEqual(west, [d["DBInstanceIdentifier"] for d in
                                self.moto.client("rds", region="us-west-2").describe_db_instances()["DBInstances"]])
        self.assertEqual(east, [])

    def test_all_means_the_enabled_regions(self):
        got = self.assertToolOk(self.server.aws_call("sts", "GetCallerIdentity", regions=["all"]))
        enabled = sorted(r["RegionName"] for r in self.moto.client("ec2").describe_regions()["Regions"])
        self.assertEqual(sorted(got["regions"]), enabled)
        self.assertGreater(len(enabled), 3)

    def test_progress_per_region(self):
        self.server.notifications.clear()
        result = self.server.request("tools/call", {"name": "aws_call", "_meta": {"progressToken": "regions-1"},
                                                    "arguments": {"service": "ecs", "action": "ListClusters",
                                                                  "regions": REGIONS}})
        self.assertFalse(result["isError"])
        progress = [n["params"] for n in self.server.notifications
                    if n.get("method") == "notifications/progress" and n["params"]["progressToken"] == "regions-1"]
        self.assertEqual(sorted(p["progress"] for p in progress), [1, 2, 3])
        self.assertTrue(all(p["total"] == 3 for p in progress))

    def test_bad_region_arguments(self):
        for extra, text in [({"regions": []}, "1 to"), ({"regions": ["not a region"]}, "not a region"),
                            ({"regions": REGIONS, "region": "us-east-1"}, "not both"),
                            ({"regions": REGIONS, "starting_token": "x"}, "starting_token"),
                            ({"regions": ["us-east-1"] * 50}, "")]:
            with self.subTest(extra=extra):
                result = self.server.call_tool("aws_call", {"service": "ecs", "action": "ListClusters", **extra})
                error = self.assertToolError(result, "ValidationError")
                self.assertIn(text, error["message"])


if __name__ == "__main__":
    unittest.main()
