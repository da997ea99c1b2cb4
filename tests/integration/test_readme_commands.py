"""The README's and docs/'s commands, run as a newcomer would run them.

Every fenced block of README.md and docs/*.md is checked:

- `console` blocks run in bash, one block per script, in a scratch folder
  that links the repository's scripts, tests and bench (and build/aws-mcp to
  the binary under test), with `aws-mcp` on PATH, fake keys, an empty HOME,
  AWS_REGION=us-east-1 and AWS_ENDPOINT_URL at moto (seeded with the demo's
  infrastructure). A line starting with `$ ` is a command (it goes on while a
  line ends in a backslash or a single quote is open); the lines under it are
  what it must print, in order, each a whole line where `...` stands for any
  text, and a line of `...` alone for lines left out. Every command must exit
  0 (a block shows a failure with `|| echo "exit status $?"`). Port 8080 is
  replaced with a free port, and a command ending in `&` that serves HTTP is
  waited for until /health answers; background jobs end with their block.
- `sh`, `bash` and `shell` blocks must follow `<!-- not run: why -->`: they
  install packages, edit a client's configuration, or need what a test does
  not have. They are counted and printed.
- `json` blocks must parse, unless they are cut excerpts (`... (N more
  lines)`). Client snippets (with `mcpServers`) may name only flags that
  `aws-mcp --help` lists, and each is started as a client would start it
  (its command, args and env, with the placeholder paths and keys swapped
  for the binary, the README's configuration example and fake keys), and must
  answer a call.
- `ini` blocks must parse as the shared config files.
- The tools table names every tool and every argument of tools/list; the
  options table every flag of --help; the configuration table every key the
  server accepts.
"""
import configparser
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))

import demo_seed  # noqa: E402
from harness import REPO, McpServer, free_port, module_moto, server_binary, setUpModule, tearDownModule  # noqa: E402,F401

BLOCK_TIMEOUT = 300
SHELL_LANGS = {"sh", "bash", "shell"}
FENCE = re.compile(r"^(\s*)```\s*([A-Za-z0-9_+-]*)\s*$")
NOT_RUN = re.compile(r"^\s*<!--\s*not run:\s*(.+?)\s*-->\s*$")


def documents():
    """README.md and every docs/*.md, as absolute paths."""
    return [os.path.join(REPO, "README.md")] + sorted(glob.glob(os.path.join(REPO, "docs", "*.md")))


class Block:
    """One fenced block: where it is, its language, its text (the fence's
    indentation removed) and, when marked, why it is not run."""

    def __init__(self, path, line, lang, text, not_run):
        self.path, self.line, self.lang, self.text, self.not_run = path, line, lang, text, not_run

    def where(self):
        return "%s:%d" % (os.path.relpath(self.path, REPO), self.line)


def parse_blocks(path):
    blocks = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, lang, start = m.group(1), m.group(2), i
        prev = next((lines[k] for k in range(start - 1, -1, -1) if lines[k].strip()), "")
        marker = NOT_RUN.match(prev)
        body = []
        i += 1
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i])
            i += 1
        blocks.append(Block(path, start + 1, lang, "\n".join(body), marker.group(1) if marker else None))
        i += 1
    return blocks


def all_blocks():
    return [b for path in documents() for b in parse_blocks(path)]


# --------------------------------------------------------------------------
# console blocks

def parse_console(text):
    """[(command, [expected lines])] of a console block."""
    steps = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            if line.strip() and not steps:
                raise AssertionError("console block: output before the first command: %r" % line)
            if steps and line.strip():
                steps[-1][1].append(line.rstrip())
            i += 1
            continue
        command = line[2:]
        while (command.endswith("\\") or command.count("'") % 2 == 1) and i + 1 < len(lines):
            i += 1
            command += "\n" + lines[i]
        steps.append((command, []))
        i += 1
    return steps


def line_pattern(expected):
    return re.compile("^" + ".*".join(re.escape(part) for part in expected.split("...")) + "$")


def missing_lines(expected, actual):
    """The first expected line not found, in order, in `actual`; None when all are."""
    lines = [l.rstrip() for l in actual.split("\n")]
    at = 0
    for want in expected:
        if want.strip() == "...":
            continue
        pattern = line_pattern(want)
        while at < len(lines) and not pattern.match(lines[at]):
            at += 1
        if at == len(lines):
            return want
        at += 1
    return None


