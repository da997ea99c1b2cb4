"""`aws-mcp doctor` on a healthy and on broken set-ups: pass/fail lines with
fixes, the exit status, and no secret in its output."""
import os
import subprocess
import tempfile
import unittest

from harness import module_moto, server_binary, setUpModule, tearDownModule  # noqa: F401

SECRET = "doctor-secret-key-value-9c1e"  # a fake key, distinctive so a leak is visible


def run_doctor(env_extra, args=()):
    home = tempfile.mkdtemp(prefix="aws-mcp-doctor-")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": home, "AWS_EC2_METADATA_DISABLED": "true"}
    env.update(env_extra)
    proc = subprocess.run([server_binary(), "doctor", *args], env=env, capture_output=True, text=True, timeout=120)
    return proc.returncode, proc.stdout + proc.stderr


class DoctorTest(unittest.TestCase):
    def test_healthy_setup_passes_and_names_the_identity(self):
        moto = module_moto()
        code, out = run_doctor({"AWS_ACCESS_KEY_ID": "AKIDDOCTORTEST1234", "AWS_SECRET_ACCESS_KEY": SECRET,
                                "AWS_ENDPOINT_URL": moto.endpoint}, ["--region", "eu-west-1"])
        self.assertEqual(code, 0, out)
        identity = moto.client("sts").get_caller_identity()
        self.assertIn("account " + identity["Account"], out)
        self.assertIn("eu-west-1 (from --region)", out)
        self.assertIn("PASS  ecs ListClusters", out)
        self.assertNotIn("FAIL", out)
        self.assertNotIn(SECRET, out)
        self.assertNotIn("AKIDDOCTORTEST1234", out)  # the key id is shown masked only

    def test_profile_credentials_from_files(self):
        moto = module_moto()
        with tempfile.TemporaryDirectory() as d:
            creds = os.path.join(d, "credentials")
            config = os.path.join(d, "config")
            with open(creds, "w") as f:
                f.write("[team]\naws_access_key_id = AKIDPROFILE0001\naws_secret_access_key = %s\n" % SECRET)
            with open(config, "w") as f:
                f.write("[profile team]\nregion = ap-southeast-2\nendpoint_url = %s\n" % moto.endpoint)
            code, out = run_doctor({"AWS_SHARED_CREDENTIALS_FILE": creds, "AWS_CONFIG_FILE": config},
                                   ["--profile", "team"])
        self.assertEqual(code, 0, out)
        self.assertIn("ap-southeast-2 (from profile team)", out)
        self.assertIn("credentials file (profile team)", out)
        self.assertNotIn(SECRET, out)

    def test_missing_credentials_fail_with_a_fix(self):
        code, out = run_doctor({"AWS_REGION": "us-east-1"})
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL  credentials", out)
        self.assertIn("aws configure", out)

    def test_missing_region_fails(self):
        code, out = run_doctor({"AWS_ACCESS_KEY_ID": "AKIDX", "AWS_SECRET_ACCESS_KEY": SECRET})
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL  region", out)
        self.assertNotIn(SECRET, out)

    def test_unreachable_endpoint_fails(self):
        code, out = run_doctor({"AWS_ACCESS_KEY_ID": "AKIDX", "AWS_SECRET_ACCESS_KEY": SECRET,
                                "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:9"})
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL  identity", out)
        self.assertIn("NetworkError", out)
        self.assertNotIn(SECRET, out)

    def test_broken_config_file_is_reported_with_its_line(self):
        with tempfile.TemporaryDirectory() as d:
            config = os.path.join(d, "config")
            with open(config, "w") as f:
                f.write("[profile x]\nregion = us-east-1\nthis line is broken\n")
            code, out = run_doctor({"AWS_CONFIG_FILE": config, "AWS_ACCESS_KEY_ID": "AKIDX",
                                    "AWS_SECRET_ACCESS_KEY": SECRET, "AWS_REGION": "us-east-1",
                                    "AWS_ENDPOINT_URL": "http://127.0.0.1:9"})
        self.assertEqual(code, 1, out)
        self.assertIn(config + ":3", out)


if __name__ == "__main__":
    unittest.main()
