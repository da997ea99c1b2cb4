"""`aws-mcp doctor` on a healthy and on broken set-ups: pass/fail lines with
fixes, the exit status, the deadline, the JSON report, and no secret in its
output.

moto's STS answers GetCallerIdentity for any key, even with its IAM checks
on (INITIAL_NO_AUTH_ACTION_COUNT), so the invalid-key and expired-token cases
use a loopback stand-in (StsStandIn) that answers every request the way STS
answers a refused one: HTTP 403 and the Query protocol's XML error. moto
with its IAM checks on provides the AccessDenied case."""
import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

from harness import MotoServer, module_moto, server_binary, setUpModule, tearDownModule  # noqa: F401

SECRET = "doctor-secret-key-value-9c1e"  # a fake key, distinctive so a leak is visible
KEY_ID = "AKIDDOCTORTEST1234"


def doctor_env(env_extra, home=None):
    env = {"PATH": os.environ.get("PATH", ""), "HOME": home or tempfile.mkdtemp(prefix="aws-mcp-doctor-"),
           "AWS_EC2_METADATA_DISABLED": "true"}
    env.update(env_extra)
    return env


# moto answers a service's first request slowly (it loads that backend; GetResources
# loads them all), seconds apiece on a busy machine: tests that are not about
# the deadline give it room. The default (20 s) is for AWS itself.
EMULATOR_DEADLINE = 150


def run_doctor(env_extra, args=(), home=None, timeout=240, deadline=EMULATOR_DEADLINE):
    if deadline is not None and "--deadline" not in args:
        args = ["--deadline", str(deadline), *args]
    proc = subprocess.run([server_binary(), "doctor", *args], env=doctor_env(env_extra, home), capture_output=True,
                          text=True, timeout=timeout)
    return proc.returncode, proc.stdout + proc.stderr


def env_keys(endpoint, region="us-east-1"):
    return {"AWS_ACCESS_KEY_ID": KEY_ID, "AWS_SECRET_ACCESS_KEY": SECRET, "AWS_ENDPOINT_URL": endpoint,
            "AWS_REGION": region}


