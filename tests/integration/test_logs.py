"""CloudWatch Logs reads through aws_call compared with boto3: the seed's
gateway log group with several streams and ERROR lines, event searches, and
pagination over 30 log groups."""
import time
import unittest

import sample_infra as infra
from harness import IntegrationTestCase, oracle_paginate, setUpModule, tearDownModule  # noqa: F401

STREAMS = ["gateway/app/0a1b", "gateway/app/2c3d", "gateway/app/4e5f"]
EXTRA_GROUPS = 30


class LogsReadsTest(IntegrationTestCase):
    @classmethod
    def seed(cls):
        logs = cls.moto.client("logs")
        logs.create_log_group(logGroupName=infra.LOG_GROUP, tags={"project": "codeguardians"})
        logs.put_retention_policy(logGroupName=infra.LOG_GROUP, retentionInDays=14)
        cls.start = int(time.time() * 1000) - 600_000
        for s, stream in enumerate(STREAMS):
            logs.create_log_stream(logGroupName=infra.LOG_GROUP, logStreamName=stream)
            events = []
            for i in range(20):
                level = "ERROR" if i % 7 == 3 else "INFO"
                events.append({"timestamp": cls.start + s * 1000 + i * 10_000,
                               "message": "%s [%s] request %d: %s" % (
                                   level, stream, i, "upstream guard-pii timed out" if level == "ERROR" else "200 OK")})
            logs.put_log_events(logGroupName=infra.LOG_GROUP, logStreamName=stream, logEvents=events)
        for i in range(EXTRA_GROUPS):
            logs.create_log_group(logGroupName="/aws/lambda/codeguardians-fn-%02d" % i)

    def setUp(self):
        self.logs = self.moto.client("logs")

    def test_describe_log_groups_and_streams(self):
        params = {"logGroupNamePrefix": "/ecs/"}
        got = self.assertCallMatches(self.logs.describe_log_groups(**params), "logs", "describe-log-groups", params)
        self.assertEqual(got["logGroups"][0]["retentionInDays"], 14)
        params = {"logGroupName": infra.LOG_GROUP}
        got = self.assertCallMatches(self.logs.describe_log_streams(**params), "logs", "DescribeLogStreams", params)
        self.assertEqual(sorted(s["logStreamName"] for s in got["logStreams"]), STREAMS)
        params = {"logGroupName": infra.LOG_GROUP, "orderBy": "LastEventTime", "descending": True}
        self.assertCallMatches(self.logs.describe_log_streams(**params), "logs", "describe-log-streams", params)

    def test_filter_error_lines(self):
        params = {"logGroupName": infra.LOG_GROUP, "filterPattern": "ERROR"}
        got = self.assertCallMatches(self.logs.filter_log_events(**params), "logs", "filter-log-events", params)
        self.assertEqual(len(got["events"]), 3 * len(STREAMS))
        self.assertTrue(all(e["message"].startswith("ERROR") for e in got["events"]))
        params = {"logGroupName": infra.LOG_GROUP, "logStreamNames": STREAMS[:1], "startTime": self.start,
                  "endTime": self.start + 100_000}
        self.assertCallMatches(self.logs.filter_log_events(**params), "logs", "FilterLogEvents", params)

    def test_get_log_events(self):
        params = {"logGroupName": infra.LOG_GROUP, "logStreamName": STREAMS[1], "startFromHead": True}
        got = self.assertCallMatches(self.logs.get_log_events(**params), "logs", "get-log-events", params)
        self.assertEqual(len(got["events"]), 20)
        params = {"logGroupName": infra.LOG_GROUP, "logStreamName": STREAMS[0], "limit": 5}
        self.assertCallMatches(self.logs.get_log_events(**params), "logs", "GetLogEvents", params)

    def test_one_page_keeps_the_api_token(self):
        params = {"limit": 7}
        page = self.logs.describe_log_groups(**params)
        self.assertIn("nextToken", page)
        self.assertCallMatches(page, "logs", "describe-log-groups", params)

    def test_pagination_over_31_log_groups(self):
        params = {"limit": 7}  # page size: five pages
        full, _ = oracle_paginate(self.logs, "describe_log_groups", params)
        total = len(full["logGroups"])
        self.assertEqual(total, EXTRA_GROUPS + 1)

        for max_items in (7, 10):  # at a page boundary and inside a page
            with self.subTest(max_items=max_items):
                first = self.assertToolOk(self.server.aws_call("logs", "describe-log-groups", params,
                                                               max_items=max_items))
                expected, truncated = oracle_paginate(self.logs, "describe_log_groups", params, max_items=max_items)
                self.assertTrue(truncated)
                self.assertIsInstance(first.get("NextToken"), str)
                token = first.pop("NextToken")
                self.assertEqual(first, expected)
                self.assertEqual(len(first["logGroups"]), max_items)

                rest = self.assertToolOk(self.server.aws_call("logs", "describe-log-groups", params, max_items=100,
                                                              starting_token=token))
                self.assertNotIn("NextToken", rest)
                self.assertEqual(first["logGroups"] + rest["logGroups"], full["logGroups"])

        everything = self.assertToolOk(self.server.aws_call("logs", "DescribeLogGroups", params, max_items=1000))
        self.assertNotIn("NextToken", everything)
        self.assertEqual(everything, full)


if __name__ == "__main__":
    unittest.main()
