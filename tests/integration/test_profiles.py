"""One session, several profiles: `profile` on aws_call picks another
profile's credentials and region; --allowed-profiles limits the choice."""
import os
import tempfile
import unittest

from harness import IntegrationTestCase, setUpModule, tearDownModule, to_api_json  # noqa: F401

DIR = tempfile.mkdtemp(prefix="aws-mcp-profiles-")
CONFIG = os.path.join(DIR, "config")
CREDENTIALS = os.path.join(DIR, "credentials")


class ProfilesTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0", "--allowed-profiles", "europe,asia"]
    server_env = {"AWS_CONFIG_FILE": CONFIG, "AWS_SHARED_CREDENTIALS_FILE": CREDENTIALS}

    @classmethod
    def seed(cls):
        with open(CONFIG, "w") as f:
            f.write("[profile europe]\nregion = eu-west-1\n[profile asia]\nregion = ap-northeast-1\n"
                    "[profile secret-ops]\nregion = us-west-2\n")
        with open(CREDENTIALS, "w") as f:
            for p in ("europe", "asia", "secret-ops"):
                f.write("[%s]\naws_access_key_id = AKID%s\naws_secret_access_key = fake\n" % (p, p.upper()))
        cls.moto.client("ecs", region="eu-west-1").create_cluster(clusterName="eu-only")

    def test_profile_brings_its_own_region(self):
        # The harness sets AWS_REGION=us-east-1 for the server; the SDKs let it override a
        # profile's region, so the call names the region the profile is for.
        eu = self.assertToolOk(self.server.aws_call("ecs", "list-clusters", {}, profile="europe",
                                                    region="eu-west-1"))
        oracle = to_api_json(self.moto.client("ecs", region="eu-west-1").list_clusters())
        self.assertEqual(eu, oracle)
        self.assertTrue(any("eu-only" in arn for arn in eu["clusterArns"]))
        default = self.assertToolOk(self.server.aws_call("ecs", "list-clusters", {}))
        self.assertFalse(any("eu-only" in arn for arn in default["clusterArns"]))

    def test_profiles_outside_the_allow_list_are_refused(self):
        error = self.assertToolError(self.server.aws_call("ecs", "list-clusters", {}, profile="secret-ops"),
                                     "ConfigError")
        self.assertIn("--allowed-profiles", error["hint"])

    def test_unknown_profile(self):
        self.assertToolError(self.server.aws_call("ecs", "list-clusters", {}, profile="asia2"), "ConfigError")


if __name__ == "__main__":
    unittest.main()