HTTP_ADDRESS = re.compile(r"--http\s+([0-9.]+):(\d+)")


def console_script(steps, workdir):
    """A bash script running each step, with markers to split the output."""
    out = ["cd %s" % shlex_quote(workdir)]
    for n, (command, _) in enumerate(steps):
        out.append("printf '\\n@@CMD-%d@@\\n'" % n)
        out.append(command)
        out.append("printf '\\n@@RC-%d-%%d@@\\n' $?" % n)
        served = HTTP_ADDRESS.search(command)
        if command.rstrip().endswith("&") and served:
            host = "127.0.0.1" if served.group(1) == "0.0.0.0" else served.group(1)
            out.append("for _ in $(seq 200); do curl -s -o /dev/null http://%s:%s/health && break; sleep 0.05; done"
                       % (host, served.group(2)))
    out.append("kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; true")
    return "\n".join(out) + "\n"


def shlex_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def split_output(output, count):
    """[(exit status, text)] per step, from the markers."""
    results = []
    for n in range(count):
        start = output.find("@@CMD-%d@@\n" % n)
        rc = re.search(r"@@RC-%d-(\d+)@@" % n, output)
        if start < 0 or not rc:
            results.append((None, output[start:] if start >= 0 else ""))
            continue
        results.append((int(rc.group(1)), output[start + len("@@CMD-%d@@\n" % n):rc.start()]))
    return results


# --------------------------------------------------------------------------
# client snippets

def help_flags(binary):
    out = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=30).stdout
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", out)), out


def config_example():
    """The README's configuration example: the json block with project.aws."""
    readme = os.path.join(REPO, "README.md")
    found = [b for b in parse_blocks(readme) if b.lang == "json" and '"project"' in b.text]
    if len(found) != 1:
        raise AssertionError("README.md: expected one configuration example, found %d" % len(found))
    return json.loads(found[0].text)


