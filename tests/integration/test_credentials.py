"""Every credentials provider of the chain, each against a local stand-in on
loopback (moto for STS; small HTTP stand-ins for the SSO portal, the container
endpoint and EC2 instance metadata). `aws-mcp doctor` reports which provider
answered and the masked key; moto's GetCallerIdentity shows assumed roles."""
import hashlib
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import unittest
from datetime import datetime, timedelta, timezone

from harness import module_moto, server_binary, setUpModule, tearDownModule  # noqa: F401

SECRET = "stand-in-secret-value-5d2b"  # fake, distinctive so a leak would show


class StandIn:
    """A loopback HTTP server answering with a handler function(method, path, headers) -> (status, body)."""

    def __init__(self, answer):
        outer = self
        self.requests = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def handle_one(self):
                outer.requests.append((self.command, self.path, dict(self.headers)))
                status, body = answer(self.command, self.path, self.headers)
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_PUT = handle_one

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def iso_in(minutes):
    return (datetime.now(timezone.utc) + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


class CredentialsTest(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="aws-mcp-creds-")
        os.makedirs(os.path.join(self.home, ".aws"))
        self.moto = module_moto()

    def write(self, name, text):
        path = os.path.join(self.home, ".aws", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        return path

    def doctor(self, env=None, args=()):
        e = {"PATH": os.environ.get("PATH", ""), "HOME": self.home, "AWS_REGION": "us-east-1",
             "AWS_ENDPOINT_URL": self.moto.endpoint, "AWS_EC2_METADATA_DISABLED": "true"}
        e.update(env or {})
        e = {k: v for k, v in e.items() if v is not None}
        # --deadline: the emulator's first answers are slow on a busy machine; the default (20 s) is for AWS.
        p = subprocess.run([server_binary(), "doctor", "--deadline", "150", *args], env=e, capture_output=True,
                           text=True, timeout=240)
        out = p.stdout + p.stderr
        self.assertNotIn(SECRET, out)
        return p.returncode, out

    def test_credential_process(self):
        script = self.write("helper.py", "import json\nprint(json.dumps({'Version': 1, 'AccessKeyId': "
                            "'ASIAPROCESS00000001', 'SecretAccessKey': '%s', 'SessionToken': 't', "
                            "'Expiration': '%s'}))\n" % (SECRET, iso_in(60)))
        self.write("config", "[profile proc]\ncredential_process = %s %s\n" % (sys.executable, script))
        code, out = self.doctor(args=["--profile", "proc"])
        self.assertEqual(code, 0, out)
        self.assertIn("credential_process of profile proc, key ASIA...0001, temporary", out)

    def test_credential_process_failure_is_clear(self):
        self.write("config", "[profile bad]\ncredential_process = sh -c 'echo %s >&2; exit 3'\n" % SECRET)
        code, out = self.doctor(args=["--profile", "bad"])
        self.assertEqual(code, 1, out)
        self.assertIn("credential_process of profile bad failed (exit status 3)", out)

    def test_assume_role_from_source_profile(self):
        self.write("credentials", "[base]\naws_access_key_id = AKIDBASE00000002\naws_secret_access_key = %s\n" % SECRET)
        self.write("config", "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deployer\n"
                             "source_profile = base\nrole_session_name = mcp-test\nexternal_id = ext-1\n"
                             "duration_seconds = 1800\n")
        code, out = self.doctor(args=["--profile", "deploy"])
        self.assertEqual(code, 0, out)
        self.assertIn("assume-role arn:aws:iam::123456789012:role/deployer (profile deploy)", out)
        self.assertIn("arn:aws:sts::123456789012:assumed-role/deployer/mcp-test", out)

    def test_assume_role_with_credential_source_environment(self):
        self.write("config", "[profile ci]\nrole_arn = arn:aws:iam::123456789012:role/ci\n"
                             "credential_source = Environment\nrole_session_name = ci-run\n")
        code, out = self.doctor({"AWS_ACCESS_KEY_ID": "AKIDENVIRON0003", "AWS_SECRET_ACCESS_KEY": SECRET},
                                ["--profile", "ci"])
        self.assertEqual(code, 0, out)
        self.assertIn("assumed-role/ci/ci-run", out)

    def test_mfa_profiles_are_refused_with_a_reason(self):
        self.write("credentials", "[base]\naws_access_key_id = AKIDBASE00000002\naws_secret_access_key = %s\n" % SECRET)
        self.write("config", "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\n"
                             "source_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n")
        code, out = self.doctor(args=["--profile", "admin"])
        self.assertEqual(code, 1, out)
        self.assertIn("cannot prompt", out)

    def test_web_identity_from_environment(self):
        token = self.write("token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.")
        code, out = self.doctor({"AWS_WEB_IDENTITY_TOKEN_FILE": token,
                                 "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/eks-pod",
                                 "AWS_ROLE_SESSION_NAME": "pod-1"})
        self.assertEqual(code, 0, out)
        self.assertIn("web-identity arn:aws:iam::123456789012:role/eks-pod", out)
        self.assertIn("assumed-role/eks-pod/pod-1", out)

    def sso_portal(self, token):
        def answer(method, path, headers):
            if headers.get("x-amz-sso_bearer_token") != token:
                return 401, '{"message":"bad token"}'
            if "account_id=111122223333" not in path or "role_name=ReadOnly" not in path:
                return 400, "{}"
            exp = int((datetime.now(timezone.utc) + timedelta(hours=1)).timestamp() * 1000)
            return 200, json.dumps({"roleCredentials": {"accessKeyId": "ASIASSOSTANDIN0004",
                                                        "secretAccessKey": SECRET, "sessionToken": "t",
                                                        "expiration": exp}})
        return StandIn(answer)

    def sso_config(self):
        self.write("config", "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\n"
                             "sso_role_name = ReadOnly\n\n[sso-session corp]\n"
                             "sso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n")

    def test_sso_session_from_the_token_cache(self):
        portal = self.sso_portal("cached-sso-token")
        try:
            self.sso_config()
            name = hashlib.sha1(b"corp").hexdigest() + ".json"
            self.write("sso/cache/" + name, json.dumps({"accessToken": "cached-sso-token",
                                                        "expiresAt": iso_in(60)}))
            code, out = self.doctor({"AWS_ENDPOINT_URL_SSO": portal.url}, ["--profile", "sso"])
        finally:
            portal.close()
        self.assertEqual(code, 0, out)
        self.assertIn("sso (profile sso), key ASIA...0004", out)
        self.assertEqual(len(portal.requests), 1)

    def test_expired_sso_login_says_how_to_log_in(self):
        self.sso_config()
        name = hashlib.sha1(b"corp").hexdigest() + ".json"
        self.write("sso/cache/" + name, json.dumps({"accessToken": "old", "expiresAt": iso_in(-5)}))
        code, out = self.doctor(args=["--profile", "sso"])
        self.assertEqual(code, 1, out)
        self.assertIn("run `aws sso login --profile sso`", out)

    def test_container_credentials(self):
        def answer(method, path, headers):
            if headers.get("Authorization") != "container-auth-token" or path != "/v2/credentials/abc":
                return 403, "{}"
            return 200, json.dumps({"AccessKeyId": "ASIACONTAINER0005", "SecretAccessKey": SECRET, "Token": "t",
                                    "Expiration": iso_in(60)})
        endpoint = StandIn(answer)
        try:
            code, out = self.doctor({"AWS_CONTAINER_CREDENTIALS_FULL_URI": endpoint.url + "/v2/credentials/abc",
                                     "AWS_CONTAINER_AUTHORIZATION_TOKEN": "container-auth-token"})
        finally:
            endpoint.close()
        self.assertEqual(code, 0, out)
        self.assertIn("container credentials, key ASIA...0005", out)

    def test_instance_metadata_v2(self):
        def answer(method, path, headers):
            if method == "PUT" and path == "/latest/api/token":
                return 200, "imds-session-token"
            if headers.get("X-aws-ec2-metadata-token") != "imds-session-token":
                return 401, ""
            if path == "/latest/meta-data/iam/security-credentials/":
                return 200, "web-role"
            if path == "/latest/meta-data/iam/security-credentials/web-role":
                return 200, json.dumps({"Code": "Success", "AccessKeyId": "ASIAINSTANCE0006",
                                        "SecretAccessKey": SECRET, "Token": "t", "Expiration": iso_in(60)})
            return 404, ""
        imds = StandIn(answer)
        try:
            code, out = self.doctor({"AWS_EC2_METADATA_DISABLED": None,
                                     "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url})
        finally:
            imds.close()
        self.assertEqual(code, 0, out)
        self.assertIn("ec2-instance-metadata (role web-role), key ASIA...0006", out)
        self.assertEqual(imds.requests[0][0], "PUT")


if __name__ == "__main__":
    unittest.main()
