"""credential_process is run without a shell, its command split the way
botocore splits it (shlex: quotes group words, `;` is no separator); a helper
that hangs is killed with its whole process group when it times out, so no
child it spawned outlives it. Each case is a profile in AWS_CONFIG_FILE, used
by an aws_call sts GetCallerIdentity against moto."""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

from harness import McpServer, module_moto, setUpModule, tearDownModule  # noqa: F401

PROCESS_TIMEOUT = 60  # src/aws/credentials_process.h: ProcessOptions::timeout (60 s)
CREDENTIALS = {"Version": 1, "AccessKeyId": "testing", "SecretAccessKey": "testing", "SessionToken": "testing"}


def pgrep(marker):
    """Pids of the processes whose command line holds `marker`."""
    p = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True, timeout=10)
    return [int(x) for x in p.stdout.split()]


def cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        return "(gone)"


class CredentialProcessTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="aws-mcp-cp-")
        self.bin = os.path.join(self.dir, "helper dir")  # a space in the helper's path
        os.makedirs(self.bin)
        self.server = None

    def tearDown(self):
        if self.server is not None:
            self.server.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def script(self, name, body, mode=0o755):
        path = os.path.join(self.bin, name)
        with open(path, "w") as f:
            f.write(body)
        os.chmod(path, mode)
        return path

    def start(self, command, profile="proc"):
        config = os.path.join(self.dir, "config")
        with open(config, "w") as f:
            f.write("[profile %s]\ncredential_process = %s\n" % (profile, command))
        credentials = os.path.join(self.dir, "credentials")
        open(credentials, "w").close()
        env = {"AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": credentials, "AWS_PROFILE": profile,
               "AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None}
        self.server = McpServer(module_moto().endpoint, ["--cache-ttl", "0"], env=env,
                                timeout=PROCESS_TIMEOUT + 30)
        self.server.start()
        return self.server

    def caller_identity(self, timeout=30):
        return self.server.request("tools/call", {"name": "aws_call", "arguments": {
            "service": "sts", "action": "GetCallerIdentity"}}, timeout=timeout)

    def printing_helper(self, where=None):
        """cp.sh: records its arguments (each in brackets) and prints fake credentials."""
        args_file = os.path.join(self.dir, "args.txt")
        body = ("#!/bin/sh\nfor a in \"$@\"; do printf '[%%s]' \"$a\"; done > '%s'\necho '%s'\n"
                % (args_file, json.dumps(CREDENTIALS)))
        path = os.path.join(where or self.bin, "cp.sh")
        with open(path, "w") as f:
            f.write(body)
        os.chmod(path, 0o755)
        return path, args_file

    def test_no_shell_runs_the_command(self):
        helper, _ = self.printing_helper(where=self.dir)  # a path without spaces: the shell would run it
        pwned = os.path.join(self.dir, "PWNED")
        self.start("%s; touch %s" % (helper, pwned))
        result = self.caller_identity()
        self.assertFalse(os.path.exists(pwned), "credential_process ran through a shell: `touch` created %s "
                         "(answer: %s)" % (pwned, json.dumps(result)[:500]))

    def test_quoted_arguments_are_split_like_botocore(self):
        helper, args_file = self.printing_helper()
        self.start('"%s" "arg with space" plain' % helper)
        result = self.caller_identity()
        self.assertFalse(result.get("isError"), json.dumps(result)[:1000])
        with open(args_file) as f:
            self.assertEqual(f.read(), "[arg with space][plain]")
        account = module_moto().client("sts").get_caller_identity()["Account"]
        self.assertEqual(result["structuredContent"]["Account"], account)

    def test_a_hung_helper_is_killed_with_its_children(self):
        marker = "aws-mcp-hung-helper-" + uuid.uuid4().hex
        helper = self.script(marker + ".py", (
            "import subprocess, sys, time\n"
            "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', %r])\n"
            "time.sleep(300)\n") % (marker + "-child"))
        try:
            self.start('"%s" "%s"' % (sys.executable, helper))
            started = time.monotonic()
            result = self.caller_identity(timeout=PROCESS_TIMEOUT + 30)
            took = time.monotonic() - started
            self.assertTrue(result.get("isError"), json.dumps(result)[:1000])
            self.assertLess(took, PROCESS_TIMEOUT + 20)
            # The kill is done before the answer; allow the kernel a moment to reap.
            deadline = time.monotonic() + 3
            left = pgrep(marker)
            while left and time.monotonic() < deadline:
                time.sleep(0.1)
                left = pgrep(marker)
            self.assertEqual(left, [], "processes of the timed-out helper are still running: %s"
                             % [cmdline(p) for p in left])
        finally:
            for pid in pgrep(marker):  # the helper's leftovers: ended by their own pids
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


if __name__ == "__main__":
    unittest.main()
