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

    def test_services(self):
        services = self.describe()["services"]
        for s in SEED_SERVICES:
            self.assertIn(s, services)
        self.assertEqual(services, sorted(services))

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
