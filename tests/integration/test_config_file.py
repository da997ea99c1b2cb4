"""The configuration file: the seed's `.cursor/mcp-config.json` `project.aws`
section (or --config), strict about unknown keys and types, overridden by
flags, overriding the environment."""
import json
import os
import subprocess
import tempfile
import unittest

from harness import (IntegrationTestCase, module_moto, server_binary, setUpModule,  # noqa: F401
                     tearDownModule)


def project_dir(aws_section, extra=None):
    d = tempfile.mkdtemp(prefix="aws-mcp-project-")
    os.makedirs(os.path.join(d, ".cursor"))
    doc = {"mcpServers": {"aws": {"command": "aws-mcp"}}, "project": {"aws": aws_section}}
    doc.update(extra or {})
    with open(os.path.join(d, ".cursor", "mcp-config.json"), "w") as f:
        json.dump(doc, f)
    return d


def run(cwd, args, env_extra=None):
    env = {"PATH": os.environ.get("PATH", ""), "HOME": cwd, "AWS_EC2_METADATA_DISABLED": "true",
           "AWS_ACCESS_KEY_ID": "AKIDCONFIGTEST01", "AWS_SECRET_ACCESS_KEY": "fake",
           "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": module_moto().endpoint}
    env.update(env_extra or {})
    if "doctor" in args:  # the emulator's first answers are slow on a busy machine; the default is for AWS
        args = [*args, "--deadline", "150"]
    p = subprocess.run([server_binary(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=240)
    return p.returncode, p.stdout + p.stderr


class ConfigFileTest(unittest.TestCase):
    def test_file_region_overrides_environment_and_flag_overrides_file(self):
        d = project_dir({"region": "eu-central-1"})
        code, out = run(d, ["doctor"])
        self.assertEqual(code, 0, out)
        self.assertIn("eu-central-1 (from config file .cursor/mcp-config.json)", out)
        code, out = run(d, ["doctor", "--region", "ap-south-1"])
        self.assertIn("ap-south-1 (from --region)", out)

    def test_unknown_key_is_reported_with_its_path(self):
        d = project_dir({"services": {"ecs": [{"cluster": "c", "servics": ["x"]}]}})
        code, out = run(d, ["doctor"])
        self.assertEqual(code, 2, out)
        self.assertIn("project.aws.services.ecs[0].servics: unknown key; valid keys: cluster, services", out)

    def test_wrong_type_is_reported_with_its_path(self):
        d = project_dir({"cacheTtlSeconds": "30"})
        code, out = run(d, ["doctor"])
        self.assertEqual(code, 2, out)
        self.assertIn("project.aws.cacheTtlSeconds: expected an integer", out)

    def test_a_cursor_file_without_project_aws_is_ignored(self):
        d = tempfile.mkdtemp(prefix="aws-mcp-project-")
        os.makedirs(os.path.join(d, ".cursor"))
        with open(os.path.join(d, ".cursor", "mcp-config.json"), "w") as f:
            json.dump({"mcpServers": {}}, f)
        code, out = run(d, ["doctor"])
        self.assertEqual(code, 0, out)

    def test_explicit_config_must_exist(self):
        code, out = run(tempfile.mkdtemp(), ["--config", "/nonexistent/config.json", "doctor"])
        self.assertEqual(code, 2, out)
        self.assertIn("/nonexistent/config.json", out)


class ReadOnlyFromConfigTest(IntegrationTestCase):
    """readOnly: false in the file allows writes, as --allow-write does."""
    config = os.path.join(project_dir({"readOnly": False, "cacheTtlSeconds": 0}), ".cursor", "mcp-config.json")
    server_args = ["--config", config]

    def test_write_allowed_by_the_file(self):
        result = self.server.aws_call("ecr", "create-repository", {"repositoryName": "from-config"})
        self.assertToolOk(result)
        names = [r["repositoryName"] for r in self.moto.client("ecr").describe_repositories()["repositories"]]
        self.assertIn("from-config", names)


if __name__ == "__main__":
    unittest.main()
