"""With --allow-write, aws_call says what it is (not read-only, destructive,
not idempotent) and writes are never answered from the cache or coalesced
with an identical write in flight: each one reaches AWS. Reads are still
cached. Without --allow-write aws_call stays read-only."""
import json
import time

from harness import IntegrationTestCase, ServerError, setUpModule, tearDownModule  # noqa: F401

CONTAINER = [{"name": "app", "image": "public.ecr.aws/nginx/nginx:latest", "memory": 128}]


def aws_call_tool(server):
    tools = server.request("tools/list")["tools"]
    return next(t for t in tools if t["name"] == "aws_call")


class AllowWriteTest(IntegrationTestCase):
    server_args = ["--allow-write"]

    def register(self, family):
        return {"service": "ecs", "action": "RegisterTaskDefinition",
                "params": {"family": family, "containerDefinitions": CONTAINER}}

    def revision(self, result):
        got = self.assertToolOk(result)
        return got["taskDefinition"]["revision"]

    def test_annotations_say_it_writes(self):
        tool = aws_call_tool(self.server)
        a = tool["annotations"]
        self.assertEqual((a.get("readOnlyHint"), a.get("destructiveHint"), a.get("idempotentHint")),
                         (False, True, False), "aws_call annotations with --allow-write: %s" % a)
        self.assertNotIn("read-only", tool["description"].lower(), tool["description"])
        self.assertNotIn("read only", tool["description"].lower(), tool["description"])

    def test_instructions_do_not_claim_read_only(self):
        text = (self.server.initialize_result or {}).get("instructions", "")
        self.assertNotIn("read-only", text.lower(), "initialize instructions with --allow-write: %s" % text)

    def test_identical_writes_each_reach_aws(self):
        family = "write-semantics-seq"
        first = self.revision(self.server.call_tool("aws_call", self.register(family)))
        second = self.revision(self.server.call_tool("aws_call", self.register(family)))
        self.assertEqual((first, second), (1, 2), "two identical RegisterTaskDefinition calls")
        ecs = self.moto.client("ecs")
        self.assertEqual(ecs.describe_task_definition(taskDefinition=family)["taskDefinition"]["revision"], 2)
        self.assertEqual(len(ecs.list_task_definitions(familyPrefix=family)["taskDefinitionArns"]), 2)

    def test_identical_concurrent_writes_are_not_coalesced(self):
        family = "write-semantics-concurrent"
        ids = []
        for _ in range(2):
            i = self.server.new_id()
            ids.append(i)
            self.server.send({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                              "params": {"name": "aws_call", "arguments": self.register(family)}})
        answers = {}
        deadline = time.monotonic() + 30
        while len(answers) < 2:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ServerError("no answers to %s within 30 s (got %s)" % (ids, sorted(answers)))
            msg = self.server.read_message(timeout=left)
            if isinstance(msg, dict) and "method" not in msg and msg.get("id") in ids:
                answers[msg["id"]] = msg
            else:
                self.server.notifications.append(msg)
        revisions = []
        for i in ids:
            self.assertIn("result", answers[i], json.dumps(answers[i])[:500])
            revisions.append(self.revision(answers[i]["result"]))
        self.assertEqual(sorted(revisions), [1, 2], "two identical concurrent writes")
        ecs = self.moto.client("ecs")
        self.assertEqual(len(ecs.list_task_definitions(familyPrefix=family)["taskDefinitionArns"]), 2)
        self.assertEqual(ecs.describe_task_definition(taskDefinition=family)["taskDefinition"]["revision"], 2)

    def test_reads_are_still_cached(self):
        ecs = self.moto.client("ecs")
        ecs.create_cluster(clusterName="cache-before")
        first = self.assertToolOk(self.server.aws_call("ecs", "ListClusters", {}))
        ecs.create_cluster(clusterName="cache-after")
        second = self.assertToolOk(self.server.aws_call("ecs", "ListClusters", {}))
        self.assertEqual(first, second, "an identical read within the TTL was not answered from the cache")
        self.assertFalse(any(a.endswith("/cache-after") for a in second["clusterArns"]))
        fresh = self.assertToolOk(self.server.aws_call("ecs", "ListClusters", {}, refresh=True))
        self.assertTrue(any(a.endswith("/cache-after") for a in fresh["clusterArns"]))


class ReadOnlyDefaultTest(IntegrationTestCase):
    def test_annotations_say_read_only(self):
        a = aws_call_tool(self.server)["annotations"]
        self.assertIs(a.get("readOnlyHint"), True, a)
        self.assertIs(a.get("destructiveHint"), False, a)


if __name__ == "__main__":
    import unittest
    unittest.main()
