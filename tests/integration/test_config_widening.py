"""A configuration file found in the working directory may only narrow what
the server does: one that widens it (readOnly false, allowSecretReads true)
makes the server refuse to start (exit 2, naming the file and the key, and
saying to use the flag or --config), and nothing reaches AWS. A file that
narrows is fine. The same widening file named with --config is accepted,
unless it is group- or world-writable."""
import contextlib
import json
import os
import shutil
import tempfile
import unittest

from harness import McpServer, ServerError, module_moto, setUpModule, tearDownModule  # noqa: F401

SECRET_VALUE = "s3cr3t-DB-PASSWORD-value"


@contextlib.contextmanager
def working_directory(path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def write_config(directory, aws_section, mode=0o600):
    path = os.path.join(directory, ".cursor", "mcp-config.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump({"project": {"aws": aws_section}}, f)
    os.chmod(path, mode)
    return path


class ConfigCase(unittest.TestCase):
    def setUp(self):
        self.moto = module_moto()
        self.dir = tempfile.mkdtemp(prefix="aws-mcp-widen-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def run_server(self, args=(), attempt=None, cwd=None):
        """Starts the server on stdio in `cwd` (default: the temp dir), tries
        initialize and then attempt(server) if it is up; returns (exit code
        after stdin is closed, stderr, what attempt returned or the error)."""
        server = McpServer(self.moto.endpoint, list(args), timeout=15)
        with working_directory(cwd or self.dir):
            server.start(initialize=False)
        outcome = None
        try:
            try:
                server.initialize()
                outcome = attempt(server) if attempt else None
            except ServerError as e:
                outcome = e
            code = server.close(timeout=10)
        except BaseException:
            server.kill()
            raise
        return code, server.stderr(), outcome


class CwdWideningRefusedTest(ConfigCase):
    def check_refused(self, code, err, key, flag):
        self.assertEqual(code, 2, "a widening %s in the working directory's config: exit %s; stderr: %s"
                         % (key, code, err[-1500:]))
        self.assertIn("mcp-config.json", err)
        self.assertIn(key, err)
        self.assertIn(flag, err)
        self.assertIn("--config", err)

    def test_read_only_false_is_refused_and_nothing_is_written(self):
        write_config(self.dir, {"readOnly": False})
        name = "widened-by-cwd-file"

        def create(server):
            return server.aws_call("ecs", "CreateCluster", {"clusterName": name})
        code, err, outcome = self.run_server(attempt=create)
        arns = self.moto.client("ecs").list_clusters()["clusterArns"]
        self.assertFalse([a for a in arns if a.endswith("/" + name)],
                         "the cwd file's readOnly:false let a write through: %s" % outcome)
        self.check_refused(code, err, "readOnly", "--allow-write")

    def test_allow_secret_reads_true_is_refused_and_nothing_is_read(self):
        sm = self.moto.client("secretsmanager")
        sm.create_secret(Name="widen/db", SecretString=SECRET_VALUE)
        write_config(self.dir, {"allowSecretReads": True})

        def read(server):
            return server.aws_call("secretsmanager", "GetSecretValue", {"SecretId": "widen/db"})
        try:
            code, err, outcome = self.run_server(attempt=read)
        finally:
            sm.delete_secret(SecretId="widen/db", ForceDeleteWithoutRecovery=True)
        self.assertNotIn(SECRET_VALUE, json.dumps(outcome, default=str) + err,
                         "the cwd file's allowSecretReads:true let a secret read through")
        self.check_refused(code, err, "allowSecretReads", "--allow-secret-reads")

    def test_a_narrowing_file_is_fine(self):
        write_config(self.dir, {"readOnly": True, "region": "us-east-1",
                                "services": {"ecs": [{"cluster": "narrow-cluster", "services": ["api"]}]}})
        ecs = self.moto.client("ecs")
        ecs.create_cluster(clusterName="narrow-cluster")

        def use(server):
            read = server.aws_call("ecs", "ListClusters", {})
            write = server.aws_call("ecs", "CreateCluster", {"clusterName": "narrow-refused"})
            return read, write
        code, err, outcome = self.run_server(attempt=use)
        self.assertEqual(code, 0, err[-1500:])
        self.assertIsInstance(outcome, tuple, outcome)
        read, write = outcome
        self.assertFalse(read.get("isError"), read)
        self.assertIn("narrow-cluster", json.dumps(read["structuredContent"]))
        self.assertTrue(write.get("isError"))
        self.assertEqual(write["structuredContent"]["error"]["code"], "ReadOnly")


class ExplicitConfigTest(ConfigCase):
    def test_widening_file_named_with_config_allows_writes(self):
        path = write_config(tempfile.mkdtemp(dir=self.dir), {"readOnly": False})
        name = "allowed-by-explicit-config"

        def create(server):
            return server.aws_call("ecs", "CreateCluster", {"clusterName": name})
        code, err, outcome = self.run_server(["--config", path], attempt=create)
        self.assertEqual(code, 0, err[-1500:])
        self.assertIsInstance(outcome, dict, outcome)
        self.assertFalse(outcome.get("isError"), outcome)
        clusters = self.moto.client("ecs").describe_clusters(clusters=[name])["clusters"]
        self.assertEqual([c["clusterName"] for c in clusters], [name])
        self.assertEqual(outcome["structuredContent"]["cluster"]["clusterArn"], clusters[0]["clusterArn"])

    def test_a_writable_config_is_refused(self):
        for mode in (0o666, 0o620):
            with self.subTest(mode=oct(mode)):
                path = write_config(tempfile.mkdtemp(dir=self.dir), {"readOnly": False}, mode)
                name = "writable-config-%o" % mode

                def create(server):
                    return server.aws_call("ecs", "CreateCluster", {"clusterName": name})
                code, err, outcome = self.run_server(["--config", path], attempt=create)
                arns = self.moto.client("ecs").list_clusters()["clusterArns"]
                self.assertFalse([a for a in arns if a.endswith("/" + name)],
                                 "a %o config file let a write through: %s" % (mode, outcome))
                self.assertEqual(code, 2, "--config of a %o file: exit %s; stderr: %s" % (mode, code, err[-1500:]))
                self.assertIn(path, err)
                self.assertIn("writable", err.lower())


if __name__ == "__main__":
    unittest.main()
