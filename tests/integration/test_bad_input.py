"""Bad input, from the wrong tool argument to a line that is not JSON: each
gets a clear error of the right kind, and afterwards the same server still
answers ping and a valid aws_call."""
import json
import unittest

import sample_infra as infra
from harness import IntegrationTestCase, result_text, setUpModule, tearDownModule  # noqa: F401


class BadToolArgumentsTest(IntegrationTestCase):
    @classmethod
    def seed(cls):
        cls.moto.client("ecs").create_cluster(clusterName=infra.CLUSTER)

    def call(self, **args):
        return self.server.call_tool("aws_call", args)

    def test_unknown_service(self):
        result = self.call(service="ecz", action="list-clusters")
        self.assertToolError(result)
        self.assertIn("ecz", result_text(result))

    def test_unknown_action_lists_near_matches(self):
        result = self.call(service="ecs", action="describe-service", params={})
        self.assertToolError(result)
        text = result_text(result)
        self.assertIn("describe-service", text)
        self.assertTrue("describe-services" in text or "DescribeServices" in text, text)

    def test_params_not_an_object(self):
        for params in (["cluster"], "cluster=x", 42):
            with self.subTest(params=params):
                self.assertToolError(self.call(service="ecs", action="list-services", params=params),
                                     "ValidationError")

    def test_wrong_member_type(self):
        result = self.call(service="ecs", action="describe-services",
                           params={"cluster": infra.CLUSTER, "services": "codeguardians-gateway-service"})
        self.assertToolError(result, "ValidationError")
        self.assertIn("services", result_text(result))

    def test_missing_required_member(self):
        result = self.call(service="ecs", action="describe-services", params={"cluster": infra.CLUSTER})
        self.assertToolError(result, "ValidationError")
        self.assertIn("services", result_text(result))

    def test_unknown_member_names_the_valid_ones(self):
        result = self.call(service="ecs", action="describe-services",
                           params={"clusterName": infra.CLUSTER, "services": ["x"]})
        self.assertToolError(result, "ValidationError")
        text = result_text(result)
        self.assertIn("clusterName", text)
        for valid in ("cluster", "include"):
            self.assertIn(valid, text)

    def test_bad_enum_value(self):
        result = self.call(service="ecs", action="list-tasks",
                           params={"cluster": infra.CLUSTER, "desiredStatus": "SLEEPING"})
        self.assertToolError(result, "ValidationError")
        text = result_text(result)
        self.assertIn("SLEEPING", text)
        self.assertIn("RUNNING", text)  # the allowed values are named

    def test_max_items_out_of_range(self):
        for bad in (0, -1, 10**9, "ten", 2.5):
            with self.subTest(max_items=bad):
                result = self.call(service="logs", action="describe-log-groups", params={}, max_items=bad)
                self.assertToolError(result, "ValidationError")
                self.assertIn("max_items", result_text(result))

    def test_unknown_tool_is_a_protocol_error(self):
        resp = self.server.rpc("tools/call", {"name": "aws_exec", "arguments": {}})
        self.assertIn("error", resp)
        self.assertEqual(resp["error"]["code"], -32602)

    def test_z_still_serving(self):
        self.assertEqual(self.server.request("ping"), {})
        got = self.assertToolOk(self.call(service="ecs", action="list-clusters", params={}))
        self.assertEqual(len(got["clusterArns"]), 1)


class BadJsonRpcTest(IntegrationTestCase):
    """Raw lines on stdin; each error response is read before the next line."""

    def send_line(self, line):
        self.server.send_raw(line if line.endswith(b"\n") else line + b"\n")
        return self.server.read_message()

    def assertRpcError(self, msg, code, id_value):
        self.assertIsInstance(msg, dict, msg)
        self.assertEqual(msg.get("jsonrpc"), "2.0")
        self.assertIn("error", msg, msg)
        self.assertEqual(msg["error"]["code"], code, msg)
        self.assertIsInstance(msg["error"].get("message"), str)
        self.assertIn("id", msg)
        self.assertEqual(msg["id"], id_value)

    def test_unparsable_json(self):
        self.assertRpcError(self.send_line(b'{"jsonrpc": "2.0", "id": 7, "method": "ping"'), -32700, None)
        self.assertRpcError(self.send_line(b"\xff\xfe not utf-8 \xc3"), -32700, None)

    def test_array_is_an_invalid_request(self):
        # MCP 2025-11-25 has no JSON-RPC batches.
        msg = self.send_line(b'[{"jsonrpc": "2.0", "id": 8, "method": "ping"}]')
        self.assertRpcError(msg, -32600, None)

    def test_request_without_method(self):
        self.assertRpcError(self.send_line(b'{"jsonrpc": "2.0", "id": 9, "params": {}}'), -32600, 9)

    def test_unknown_method(self):
        self.assertRpcError(self.send_line(b'{"jsonrpc": "2.0", "id": 10, "method": "tools/explode"}'), -32601, 10)

    def test_ten_megabyte_line(self):
        big = json.dumps({"jsonrpc": "2.0", "id": 11, "method": "tools/call",
                          "params": {"name": "aws_call", "arguments": {
                              "service": "ecs", "action": "list-clusters", "params": {"pad": "x" * (10 << 20)}}}})
        self.server.send_raw(big.encode() + b"\n", timeout=60)
        # Any answer (an error for id 11 or null) is fine; silence is fine too as
        # long as the server keeps serving.
        self.assertEqual(self.server.request("ping", timeout=60), {})
        for msg in self.server.notifications:
            if isinstance(msg, dict) and "error" in msg:
                self.assertIn(msg.get("id"), (11, None))

    def test_z_still_serving(self):
        self.assertEqual(self.server.request("ping"), {})
        self.assertToolOk(self.server.aws_call("ecs", "list-clusters", {}))


if __name__ == "__main__":
    unittest.main()
