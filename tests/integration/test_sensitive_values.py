"""Secret material inside ordinary read answers: an ECS container's
environment value, an EC2 launch template's UserData, an instance's userData
attribute. Without --allow-secret-reads the value (and its base64) appears
nowhere in the JSON-RPC response, while the variable's name and the list's
length stay; with --allow-secret-reads the answer equals boto3's."""
import base64
import json
import re

from harness import IntegrationTestCase, setUpModule, tearDownModule, to_api_json  # noqa: F401

SECRET = "s3cr3t-DB-PASSWORD-value"
USERDATA_SECRET = "s3cr3t-userdata"
SCRIPT = "#!/bin/sh\nexport TOKEN=%s\necho started\n" % USERDATA_SECRET
FAMILY = "sensitive-gateway"
REGIONS = ["us-east-1", "us-west-2"]
ENVIRONMENT = [{"name": "DB_PASSWORD", "value": SECRET}, {"name": "LOG_LEVEL", "value": "info"}]

_seeded = {}


def seed(moto):
    """Once per module: the task definition in both regions, the launch
    template and an instance with that user data in us-east-1."""
    if _seeded:
        return _seeded
    for region in REGIONS:
        moto.client("ecs", region).register_task_definition(
            family=FAMILY, containerDefinitions=[{"name": "gateway", "image": "public.ecr.aws/nginx/nginx:latest",
                                                  "memory": 256, "environment": ENVIRONMENT}])
    ec2 = moto.client("ec2")
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    lt = ec2.create_launch_template(LaunchTemplateName="sensitive-template", LaunchTemplateData={
        "ImageId": image, "UserData": base64.b64encode(SCRIPT.encode()).decode()})
    instance = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, UserData=SCRIPT)["Instances"][0]
    _seeded.update(template=lt["LaunchTemplate"]["LaunchTemplateId"], instance=instance["InstanceId"])
    return _seeded


def needles(secret):
    """The secret as it could show up: itself and base64 at each alignment
    (the stable middle part of base64(prefix + secret) for 0-2 prefix bytes)."""
    out = [secret]
    for pad in range(3):
        enc = base64.b64encode(b"\0" * pad + secret.encode()).decode()
        start = (pad * 8 + 5) // 6 + 1  # skip characters mixed with the prefix
        out.append(enc[start:len(enc) - 4])
    return [n for n in out if len(n) >= 8]


def decoded_strings(value):
    """Every JSON string in `value`, and for the base64-looking ones their decoding too."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from decoded_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from decoded_strings(v)
    elif isinstance(value, str):
        yield value
        if len(value) >= 8 and re.fullmatch(r"[A-Za-z0-9+/=\s]+", value):
            try:
                yield base64.b64decode(value + "=" * (-len(value) % 4)).decode("utf-8", "replace")
            except ValueError:
                pass
        try:
            inner = json.loads(value)  # content[0].text is JSON text
        except ValueError:
            inner = None
        if isinstance(inner, (dict, list)):
            yield from decoded_strings(inner)


class RedactedByDefaultTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0"]

    @classmethod
    def seed(cls):
        cls.ids = seed(cls.moto)

    def call(self, service, action, params, **options):
        """The whole JSON-RPC response of an aws_call, as text and parsed."""
        args = {"service": service, "action": action, "params": params}
        args.update(options)
        msg = self.server.rpc("tools/call", {"name": "aws_call", "arguments": args})
        return json.dumps(msg), msg

    def assertNoSecret(self, text, msg, secret):
        for n in needles(secret):
            self.assertNotIn(n, text, "the secret (or its base64) is in the answer: %s" % text[:3000])
        for s in decoded_strings(msg):
            self.assertNotIn(secret, s, "the secret is in the answer, base64-encoded: %s" % text[:3000])
        for note in self.server.notifications:
            self.assertNotIn(secret, json.dumps(note))

    def check_container(self, task_definition):
        env = task_definition["containerDefinitions"][0]["environment"]
        self.assertEqual(len(env), len(ENVIRONMENT), env)
        self.assertEqual(sorted(e["name"] for e in env), sorted(e["name"] for e in ENVIRONMENT))

    def test_task_definition_environment(self):
        text, msg = self.call("ecs", "DescribeTaskDefinition", {"taskDefinition": FAMILY})
        self.assertNoSecret(text, msg, SECRET)
        self.assertIn("DB_PASSWORD", text)
        got = self.assertToolOk(msg["result"])
        self.check_container(got["taskDefinition"])

    def test_task_definition_environment_in_two_regions(self):
        text, msg = self.call("ecs", "DescribeTaskDefinition", {"taskDefinition": FAMILY}, regions=REGIONS)
        self.assertNoSecret(text, msg, SECRET)
        got = self.assertToolOk(msg["result"])
        self.assertEqual(sorted(got["regions"]), REGIONS, got)
        for region in REGIONS:
            self.check_container(got["regions"][region]["taskDefinition"])

    def test_launch_template_user_data(self):
        text, msg = self.call("ec2", "DescribeLaunchTemplateVersions", {"LaunchTemplateId": self.ids["template"]})
        self.assertNoSecret(text, msg, USERDATA_SECRET)
        self.assertNotIn(base64.b64encode(SCRIPT.encode()).decode(), text)

    def test_instance_user_data_attribute(self):
        text, msg = self.call("ec2", "DescribeInstanceAttribute",
                              {"InstanceId": self.ids["instance"], "Attribute": "userData"})
        self.assertNoSecret(text, msg, USERDATA_SECRET)
        self.assertNotIn(base64.b64encode(SCRIPT.encode()).decode(), text)


class AllowSecretReadsTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0", "--allow-secret-reads"]

    @classmethod
    def seed(cls):
        cls.ids = seed(cls.moto)

    def test_task_definition_environment(self):
        ecs = self.moto.client("ecs")
        params = {"taskDefinition": FAMILY}
        got = self.assertCallMatches(ecs.describe_task_definition(**params), "ecs", "DescribeTaskDefinition", params)
        env = {e["name"]: e["value"] for e in got["taskDefinition"]["containerDefinitions"][0]["environment"]}
        self.assertEqual(env["DB_PASSWORD"], SECRET)

    def test_task_definition_environment_in_two_regions(self):
        params = {"taskDefinition": FAMILY}
        got = self.assertToolOk(self.server.aws_call("ecs", "DescribeTaskDefinition", params, regions=REGIONS))
        for region in REGIONS:
            oracle = to_api_json(self.moto.client("ecs", region).describe_task_definition(**params))
            self.assertEqual(got["regions"][region], oracle)

    def test_launch_template_user_data(self):
        ec2 = self.moto.client("ec2")
        params = {"LaunchTemplateId": self.ids["template"]}
        got = self.assertCallMatches(ec2.describe_launch_template_versions(**params), "ec2",
                                     "DescribeLaunchTemplateVersions", params)
        data = got["LaunchTemplateVersions"][0]["LaunchTemplateData"]["UserData"]
        self.assertEqual(base64.b64decode(data).decode(), SCRIPT)

    def test_instance_user_data_attribute(self):
        ec2 = self.moto.client("ec2")
        params = {"InstanceId": self.ids["instance"], "Attribute": "userData"}
        got = self.assertCallMatches(ec2.describe_instance_attribute(**params), "ec2", "DescribeInstanceAttribute",
                                     params)
        self.assertEqual(base64.b64decode(got["UserData"]["Value"]).decode(), SCRIPT)


if __name__ == "__main__":
    import unittest
    unittest.main()
