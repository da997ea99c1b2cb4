"""aws_logs: search over a time range with a filter, compared with boto3's
filter_log_events on the same window; limits; bad input; Logs Insights
queries polled to completion."""
import time
import unittest

from harness import IntegrationTestCase, setUpModule, tearDownModule  # noqa: F401

GROUP = "/ecs/logs-tool"


class LogsToolTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0"]

    @classmethod
    def seed(cls):
        logs = cls.moto.client("logs")
        logs.create_log_group(logGroupName=GROUP)
        logs.create_log_stream(logGroupName=GROUP, logStreamName="s1")
        now = int(time.time() * 1000)
        old = [{"timestamp": now - 3 * 3600 * 1000 + i, "message": "ERROR old failure %d" % i} for i in range(3)]
        recent = [{"timestamp": now - 5 * 60 * 1000 + i * 1000,
                   "message": ("ERROR recent %d" % i) if i % 2 else ("INFO fine %d" % i)} for i in range(12)]
        logs.put_log_events(logGroupName=GROUP, logStreamName="s1", logEvents=old + recent)
        cls.now = now

    def oracle(self, start_ms, pattern):
        events = self.moto.client("logs").filter_log_events(logGroupName=GROUP, startTime=start_ms,
                                                            endTime=int(time.time() * 1000) + 1000,
                                                            filterPattern=pattern)["events"]
        return [e["message"] for e in events]

    def search(self, **args):
        return self.assertToolOk(self.server.call_tool("aws_logs", dict(log_group=GROUP, **args)))

    def test_recent_errors_match_boto3(self):
        got = self.search(filter="ERROR", since="1h")
        expected = self.oracle(self.now - 3600 * 1000, "ERROR")
        self.assertEqual([e["message"] for e in got["events"]], expected)
        self.assertEqual(got["count"], 6)
        self.assertFalse(got["more"])

    def test_grouped_by_message_pattern(self):
        got = self.search(filter="ERROR", since="1d", group=True)
        expected = self.oracle(self.now - 86400 * 1000, "ERROR")
        self.assertNotIn("events", got)
        self.assertEqual(got["count"], len(expected))
        # "ERROR old failure 0..2" and "ERROR recent 1,3,..." are two causes.
        by_sig = {g["signature"]: g for g in got["groups"]}
        self.assertEqual(set(by_sig), {"ERROR old failure #", "ERROR recent #"})
        self.assertEqual(by_sig["ERROR recent #"]["count"], sum(m.startswith("ERROR recent") for m in expected))
        self.assertEqual(by_sig["ERROR old failure #"]["count"], sum(m.startswith("ERROR old") for m in expected))
        self.assertEqual(got["groups"][0]["signature"], "ERROR recent #")  # the most frequent first
        self.assertIn(by_sig["ERROR recent #"]["example"], expected)
        self.assertLessEqual(by_sig["ERROR recent #"]["first"], by_sig["ERROR recent #"]["last"])

    def test_wider_window_and_limit(self):
        got = self.search(filter="ERROR", since="1d", limit=4)
        self.assertEqual(got["count"], 4)
        self.assertTrue(got["more"])
        self.assertEqual([e["message"] for e in got["events"]], self.oracle(self.now - 86400 * 1000, "ERROR")[:4])

    def test_bad_input(self):
        for args in ({"since": "yesterday"}, {"filter": "x", "query": "fields @message"}, {"limit": 0},
                     {"since": "1h", "until": "2h"}):
            self.assertToolError(self.server.call_tool("aws_logs", dict(log_group=GROUP, **args)), "ValidationError")
        # No group given or mapped: the account's only one is taken, and said (test_discovery has more).
        self.assertIn(GROUP, self.assertToolOk(self.server.call_tool("aws_logs", {}))["picked"])
        self.assertToolError(self.server.call_tool("aws_logs", {"log_group": "/nope", "since": "1h"}),
                             "ResourceNotFoundException")

    def test_insights_query_runs_to_completion(self):
        got = self.assertToolOk(self.server.call_tool("aws_logs", {
            "log_group": GROUP, "since": "1h", "query": "fields @timestamp, @message | limit 5"}))
        self.assertEqual(got["status"], "Complete")
        self.assertIsInstance(got["rows"], list)


if __name__ == "__main__":
    unittest.main()
