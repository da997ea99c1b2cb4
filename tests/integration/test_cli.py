"""The command line as a person meets it: bare in a terminal, --help and
doctor --help, --log-level names, a configuration file that is not JSON, and
scripts/demo_seed.py run on its own (issue 14, items 5 and 6)."""
import json
import os
import pty
import select
import subprocess
import sys
import tempfile
import time
import unittest

from harness import REPO, module_moto, server_binary, setUpModule, tearDownModule  # noqa: F401


def run(args, env_extra=None, timeout=30, cwd=None):
    env = {"PATH": os.environ.get("PATH", ""), "HOME": tempfile.mkdtemp(prefix="aws-mcp-cli-"),
           "AWS_EC2_METADATA_DISABLED": "true"}
    env.update(env_extra or {})
    return subprocess.run([server_binary(), *args], env=env, capture_output=True, text=True, timeout=timeout,
                          cwd=cwd or tempfile.gettempdir())


class TerminalTest(unittest.TestCase):
    def test_bare_in_a_terminal_says_what_it_is_on_stderr(self):
        master, slave = pty.openpty()
        proc = subprocess.Popen([server_binary()], stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=tempfile.gettempdir())
        os.close(slave)
        try:
            err = b""
            deadline = time.monotonic() + 10
            while b"aws-mcp doctor" not in err and time.monotonic() < deadline:
                ready, _, _ = select.select([proc.stderr], [], [], 0.5)
                if ready:
                    chunk = os.read(proc.stderr.fileno(), 4096)
                    if not chunk:
                        break
                    err += chunk
            self.assertIsNone(proc.poll(), "the server must keep serving: " + err.decode())
        finally:
            os.close(master)  # the terminal goes away: stdin ends, the server exits
            proc.wait(timeout=10)
            proc.stdout.close()
            proc.stderr.close()
        text = err.decode()
        self.assertIn("speaks MCP (JSON-RPC) over stdin and stdout", text)
        self.assertIn("aws-mcp doctor", text)
        self.assertIn("quickstart.sh", text)
        self.assertIn('"mcpServers"', text)

    def test_from_a_pipe_it_says_nothing(self):
        proc = subprocess.run([server_binary()], input="", capture_output=True, text=True, timeout=10,
                              cwd=tempfile.gettempdir())
        self.assertEqual(proc.stdout, "")
        self.assertNotIn("speaks MCP", proc.stderr)

    def test_help_groups_the_options_and_shows_the_config_keys(self):
        out = run(["--help"]).stdout
        for group in ("AWS:", "Limits and logging:", "Team server over HTTP:"):
            self.assertIn(group, out)
        for key in ("allowedProfiles", "cacheTtlSeconds", "logGroups", "loadBalancers"):
            self.assertIn(key, out)
        self.assertIn("warning (or warn)", out)
        self.assertIn("emergency", out)

    def test_doctor_help_lists_its_options(self):
        proc = run(["doctor", "--help"])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("--deadline", proc.stdout)
        self.assertIn("--json", proc.stdout)
        self.assertIn("--profile", proc.stdout)


class SmallDefectsTest(unittest.TestCase):
    def test_log_level_warn_is_warning(self):
        proc = run(["--log-level", "warn", "doctor", "--deadline", "2"], {"AWS_REGION": "us-east-1"})
        self.assertNotIn("unknown --log-level", proc.stderr)
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)  # doctor ran: no credentials

    def test_an_unknown_log_level_lists_the_valid_ones(self):
        proc = run(["--log-level", "verbose"])
        self.assertEqual(proc.returncode, 2)
        self.assertIn("unknown --log-level verbose; valid levels: debug, info, notice, warning (or warn), error, "
                      "critical, alert, emergency", proc.stderr)

    def test_invalid_json_config_names_line_and_column_and_no_help_pointer(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "mcp-config.json")
            with open(path, "w") as f:
                f.write('{\n  "project": {\n    "aws": {"region": "us-east-1",}\n  }\n}\n')
            proc = run(["--config", path])
        self.assertEqual(proc.returncode, 2)
        self.assertIn("config %s:3:" % path, proc.stderr)
        self.assertIn("not valid JSON", proc.stderr)
        self.assertNotIn("--help", proc.stderr)

    def test_a_bad_flag_still_points_to_help(self):
        proc = run(["--no-such-flag"])
        self.assertEqual(proc.returncode, 2)
        self.assertIn("Run aws-mcp --help", proc.stderr)


class DemoSeedTest(unittest.TestCase):
    SCRIPT = os.path.join(REPO, "scripts", "demo_seed.py")

    def test_alone_without_an_endpoint_it_refuses(self):
        env = {k: v for k, v in os.environ.items() if k != "AWS_ENDPOINT_URL"}
        proc = subprocess.run([sys.executable, self.SCRIPT], capture_output=True, text=True, timeout=60, env=env)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("Nothing was seeded", proc.stderr)

    def test_alone_with_an_endpoint_it_seeds(self):
        moto = module_moto()
        proc = subprocess.run([sys.executable, self.SCRIPT, "--endpoint", moto.endpoint], capture_output=True,
                              text=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("seeded", proc.stdout)
        clusters = moto.client("ecs").describe_clusters(clusters=["codeguardians-gateway-cluster"])["clusters"]
        self.assertEqual([c["status"] for c in clusters], ["ACTIVE"])
        repos = moto.client("ecr").describe_repositories()["repositories"]
        self.assertGreaterEqual(len(repos), 6)


if __name__ == "__main__":
    unittest.main()
