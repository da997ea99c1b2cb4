"""ECR reads through aws_call compared with boto3: the seed's six
repositories with images, image listings, manifests (BatchGetImage is a read),
and pagination over 120 images of one repository."""
import json
import unittest

import sample_infra as infra
from harness import IntegrationTestCase, oracle_paginate, setUpModule, tearDownModule  # noqa: F401

BIG_REPO = "codeguardians-build-cache"
BIG_COUNT = 120


def manifest(n):
    digest = "sha256:%064x" % (0xC0DE0000 + n)
    return json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 7023, "digest": digest},
        "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 32654 + n,
                    "digest": "sha256:%064x" % (0xBEEF0000 + n)}]})


class EcrReadsTest(IntegrationTestCase):
    @classmethod
    def seed(cls):
        infra.seed_ecr(cls.moto)
        ecr = cls.moto.client("ecr")
        ecr.create_repository(repositoryName=BIG_REPO, imageTagMutability="IMMUTABLE",
                              tags=[{"Key": "team", "Value": "platform"}])
        for i in range(BIG_COUNT):
            ecr.put_image(repositoryName=BIG_REPO, imageManifest=manifest(i), imageTag="build-%03d" % i)

    def setUp(self):
        self.ecr = self.moto.client("ecr")

    def test_describe_repositories(self):
        got = self.assertCallMatches(self.ecr.describe_repositories(), "ecr", "describe-repositories")
        names = [r["repositoryName"] for r in got["repositories"]]
        self.assertEqual(sorted(names), sorted(infra.REPOS + [BIG_REPO]))
        params = {"repositoryNames": infra.REPOS[:2]}
        self.assertCallMatches(self.ecr.describe_repositories(**params), "ecr", "DescribeRepositories", params)

    def test_images_of_each_repository(self):
        for repo in infra.REPOS:
            params = {"repositoryName": repo}
            got = self.assertCallMatches(self.ecr.describe_images(**params), "ecr", "describe-images", params)
            self.assertEqual(len(got["imageDetails"]), 3, repo)
            self.assertCallMatches(self.ecr.list_images(**params), "ecr", "ListImages", params)

    def test_batch_get_image_reads_manifests(self):
        params = {"repositoryName": BIG_REPO, "imageIds": [{"imageTag": "build-000"}, {"imageTag": "build-007"},
                                                           {"imageTag": "no-such-tag"}]}
        got = self.assertCallMatches(self.ecr.batch_get_image(**params), "ecr", "batch-get-image", params)
        self.assertEqual(len(got["images"]), 2)
        self.assertEqual(len(got["failures"]), 1)

    def test_pagination_over_120_images(self):
        for action, method, key in (("list-images", "list_images", "imageIds"),
                                    ("DescribeImages", "describe_images", "imageDetails")):
            with self.subTest(action=action):
                params = {"repositoryName": BIG_REPO}
                full, _ = oracle_paginate(self.ecr, method, params)
                self.assertEqual(len(full[key]), BIG_COUNT)

                first = self.assertToolOk(self.server.aws_call("ecr", action, params, max_items=50))
                expected, truncated = oracle_paginate(self.ecr, method, params, max_items=50)
                self.assertTrue(truncated)
                self.assertIsInstance(first.get("NextToken"), str)
                token = first.pop("NextToken")
                self.assertEqual(first, expected)
                self.assertEqual(len(first[key]), 50)

                rest = self.assertToolOk(self.server.aws_call("ecr", action, params, max_items=500,
                                                              starting_token=token))
                self.assertNotIn("NextToken", rest)
                self.assertEqual(first[key] + rest[key], full[key])

                everything = self.assertToolOk(self.server.aws_call("ecr", action, params, max_items=121))
                self.assertEqual(everything, full)


if __name__ == "__main__":
    unittest.main()