class ReadmeCommandsTest(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.binary = server_binary()
        if not os.path.exists(cls.binary):
            raise unittest.SkipTest("server binary not built: %s (set AWS_MCP_BIN)" % cls.binary)
        cls.moto = module_moto()
        demo_seed.seed(cls.moto.client)
        cls.blocks = all_blocks()
        cls.flags, cls.help_text = help_flags(cls.binary)

    # -- the scratch folder a block runs in ---------------------------------

    def scratch(self):
        root = tempfile.mkdtemp(prefix="aws-mcp-readme-")
        self.addCleanup(shutil.rmtree, root, True)
        work, home, bindir = (os.path.join(root, d) for d in ("work", "home", "bin"))
        for d in (work, home, bindir, os.path.join(work, "build")):
            os.makedirs(d, exist_ok=True)
        for name in ("scripts", "tests", "bench", "fuzz"):
            os.symlink(os.path.join(REPO, name), os.path.join(work, name))
        os.symlink(self.binary, os.path.join(work, "build", "aws-mcp"))
        os.symlink(self.binary, os.path.join(bindir, "aws-mcp"))
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update({"PATH": bindir + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
                    "LANG": "C.UTF-8", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                    "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": self.moto.endpoint,
                    "AWS_EC2_METADATA_DISABLED": "true", "AWS_MCP_BIN": self.binary})
        return work, env

    # -- the checks ---------------------------------------------------------

    def test_shell_blocks_are_run_or_marked(self):
        run, skipped = [], []
        for b in self.blocks:
            if b.lang == "console":
                (skipped if b.not_run else run).append(b)
            elif b.lang in SHELL_LANGS:
                if not b.not_run:
                    self.fail("%s: a %s block is neither a console block (run, with its output) nor marked "
                              "<!-- not run: why -->" % (b.where(), b.lang))
                skipped.append(b)
        print("\n%d console blocks run; %d blocks not run:" % (len(run), len(skipped)))
        for b in skipped:
            print("  %s  (%s)" % (b.where(), b.not_run))
        self.assertGreater(len(run), 5)

    def test_console_blocks(self):
        ran = 0
        for b in self.blocks:
            if b.lang != "console" or b.not_run:
                continue
            with self.subTest(block=b.where()):
                self.run_console(b)
                ran += 1
        print("\n%d console blocks ran" % ran)

    def run_console(self, block):
        port = str(free_port())
        steps = parse_console(block.text.replace("8080", port))
        self.assertTrue(steps, "%s: a console block without a command" % block.where())
        work, env = self.scratch()
        script = os.path.join(work, ".block.sh")
        with open(script, "w") as f:
            f.write(console_script(steps, work))
        try:
            done = subprocess.run(["bash", script], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, env=env, timeout=BLOCK_TIMEOUT, start_new_session=True)
        except subprocess.TimeoutExpired as e:
            self.fail("%s: did not finish within %d s; output:\n%s" % (block.where(), BLOCK_TIMEOUT,
                                                                       (e.output or b"")[-3000:].decode("utf-8", "replace")))
        output = done.stdout.decode("utf-8", "replace")
        for (command, expected), (rc, text) in zip(steps, split_output(output, len(steps))):
            first = command.split("\n")[0]
            self.assertEqual(rc, 0, "%s: `%s` exited with %s; output:\n%s" % (block.where(), first, rc, text[-3000:]))
            missing = missing_lines(expected, text)
            self.assertIsNone(missing, "%s: `%s` did not print the line\n  %s\noutput:\n%s"
                              % (block.where(), first, missing, text[-3000:]))

    def test_json_blocks_parse(self):
        parsed = excerpts = 0
        for b in self.blocks:
            if b.lang != "json":
                continue
            if re.search(r"\.\.\. \(\d+ more lines\)", b.text):
                excerpts += 1
                continue
            try:
                json.loads(b.text)
            except ValueError as e:
                self.fail("%s: json block does not parse: %s" % (b.where(), e))
            parsed += 1
        print("\n%d json blocks parse; %d are cut excerpts" % (parsed, excerpts))

    def test_ini_blocks_parse(self):
        for b in self.blocks:
            if b.lang == "ini":
                parser = configparser.ConfigParser(inline_comment_prefixes=("#", ";"))
                parser.read_string(b.text, source=b.where())
                self.assertTrue(parser.sections(), b.where())

    def client_snippets(self):
        out = []
        for b in self.blocks:
            if b.lang == "json" and "mcpServers" in b.text:
                for name, server in json.loads(b.text)["mcpServers"].items():
                    out.append((b, name, server))
        return out

    def test_client_snippets_use_only_real_flags(self):
        snippets = self.client_snippets()
        self.assertGreaterEqual(len(snippets), 3, "Cursor, Claude Code and Claude Desktop")
        for b, name, server in snippets:
            args = server.get("args", [])
            for a in args:
                if a.startswith("--"):
                    self.assertIn(a.split("=")[0], self.flags, "%s: %s is not a flag of aws-mcp --help" % (b.where(), a))
            self.assertIn("--config", args, "%s: the snippet names the mapping file" % b.where())
            config = args[args.index("--config") + 1]
            self.assertTrue(os.path.isabs(config), "%s: --config %s is not absolute" % (b.where(), config))
            self.assertTrue(os.path.isabs(server["command"]), b.where())
            self.assertNotIn("--profile", args, "%s: --profile turns off the env block's keys" % b.where())
            env = server.get("env", {})
            self.assertIn("AWS_REGION", env, b.where())
            self.assertTrue("AWS_PROFILE" in env or "AWS_ACCESS_KEY_ID" in env, b.where())
            self.assertFalse("AWS_PROFILE" in env and "AWS_ACCESS_KEY_ID" in env,
                             "%s: keys or a profile, not both" % b.where())

    def test_client_snippets_start_and_answer(self):
        mapping = config_example()
        self.assertNotIn("profile", mapping["project"]["aws"],
                         "the example's profile would turn off the client's env keys")
        for b, name, server in self.client_snippets():
            with self.subTest(block=b.where()):
                self.start_snippet(b, server, mapping)

    def start_snippet(self, block, server, mapping):
        root = tempfile.mkdtemp(prefix="aws-mcp-client-")
        self.addCleanup(shutil.rmtree, root, True)
        config_path = os.path.join(root, "mcp-config.json")
        with open(config_path, "w") as f:
            json.dump(mapping, f)
        home = os.path.join(root, "home")
        os.makedirs(os.path.join(home, ".aws"))
        env = dict(server.get("env", {}))
        if "AWS_PROFILE" in env:
            with open(os.path.join(home, ".aws", "credentials"), "w") as f:
                f.write("[%s]\naws_access_key_id = testing\naws_secret_access_key = testing\n" % env["AWS_PROFILE"])
            env.update({"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None})
        else:
            for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
                if k in env:
                    env[k] = "testing"
        env["HOME"] = home
        self.assertEqual(os.path.basename(server["command"]), "aws-mcp", block.where())
        args = [config_path if a.endswith(".json") else a for a in server.get("args", [])]
        mcp = McpServer(self.moto.endpoint, args, env)
        try:
            mcp.start()
            result = mcp.aws_call("sts", "get-caller-identity")
            self.assertFalse(result.get("isError"), "%s: %s" % (block.where(), result))
            self.assertEqual(result["structuredContent"]["Account"], "123456789012")
            uris = [r["uri"] for r in mcp.request("resources/list", {})["resources"]]
            self.assertIn("aws://ecs/codeguardians-gateway-cluster/codeguardians-gateway-service", uris)
            health = mcp.call_tool("aws_service_health", {"parts": ["deployments"]})
            self.assertFalse(health.get("isError"), "%s: %s" % (block.where(), health))
            self.assertEqual(health["structuredContent"]["service"], demo_seed.SERVICE)
        finally:
            code = mcp.close()
        self.assertEqual(code, 0, mcp.stderr())

    def test_tools_table_names_every_argument(self):
        with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
            rows = {m.group(1): line for line in f for m in [re.match(r"^\| `(aws_\w+)` \|", line)] if m}
        mcp = McpServer(self.moto.endpoint)
        try:
            mcp.start()
            tools = mcp.request("tools/list", {})["tools"]
        finally:
            mcp.close()
        for tool in tools:
            self.assertIn(tool["name"], rows, "README.md: the tools table has no row for %s" % tool["name"])
            for arg in tool["inputSchema"].get("properties", {}):
                self.assertIn("`%s`" % arg, rows[tool["name"]],
                              "README.md: the %s row does not name the argument %s" % (tool["name"], arg))
        self.assertEqual(len(rows), len(tools), "README.md: the tools table names a tool tools/list lacks")

    def test_options_table_names_every_flag(self):
        with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
            table = "".join(line for line in f if line.startswith("| `--"))
        named = set(re.findall(r"(--[a-z][a-z-]*)", table))
        self.assertEqual(sorted(self.flags - named), [], "flags of --help missing from the options table")
        self.assertEqual(sorted(named - self.flags), [], "options table flags that --help does not list")

    def test_configuration_table_names_every_key(self):
        with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        work, env = self.scratch()
        for doc, prefix in (({"project": {"aws": {"nosuchkey": 1}}}, ""),
                            ({"project": {"aws": {"services": {"nosuchkey": []}}}}, "services.")):
            path = os.path.join(work, "bad.json")
            with open(path, "w") as f:
                json.dump(doc, f)
            out = subprocess.run([self.binary, "--config", path], capture_output=True, text=True, env=env,
                                 stdin=subprocess.DEVNULL, timeout=30)
            self.assertEqual(out.returncode, 2, out.stderr)
            keys = re.search(r"valid keys: ([\w, ]+)", out.stderr).group(1).split(", ")
            for key in keys:
                self.assertRegex(readme, r"\| `%s[`.]" % re.escape(prefix + key),
                                 "README.md: the configuration table lacks the key %s%s" % (prefix, key))


class ConsoleParsingTest(unittest.TestCase):
    """The block reader itself."""

    def test_commands_and_expected_lines(self):
        steps = parse_console("$ echo a \\\n  b\na b\n$ curl -d '{\n  }'\n...\nx ... y")
        self.assertEqual(steps, [("echo a \\\n  b", ["a b"]), ("curl -d '{\n  }'", ["...", "x ... y"])])

    def test_expected_lines_in_order_with_ellipses(self):
        self.assertIsNone(missing_lines(["a", "...", "c ... e"], "a\nb\nc d e\n"))
        self.assertEqual(missing_lines(["c", "a"], "a\nc\n"), "a")
        self.assertEqual(missing_lines(["a"], "ab\n"), "a")

    def test_marker_before_a_fence(self):
        path = os.path.join(tempfile.mkdtemp(), "x.md")
        with open(path, "w") as f:
            f.write("text\n\n<!-- not run: installs packages -->\n```sh\napt-get install x\n```\n\n  ```console\n  $ true\n  ```\n")
        blocks = parse_blocks(path)
        self.assertEqual([(b.lang, b.not_run, b.text) for b in blocks],
                         [("sh", "installs packages", "apt-get install x"), ("console", None, "$ true")])
        shutil.rmtree(os.path.dirname(path))


if __name__ == "__main__":
    unittest.main()
