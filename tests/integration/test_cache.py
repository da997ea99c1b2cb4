"""The read cache, proved with the emulator: the data is changed with boto3
between two identical calls. Within the TTL the second call returns the old
answer; refresh=true returns the new one; with --cache-ttl 0 every call is
new."""
import unittest

from harness import IntegrationTestCase, setUpModule, tearDownModule  # noqa: F401

class CacheTestMixin:
    """Each test its own log group prefix, so tests never see each other's
    groups or cache entries."""

    def setUp(self):
        self.prefix = "/ecs/%s-%s-" % (type(self).__name__, self._testMethodName)

    def names(self, result):
        return [g["logGroupName"] for g in self.assertToolOk(result)["logGroups"]]

    def call(self, **options):
        return self.server.aws_call("logs", "describe-log-groups", {"logGroupNamePrefix": self.prefix}, **options)

    def add_group(self, suffix):
        self.moto.client("logs").create_log_group(logGroupName=self.prefix + suffix)


class CachedTest(CacheTestMixin, IntegrationTestCase):
    server_args = ["--cache-ttl", "300"]

    def test_second_call_within_ttl_is_cached_and_refresh_bypasses(self):
        self.add_group("a")
        first = self.names(self.call())
        self.assertEqual(first, [self.prefix + "a"])
        self.add_group("b")
        self.assertEqual(self.names(self.call()), first, "second identical call was not served from the cache")
        # Both action forms name the same operation: one cache entry.
        self.assertEqual(self.names(self.server.aws_call("logs", "DescribeLogGroups",
                                                         {"logGroupNamePrefix": self.prefix})), first)
        fresh = self.names(self.call(refresh=True))
        self.assertEqual(fresh, [self.prefix + "a", self.prefix + "b"])
        # The refreshed answer replaces the cached one.
        self.assertEqual(self.names(self.call()), fresh)

    def test_different_params_are_different_entries(self):
        self.add_group("x")
        self.assertEqual(self.names(self.call()), [self.prefix + "x"])
        self.add_group("y")
        other = self.names(self.server.aws_call("logs", "describe-log-groups",
                                                {"logGroupNamePrefix": self.prefix + "x"}))
        self.assertEqual(other, [self.prefix + "x"])

    def test_errors_are_not_cached(self):
        params = {"logGroupName": self.prefix + "later"}
        self.assertToolError(self.server.aws_call("logs", "describe-log-streams", params),
                             "ResourceNotFoundException")
        self.add_group("later")
        got = self.assertToolOk(self.server.aws_call("logs", "describe-log-streams", params))
        self.assertEqual(got["logStreams"], [])


class UncachedTest(CacheTestMixin, IntegrationTestCase):
    server_args = ["--cache-ttl", "0"]

    def test_every_call_is_new(self):
        self.add_group("a")
        self.assertEqual(self.names(self.call()), [self.prefix + "a"])
        self.add_group("b")
        self.assertEqual(self.names(self.call()), [self.prefix + "a", self.prefix + "b"])
        self.add_group("c")
        self.assertEqual(len(self.names(self.call())), 3)


if __name__ == "__main__":
    unittest.main()
