"""STS through aws_call compared with boto3. STS speaks the query protocol
(form in, XML out). Set AWS_MCP_SKIP_QUERY=1 to skip this module on a build
without the query protocol; otherwise a failure here is a real failure."""
import os
import unittest

from harness import IntegrationTestCase, setUpModule, tearDownModule  # noqa: F401


@unittest.skipIf(os.environ.get("AWS_MCP_SKIP_QUERY") == "1", "query protocol tests disabled by AWS_MCP_SKIP_QUERY")
class StsTest(IntegrationTestCase):
    def test_get_caller_identity(self):
        sts = self.moto.client("sts")
        got = self.assertCallMatches(sts.get_caller_identity(), "sts", "get-caller-identity")
        self.assertEqual(set(got), {"UserId", "Account", "Arn"})
        self.assertCallMatches(sts.get_caller_identity(), "sts", "GetCallerIdentity", {}, refresh=True)


if __name__ == "__main__":
    unittest.main()
