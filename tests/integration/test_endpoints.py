"""Endpoints from the rule sets, seen through the server: a mistyped region is
refused before anything is sent, naming the region meant; against an
emulator (AWS_ENDPOINT_URL) every region is taken, as botocore takes it."""
import time
import unittest

from harness import IntegrationTestCase, McpServer, result_text, setUpModule, tearDownModule  # noqa: F401


class UnknownRegionTest(unittest.TestCase):
    def test_mistyped_region_names_the_close_one_at_once(self):
        # No endpoint configured: the call would go to AWS, so the region
        # check is what answers (nothing is sent; no network is needed).
        with McpServer(None) as server:
            started = time.monotonic()
            result = server.call_tool("aws_call", {"service": "ecs", "action": "list-clusters", "params": {},
                                                   "region": "us-esat-1"})
            elapsed = time.monotonic() - started
        self.assertTrue(result.get("isError"), result)
        text = result_text(result)
        self.assertIn("unknown region 'us-esat-1'", text)
        self.assertIn("did you mean us-east-1?", text)
        self.assertLess(elapsed, 5, "refused locally, not after retries")


class EmulatorRegionTest(IntegrationTestCase):
    def test_emulator_takes_the_region_it_is_given(self):
        result = self.server.call_tool("aws_call", {"service": "ecs", "action": "list-clusters", "params": {},
                                                    "region": "eu-west-1"})
        self.assertFalse(result.get("isError"), result_text(result))


if __name__ == "__main__":
    unittest.main()
