"""Secrets Manager metadata through aws_call compared with boto3: the seed's
secret with its description and tags, and pagination over 25 secrets. Values
are never read here (test_policy covers GetSecretValue)."""
import unittest

import sample_infra as infra
from harness import IntegrationTestCase, oracle_paginate, setUpModule, tearDownModule  # noqa: F401

SECRET_VALUE = '{"DATABASE_PASSWORD": "pw-7c1e-never-shown", "API_KEY": "ak-93f0-never-shown"}'
EXTRA = 25


class SecretsMetadataTest(IntegrationTestCase):
    @classmethod
    def seed(cls):
        sm = cls.moto.client("secretsmanager")
        sm.create_secret(Name=infra.SECRET, Description="Gateway production settings (DB, API keys)",
                         SecretString=SECRET_VALUE,
                         Tags=[{"Key": "project", "Value": "codeguardians"}, {"Key": "env", "Value": "production"}])
        for i in range(EXTRA):
            sm.create_secret(Name="codeguardians-guard-%02d/staging" % i, SecretString="v-%d" % i,
                             Tags=[{"Key": "env", "Value": "staging"}])

    def setUp(self):
        self.sm = self.moto.client("secretsmanager")

    def test_describe_secret(self):
        params = {"SecretId": infra.SECRET}
        got = self.assertCallMatches(self.sm.describe_secret(**params), "secretsmanager", "describe-secret", params)
        self.assertEqual(got["Name"], infra.SECRET)
        self.assertIn({"Key": "env", "Value": "production"}, got["Tags"])
        self.assertCallMatches(self.sm.describe_secret(**params), "secretsmanager", "DescribeSecret", params)

    def test_list_secrets_one_page(self):
        params = {"Filters": [{"Key": "name", "Values": ["codeguardians-gateway"]}]}
        got = self.assertCallMatches(self.sm.list_secrets(**params), "secretsmanager", "ListSecrets", params)
        self.assertEqual([s["Name"] for s in got["SecretList"]], [infra.SECRET])
        # Without max_items: one page, with the API's own NextToken.
        params = {"MaxResults": 10}
        page = self.sm.list_secrets(**params)
        self.assertIn("NextToken", page)
        self.assertCallMatches(page, "secretsmanager", "list-secrets", params)

    def test_pagination(self):
        params = {"MaxResults": 7}
        full, _ = oracle_paginate(self.sm, "list_secrets", params)
        self.assertEqual(len(full["SecretList"]), EXTRA + 1)

        first = self.assertToolOk(self.server.aws_call("secretsmanager", "list-secrets", params, max_items=12))
        expected, truncated = oracle_paginate(self.sm, "list_secrets", params, max_items=12)
        self.assertTrue(truncated)
        self.assertIsInstance(first.get("NextToken"), str)
        token = first.pop("NextToken")
        self.assertEqual(first, expected)

        rest = self.assertToolOk(self.server.aws_call("secretsmanager", "list-secrets", params, max_items=100,
                                                      starting_token=token))
        self.assertNotIn("NextToken", rest)
        self.assertEqual(first["SecretList"] + rest["SecretList"], full["SecretList"])

        everything = self.assertToolOk(self.server.aws_call("secretsmanager", "ListSecrets", params, max_items=100))
        self.assertEqual(everything, full)

    def test_value_never_in_metadata(self):
        for action, params in (("describe-secret", {"SecretId": infra.SECRET}), ("list-secrets", {})):
            result = self.server.aws_call("secretsmanager", action, params)
            self.assertToolOk(result)
            text = str(result)
            for fragment in ("pw-7c1e-never-shown", "ak-93f0-never-shown"):
                self.assertNotIn(fragment, text)
        for fragment in ("pw-7c1e-never-shown", "ak-93f0-never-shown"):
            self.assertNotIn(fragment, self.server.stderr())


if __name__ == "__main__":
    unittest.main()
