"""aws_images and aws_data_stores against what boto3 reads on the emulator."""
import unittest

import sample_infra as infra
from harness import IntegrationTestCase, setUpModule, tearDownModule, to_api_json  # noqa: F401


class InventoryToolsTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0"]

    @classmethod
    def seed(cls):
        infra.seed_ecr(cls.moto, images_per_repo=4)
        infra.seed_data_stores(cls.moto)

    def test_images(self):
        got = self.assertToolOk(self.server.call_tool("aws_images", {"latest": 2}))
        ecr = self.moto.client("ecr")
        repos = ecr.describe_repositories()["repositories"]
        self.assertEqual(got["repositoryCount"], len(repos))
        for r in got["repositories"]:
            details = to_api_json(ecr.describe_images(repositoryName=r["repository"]))["imageDetails"]
            self.assertEqual(r["imageCount"], len(details))
            newest = sorted(details, key=lambda d: d["imagePushedAt"], reverse=True)[:2]
            self.assertEqual([i["tags"] for i in r["latest"]], [d.get("imageTags", []) for d in newest])
            self.assertEqual([i["sizeBytes"] for i in r["latest"]], [d.get("imageSizeInBytes", 0) for d in newest])
        self.assertEqual(got["imageCount"], sum(r["imageCount"] for r in got["repositories"]))

    def test_images_of_named_repositories_and_a_missing_one(self):
        got = self.assertToolOk(self.server.call_tool("aws_images", {"repositories": [infra.REPOS[0]]}))
        self.assertEqual([r["repository"] for r in got["repositories"]], [infra.REPOS[0]])
        missing = self.server.call_tool("aws_images", {"repositories": ["no-such-repo"]})
        self.assertToolError(missing, "RepositoryNotFoundException")

    def test_data_stores(self):
        got = self.assertToolOk(self.server.call_tool("aws_data_stores", {}))
        db = self.moto.client("rds").describe_db_instances()["DBInstances"][0]
        mine = got["databases"]["instances"][0]
        self.assertEqual(mine["id"], db["DBInstanceIdentifier"])
        self.assertEqual((mine["engine"], mine["version"], mine["status"], mine["multiAZ"]),
                         (db["Engine"], db["EngineVersion"], db["DBInstanceStatus"], db["MultiAZ"]))
        self.assertEqual(mine["endpoint"], "%s:%d" % (db["Endpoint"]["Address"], db["Endpoint"]["Port"]))
        cache = self.moto.client("elasticache").describe_cache_clusters(ShowCacheNodeInfo=True)["CacheClusters"][0]
        c = got["caches"]["clusters"][0]
        self.assertEqual((c["id"], c["engine"], c["status"], c["nodes"]),
                         (cache["CacheClusterId"], cache["Engine"], cache["CacheClusterStatus"],
                          cache["NumCacheNodes"]))
        self.assertIn("recentEvents", mine)

    def test_data_stores_filtered_by_id(self):
        got = self.assertToolOk(self.server.call_tool("aws_data_stores", {"databases": ["other-db"],
                                                                          "caches": [infra.CACHE]}))
        self.assertEqual(got["databases"]["instances"], [])
        self.assertEqual([c["id"] for c in got["caches"]["clusters"]], [infra.CACHE])


if __name__ == "__main__":
    unittest.main()