class StsStandIn:
    """A loopback HTTP server answering every request as STS answers a
    refused one: `status` and an ErrorResponse with `code`."""

    def __init__(self, code, message, status=403):
        body = ('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>'
                '<Code>%s</Code><Message>%s</Message></Error><RequestId>4f0d6d3e-doctor</RequestId>'
                '</ErrorResponse>' % (code, message)).encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                self.send_response(status)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class SilentPort:
    """A loopback port that accepts connections and never answers."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.endpoint = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        self.held = []
        self.stop = False
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        self.sock.settimeout(0.2)
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
                self.held.append(conn)
            except OSError:
                pass

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop = True
        self.thread.join()
        for c in self.held:
            c.close()
        self.sock.close()


def write_mapping(directory, services):
    path = os.path.join(directory, "mcp-config.json")
    with open(path, "w") as f:
        json.dump({"project": {"aws": {"services": services}}}, f)
    return path


class DoctorTest(unittest.TestCase):
    def test_healthy_setup_passes_and_names_the_identity(self):
        moto = module_moto()
        code, out = run_doctor({"AWS_ACCESS_KEY_ID": KEY_ID, "AWS_SECRET_ACCESS_KEY": SECRET,
                                "AWS_ENDPOINT_URL": moto.endpoint}, ["--region", "eu-west-1"])
        self.assertEqual(code, 0, out)
        identity = moto.client("sts").get_caller_identity()
        self.assertIn("account " + identity["Account"], out)
        self.assertIn("eu-west-1 (from --region)", out)
        self.assertIn("PASS  ecs ListClusters", out)
        self.assertNotIn("FAIL", out)
        self.assertNotIn(SECRET, out)
        self.assertNotIn(KEY_ID, out)  # the key id is shown masked only

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
        self.assertIn("PASS  profile", out)
        self.assertNotIn(SECRET, out)

    def test_missing_credentials_fail_with_a_fix(self):
        code, out = run_doctor({"AWS_REGION": "us-east-1"}, deadline=None)
        self.assertEqual(code, 1, out)
        self.assertIn("aws-mcp doctor (deadline 20 s)", out)
        self.assertIn("FAIL  credentials", out)
        self.assertIn("aws configure", out)

    def test_missing_region_fails(self):
        code, out = run_doctor({"AWS_ACCESS_KEY_ID": "AKIDX", "AWS_SECRET_ACCESS_KEY": SECRET})
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL  region", out)
        self.assertNotIn(SECRET, out)

    def test_unreachable_endpoint_fails_and_skips_the_rest(self):
        code, out = run_doctor(env_keys("http://127.0.0.1:9"))
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL  identity", out)
        self.assertIn("NetworkError", out)
        self.assertIn("SKIP  ecs ListClusters", out)
        self.assertIn("the identity check got no answer", out)
        self.assertNotIn(SECRET, out)

    def test_broken_config_file_is_reported_with_its_line(self):
        with tempfile.TemporaryDirectory() as d:
            config = os.path.join(d, "config")
            with open(config, "w") as f:
                f.write("[profile x]\nregion = us-east-1\nthis line is broken\n")
            code, out = run_doctor({"AWS_CONFIG_FILE": config, **env_keys("http://127.0.0.1:9")})
        self.assertEqual(code, 1, out)
        self.assertIn(config + ":3", out)

    # --- the broken set-ups of issue 14 ---

    def test_invalid_key_fails_identity_and_no_probe_passes(self):
        with StsStandIn("InvalidClientTokenId", "The security token included in the request is invalid.") as sts:
            code, out = run_doctor(env_keys(sts.endpoint))
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL  identity", out)
        self.assertIn("InvalidClientTokenId", out)
        self.assertNotIn("PASS  ecs", out)
        self.assertIn("SKIP  ecs ListClusters", out)
        self.assertIn("AWS refused the credentials", out)
        self.assertNotIn(SECRET, out)

    def test_expired_token_fails_with_the_environment_hint(self):
        with StsStandIn("ExpiredToken", "The security token included in the request is expired") as sts:
            code, out = run_doctor({**env_keys(sts.endpoint), "AWS_SESSION_TOKEN": "doctor-session-token-5e2a"})
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL  identity", out)
        self.assertIn("ExpiredToken", out)
        self.assertNotIn("PASS  ecs", out)
        # The keys come from the environment: a restart is needed, and the hint says so.
        self.assertIn("restart the server", out)
        self.assertNotIn("without a restart", out)
        self.assertNotIn("doctor-session-token-5e2a", out)

    def test_access_denied_names_the_missing_permission(self):
        # moto with IAM checks on: the first 4 requests (the set-up below) are not checked.
        os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "4"
        try:
            moto = MotoServer().start()
        finally:
            del os.environ["INITIAL_NO_AUTH_ACTION_COUNT"]
        try:
            iam = moto.client("iam")
            iam.create_user(UserName="doctor")
            key = iam.create_access_key(UserName="doctor")["AccessKey"]
            iam.put_user_policy(UserName="doctor", PolicyName="narrow", PolicyDocument=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": ["sts:GetCallerIdentity", "ecs:ListClusters"],
                               "Resource": "*"}]}))
            code, out = run_doctor({"AWS_ACCESS_KEY_ID": key["AccessKeyId"],
                                    "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"],
                                    "AWS_ENDPOINT_URL": moto.endpoint, "AWS_REGION": "us-east-1"})
        finally:
            moto.stop()
        self.assertEqual(code, 1, out)
        self.assertIn("PASS  ecs ListClusters", out)
        self.assertIn("FAIL  ecr DescribeRepositories", out)
        self.assertIn("IAM does not allow ecr:DescribeRepositories", out)
        self.assertIn("Grant ecr:DescribeRepositories", out)
        self.assertIn("IAM does not allow logs:DescribeLogGroups", out)
        self.assertNotIn(key["SecretAccessKey"], out)

    def test_mistyped_region_fails_before_sending_and_names_the_region(self):
        moto = module_moto()
        code, out = run_doctor(env_keys(moto.endpoint, region="us-esat-1"))
        self.assertNotEqual(code, 0, out)
        self.assertIn("FAIL  region", out)
        self.assertIn("us-esat-1 (from AWS_REGION) is not an AWS region", out)
        self.assertIn("did you mean us-east-1", out)
        self.assertNotIn("HttpError", out)  # nothing was sent
        self.assertNotIn("PASS  ecs", out)

    def test_missing_config_folder_is_not_passed(self):
        moto = module_moto()
        home = tempfile.mkdtemp(prefix="aws-mcp-doctor-")  # no ~/.aws in it
        code, out = run_doctor(env_keys(moto.endpoint), home=home)
        self.assertNotIn("PASS  config file", out)
        self.assertIn("WARN  config file", out)
        self.assertIn("no folder %s/.aws" % home, out)
        self.assertNotIn("PASS  credentials file", out)
        # A file a variable names must exist.
        code, out = run_doctor({**env_keys(moto.endpoint), "AWS_CONFIG_FILE": "/nonexistent/aws/config"})
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL  config file", out)
        self.assertIn("AWS_CONFIG_FILE names /nonexistent/aws/config, which does not exist", out)

    def test_mapped_resources_are_described_and_a_mistyped_cluster_fails(self):
        moto = module_moto()
        ecs = moto.client("ecs")
        ecs.create_cluster(clusterName="doctor-gateway-cluster")
        moto.client("ecr").create_repository(repositoryName="doctor-gateway")
        moto.client("logs").create_log_group(logGroupName="/ecs/doctor-gateway")
        with tempfile.TemporaryDirectory() as d:
            mapping = write_mapping(d, {"ecs": [{"cluster": "doctor-gateway-clustr", "services": ["gw"]}],
                                        "ecr": ["doctor-gateway", "doctor-nosuch-repo"],
                                        "logGroups": ["/ecs/doctor-gateway"]})
            code, out = run_doctor(env_keys(moto.endpoint), ["--config", mapping])
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL  ecs cluster doctor-gateway-clustr", out)
        self.assertIn("named by project.aws.services.ecs[0].cluster in " + mapping, out)
        self.assertIn("'doctor-gateway-cluster'", out)  # the closest that exists
        self.assertIn("SKIP  ecs service gw", out)
        self.assertIn("PASS  ecr repository doctor-gateway ", out)
        self.assertIn("FAIL  ecr repository doctor-nosuch-repo", out)
        self.assertIn("project.aws.services.ecr[1]", out)
        self.assertIn("PASS  log group /ecs/doctor-gateway", out)
        self.assertIn("PASS  mapping file", out)

    def test_aws_profile_gets_the_same_check_as_the_flag(self):
        moto = module_moto()
        code, out = run_doctor({**env_keys(moto.endpoint), "AWS_PROFILE": "nosuch"})
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL  profile", out)
        self.assertIn("profile nosuch (from AWS_PROFILE)", out)
        code, out = run_doctor(env_keys(moto.endpoint), ["--profile", "nosuch"])
        self.assertEqual(code, 1, out)
        self.assertIn("profile nosuch (from --profile)", out)

    def test_the_winning_credential_source_and_what_it_shadowed(self):
        moto = module_moto()
        with tempfile.TemporaryDirectory() as d:
            creds = os.path.join(d, "credentials")
            with open(creds, "w") as f:
                f.write("[team]\naws_access_key_id = AKIDPROFILE0002\naws_secret_access_key = %s\n" % SECRET)
            extra = {**env_keys(moto.endpoint), "AWS_SHARED_CREDENTIALS_FILE": creds}
            code, out = run_doctor({**extra, "AWS_PROFILE": "team"})
            self.assertIn("WARN  credential source", out)
            self.assertIn("environment won; it shadows profile team (AWS_PROFILE), which has keys", out)
            code, out = run_doctor(extra, ["--profile", "team"])
            self.assertIn("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are ignored", out)
            self.assertIn("credentials file (profile team)", out)
        self.assertNotIn(SECRET, out)

    def test_an_explicit_profile_without_keys_says_the_environment_keys_are_ignored(self):
        # The README's old snippets passed --profile default next to environment keys.
        code, out = run_doctor({"AWS_ACCESS_KEY_ID": KEY_ID, "AWS_SECRET_ACCESS_KEY": SECRET,
                                "AWS_REGION": "us-east-1"}, ["--profile", "default"])
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL  credentials", out)
        self.assertIn("are set, but ignored because profile default was chosen explicitly (--profile)", out)
        self.assertNotIn(SECRET, out)

    def test_a_port_that_never_answers_costs_the_deadline_once(self):
        with SilentPort() as port:
            start = time.monotonic()
            code, out = run_doctor(env_keys(port.endpoint), ["--deadline", "4"], timeout=60)
            elapsed = time.monotonic() - start
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL  identity", out)
        self.assertIn("SKIP  ecs ListClusters", out)
        self.assertLess(elapsed, 4 + 2.5, out)
        sys.stderr.write("\n  doctor against a silent port, --deadline 4: %.2f s\n" % elapsed)

    def test_json_report_parses(self):
        moto = module_moto()
        proc = subprocess.run([server_binary(), "doctor", "--json", "--deadline", str(EMULATOR_DEADLINE)],
                              env=doctor_env(env_keys(moto.endpoint)), capture_output=True, text=True, timeout=240)
        report = json.loads(proc.stdout)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertTrue(report["ok"])
        self.assertEqual(report["summary"]["failed"], 0)
        self.assertEqual(report["summary"]["checks"], len(report["checks"]))
        by_name = {c["name"]: c for c in report["checks"]}
        self.assertEqual(by_name["identity"]["status"], "pass")
        self.assertEqual(by_name["region"]["status"], "pass")
        self.assertEqual(report["credentials"]["source"], "environment")
        self.assertEqual(report["region"], {"name": "us-east-1", "source": "AWS_REGION"})
        self.assertIn("arn", report["identity"])
        self.assertEqual(report["deadline_ms"], EMULATOR_DEADLINE * 1000)
        self.assertNotIn(SECRET, proc.stdout)

    def test_piped_output_arrives_line_by_line(self):
        with SilentPort() as port:
            proc = subprocess.Popen([server_binary(), "doctor", "--deadline", "5"], stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, env=doctor_env(env_keys(port.endpoint)), text=True)
            try:
                start = time.monotonic()
                first = proc.stdout.readline()
                lines = [first]
                while "PASS  region" not in lines[-1]:
                    lines.append(proc.stdout.readline())
                seen = time.monotonic() - start
                self.assertIsNone(proc.poll(), "the process ended before its first lines arrived")
                self.assertLess(seen, 3, lines)
                self.assertIn("aws-mcp doctor", first)
                rest = proc.stdout.read()
            finally:
                proc.wait(timeout=30)
                proc.stdout.close()
        self.assertIn("FAIL  identity", rest)


if __name__ == "__main__":
    unittest.main()
