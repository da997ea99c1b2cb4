"""aws_describe against botocore's reading of the same service models: the
service list, a service's allowed actions, and an action's input members
(names, types, required flags, enum values)."""
import unittest

import botocore.session

from harness import IntegrationTestCase, setUpModule, tearDownModule  # noqa: F401

SEED_SERVICES = ["ecs", "ecr", "secretsmanager", "logs", "sts"]
TYPE_NAMES = {}  # the server uses the model's own type names


def type_name(shape):
    return TYPE_NAMES.get(shape.type_name, shape.type_name)


class DescribeTest(IntegrationTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.botocore = botocore.session.get_session()

    def describe(self, **args):
        return self.assertToolOk(self.server.call_tool("aws_describe", args))

    def test_services_are_botocores_a_page_at_a_time(self):
        first = self.describe()
        self.assertEqual(first["page"], 1)
        self.assertLessEqual(len(first["services"]), 100)
        services = list(first["services"])
        for page in range(2, first["pages"] + 1):
            services += self.describe(page=page)["services"]
        self.assertEqual(services, sorted(self.botocore.get_available_services()))
        self.assertEqual(first["total"], len(services))
        self.assertToolError(self.server.call_tool("aws_describe", {"page": first["pages"] + 1}), "ValidationError")

    def test_search_finds_actions_across_services(self):
        for words, service, action in (("list lambda functions", "lambda", "ListFunctions"),
                                       ("dynamodb scan table", "dynamodb", "Scan"),
                                       ("s3 list buckets", "s3", "ListBuckets"),
                                       ("step functions executions", "stepfunctions", "ListExecutions")):
            with self.subTest(words=words):
                found = self.describe(search=words)
                pairs = [(m["service"], m["action"]) for m in found["matches"]]
                self.assertIn((service, action), pairs[:5], pairs)
                for m in found["matches"]:
                    model = self.botocore.get_service_model(m["service"])
                    self.assertIn(m["action"], model.operation_names)
        billed = self.describe(search="cost explorer cost and usage")
        ce = [m for m in billed["matches"] if m["service"] == "ce" and m["action"] == "GetCostAndUsage"]
        self.assertTrue(ce and "billing" in ce[0], billed)
        self.assertEqual(self.describe(search="zzqxjv")["matches"], [])

    def test_unknown_service_names_the_closest(self):
        error = self.assertToolError(self.server.call_tool("aws_call", {"service": "lamda", "action": "ListFunctions"}),
                                     "UnknownService")
        self.assertIn("lambda", error["message"])
        self.assertIn("search", error["message"])

    def test_actions_are_the_models_reads(self):
        for service in SEED_SERVICES:
            with self.subTest(service=service):
                model = self.botocore.get_service_model(service)
                actions = self.describe(service=service)["actions"]
                self.assertTrue(set(actions) <= set(model.operation_names), set(actions) - set(model.operation_names))
                for op in model.operation_names:
                    if op.startswith(("Describe", "List")):
                        self.assertIn(op, actions)
                for refused in ("UpdateService", "DeleteCluster", "CreateRepository", "PutLogEvents",
                                "PutSecretValue", "GetSecretValue", "GetAuthorizationToken", "AssumeRole"):
                    self.assertNotIn(refused, actions)

    def test_members_match_the_model(self):
        for service, action, cli in (("ecs", "ListTasks", "list-tasks"), ("ecs", "DescribeServices", None),
                                     ("logs", "FilterLogEvents", "filter-log-events"),
                                     ("secretsmanager", "ListSecrets", None), ("ecr", "DescribeImages", None)):
            with self.subTest(action=action):
                got = self.describe(service=service, action=cli or action)
                self.assertEqual(got["action"], action)
                shape = self.botocore.get_service_model(service).operation_model(action).input_shape
                members = {m["name"]: m for m in got["input"]}
                self.assertEqual(set(members), set(shape.members))
                for name, member_shape in shape.members.items():
                    m = members[name]
                    self.assertEqual(bool(m.get("required")), name in shape.required_members, name)
                    values = getattr(member_shape, "enum", None)
                    if member_shape.type_name == "list":  # a list of enum values
                        values = getattr(member_shape.member, "enum", None)
                    self.assertEqual(m.get("enum"), values or None, name)
                    # The type's spelling beyond its kind is the server's ("list<string>").
                    self.assertEqual(m["type"].split("<")[0], type_name(member_shape), name)
                    if member_shape.type_name == "list" and "<" in m["type"]:
                        self.assertEqual(m["type"], "list<%s>" % type_name(member_shape.member), name)

    def test_unknown_names(self):
        self.assertToolError(self.server.call_tool("aws_describe", {"service": "ecz"}))
        self.assertToolError(self.server.call_tool("aws_describe", {"service": "ecs", "action": "describe-servis"}))


if __name__ == "__main__":
    unittest.main()


class ModelsDirTest(IntegrationTestCase):
    """--models-dir: an installed botocore's data folder (its layout: versions,
    gzip) and a folder with an extra service are read over the embedded models."""

    @classmethod
    def setUpClass(cls):
        import gzip
        import json
        import os
        import tempfile
        cls.tmp = tempfile.TemporaryDirectory()
        botocore_data = os.path.join(os.path.dirname(botocore.__file__), "data")
        # botocore's own layout for sts, and a copy of its model under a new name.
        for name in ("sts", "sts-extra"):
            folder = os.path.join(cls.tmp.name, name, "2011-06-15")
            os.makedirs(folder)
            with open(os.path.join(botocore_data, "sts", "2011-06-15", "service-2.json.gz"), "rb") as f:
                model = json.loads(gzip.decompress(f.read()))
            with gzip.open(os.path.join(folder, "service-2.json.gz"), "wt") as f:
                json.dump(model, f)
        cls.server_args = ["--models-dir", cls.tmp.name]
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.tmp.cleanup()

    def test_extra_service_is_served(self):
        described = self.assertToolOk(self.server.call_tool("aws_describe", {"service": "sts-extra"}))
        self.assertIn("GetCallerIdentity", described["actions"])

    def test_overlaid_service_answers(self):
        answer = self.assertToolOk(self.server.call_tool("aws_call", {"service": "sts", "action": "GetCallerIdentity"}))
        self.assertIn("Account", answer.get("result", answer))

    def test_a_folder_without_models_stops_the_server(self):
        import subprocess
        import tempfile
        from harness import server_binary
        with tempfile.TemporaryDirectory() as empty:
            run = subprocess.run([server_binary(), "--models-dir", empty], stdin=subprocess.DEVNULL,
                                 capture_output=True, text=True, timeout=10)
        self.assertEqual(run.returncode, 2)
        self.assertIn("holds no service model", run.stderr)
