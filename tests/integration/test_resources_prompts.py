"""MCP resources and prompts: the project's mapped AWS resources as aws://
URIs (list, templates, read) and the workflow prompts, on the emulator seeded
with the sample infrastructure. Reads are compared with what boto3 describes;
URIs are built here with Python's own percent-encoding."""
import json
import os
import secrets
import tempfile
import unittest
from urllib.parse import quote

import sample_infra as infra
from harness import IntegrationTestCase, setUpModule, tearDownModule, to_api_json, without  # noqa: F401

SECRET_VALUE = "resources-test-" + secrets.token_hex(8)
MAPPING = {"ecs": [{"cluster": infra.CLUSTER, "services": [infra.SERVICE]}], "ecr": infra.REPOS[:2],
           "secrets": [infra.SECRET], "logGroups": [infra.LOG_GROUP], "rds": [infra.DB],
           "elasticache": [infra.CACHE], "loadBalancers": ["codeguardians-alb"], "alarms": ["gateway-cpu-high"]}


def uri(kind, *names):
    return "aws://" + kind + "".join("/" + quote(n, safe="") for n in names)


def config_file():
    d = tempfile.mkdtemp(prefix="aws-mcp-resources-")
    path = os.path.join(d, "config.json")
    with open(path, "w") as f:
        json.dump({"project": {"aws": {"services": MAPPING}}}, f)
    return path


class ResourcesTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0", "--config", config_file()]

    @classmethod
    def seed(cls):
        cls.moto.reset()
        infra.seed_all(cls.moto, SECRET_VALUE)

    def read(self, u):
        result = self.server.request("resources/read", {"uri": u})
        self.assertEqual(len(result["contents"]), 1)
        body = result["contents"][0]
        self.assertEqual((body["uri"], body["mimeType"]), (u, "application/json"))
        self.assertNotIn(SECRET_VALUE, body["text"])
        return json.loads(body["text"])

    def test_capabilities_declare_resources_and_prompts(self):
        caps = self.server.initialize_result["capabilities"]
        self.assertIn("resources", caps)
        self.assertIn("prompts", caps)

    def test_list_gives_every_mapped_resource(self):
        listed = self.server.request("resources/list")["resources"]
        expected = {uri("ecs", infra.CLUSTER, infra.SERVICE), uri("secrets", infra.SECRET),
                    uri("logs", infra.LOG_GROUP), uri("rds", infra.DB), uri("elasticache", infra.CACHE),
                    uri("elbv2", "codeguardians-alb"), uri("alarms", "gateway-cpu-high")}
        expected |= {uri("ecr", r) for r in infra.REPOS[:2]}
        self.assertEqual({r["uri"] for r in listed}, expected)
        self.assertEqual(len({r["name"] for r in listed}), len(listed))
        self.assertTrue(all(r["mimeType"] == "application/json" for r in listed))

    def test_templates_cover_every_kind(self):
        templates = self.server.request("resources/templates/list")["resourceTemplates"]
        kinds = {t["uriTemplate"].split("/")[2] for t in templates}
        self.assertEqual(kinds, {"ecs", "ecr", "secrets", "logs", "rds", "elasticache", "elbv2", "alarms"})
        self.assertIn("aws://ecs/{cluster}/{service}", [t["uriTemplate"] for t in templates])

    def test_every_listed_resource_reads_as_boto3_describes_it(self):
        m = self.moto
        oracle = {
            uri("ecs", infra.CLUSTER, infra.SERVICE): lambda: m.client("ecs").describe_services(
                cluster=infra.CLUSTER, services=[infra.SERVICE])["services"][0],
            uri("secrets", infra.SECRET): lambda: m.client("secretsmanager").describe_secret(SecretId=infra.SECRET),
            uri("logs", infra.LOG_GROUP): lambda: m.client("logs").describe_log_groups(
                logGroupNamePrefix=infra.LOG_GROUP)["logGroups"][0],
            uri("rds", infra.DB): lambda: m.client("rds").describe_db_instances(
                DBInstanceIdentifier=infra.DB)["DBInstances"][0],
            uri("elasticache", infra.CACHE): lambda: m.client("elasticache").describe_cache_clusters(
                CacheClusterId=infra.CACHE, ShowCacheNodeInfo=True)["CacheClusters"][0],
            uri("elbv2", "codeguardians-alb"): lambda: m.client("elbv2").describe_load_balancers(
                Names=["codeguardians-alb"])["LoadBalancers"][0],
            uri("alarms", "gateway-cpu-high"): lambda: m.client("cloudwatch").describe_alarms(
                AlarmNames=["gateway-cpu-high"])["MetricAlarms"][0],
        }
        for r in infra.REPOS[:2]:
            oracle[uri("ecr", r)] = (lambda r=r: m.client("ecr").describe_repositories(
                repositoryNames=[r])["repositories"][0])
        for u, want in oracle.items():
            with self.subTest(uri=u):
                expected = to_api_json(want())
                expected.pop("ResponseMetadata", None)
                got = self.read(u)
                if "events" in expected:  # the read keeps the 10 newest service events
                    expected["events"] = expected["events"][:10]
                volatile = ["LatestRestorableTime"]  # moto moves it on every describe
                self.assertEqual(without(got, volatile), without(expected, volatile))

    def test_template_reads_an_unmapped_resource(self):
        self.moto.client("rds").create_db_instance(
            DBInstanceIdentifier="unmapped-db", Engine="mysql", DBInstanceClass="db.t3.micro",
            MasterUsername="app", MasterUserPassword="not-a-real-password", AllocatedStorage=20)
        got = self.read(uri("rds", "unmapped-db"))
        self.assertEqual((got["DBInstanceIdentifier"], got["Engine"]), ("unmapped-db", "mysql"))

    def test_missing_resources_are_not_found(self):
        for u in [uri("rds", "no-such-db"), uri("ecs", infra.CLUSTER, "no-such-service"),
                  uri("ecs", "no-such-cluster", "svc"), uri("ecr", "no-such-repo"), uri("secrets", "no/such"),
                  uri("logs", "/no/such/group"), uri("elasticache", "no-such-cache"),
                  uri("elbv2", "no-such-alb"), uri("alarms", "no-such-alarm"),
                  "aws://bogus/x", "aws://rds", "aws://rds/a/b", "https://example.com/", "aws://ecs//svc"]:
            with self.subTest(uri=u):
                resp = self.server.rpc("resources/read", {"uri": u})
                self.assertIn("error", resp, resp)
                self.assertEqual(resp["error"]["code"], -32002)
                self.assertEqual(resp["error"]["data"], {"uri": u})

    def test_bad_read_params(self):
        for params in [{}, {"uri": 7}, {"uri": "aws://rds/" + "x" * 5000}]:
            resp = self.server.rpc("resources/read", params)
            self.assertEqual(resp["error"]["code"], -32602)


class PromptsTest(IntegrationTestCase):
    server_args = ["--cache-ttl", "0", "--config", config_file()]

    @classmethod
    def seed(cls):
        cls.moto.reset()
        infra.seed_ecs(cls.moto)
        infra.seed_logs(cls.moto)

    def test_list(self):
        prompts = {p["name"]: p for p in self.server.request("prompts/list")["prompts"]}
        self.assertEqual(set(prompts), {"health_report", "deployment_check", "log_triage"})
        for p in prompts.values():
            service = [a for a in p["arguments"] if a["name"] == "service"]
            self.assertEqual(len(service), 1)
            self.assertTrue(service[0]["required"])

    def tool_arguments(self, text, tool):
        """The JSON object the prompt tells the assistant to pass to `tool`."""
        start = text.index("{", text.index(tool))
        args, _ = json.JSONDecoder().raw_decode(text[start:])
        return args

    def test_health_report_leads_to_a_working_tool_call(self):
        got = self.server.request("prompts/get", {"name": "health_report", "arguments": {"service": infra.SERVICE}})
        self.assertEqual(got["messages"][0]["role"], "user")
        text = got["messages"][0]["content"]["text"]
        args = self.tool_arguments(text, "aws_service_health")
        self.assertEqual(args, {"service": infra.SERVICE, "cluster": infra.CLUSTER})  # cluster from the mapping
        report = self.assertToolOk(self.server.call_tool("aws_service_health", args))
        self.assertEqual(report["service"], infra.SERVICE)

    def test_deployment_check_uses_the_given_cluster(self):
        got = self.server.request("prompts/get", {"name": "deployment_check",
                                                  "arguments": {"service": "other", "cluster": "c2"}})
        args = self.tool_arguments(got["messages"][0]["content"]["text"], "aws_service_health")
        self.assertEqual(args, {"service": "other", "cluster": "c2"})

    def test_log_triage_leads_to_the_mapped_log_group(self):
        got = self.server.request("prompts/get", {"name": "log_triage",
                                                  "arguments": {"service": infra.SERVICE, "since": "30m"}})
        args = self.tool_arguments(got["messages"][0]["content"]["text"], "aws_logs")
        self.assertEqual((args["log_group"], args["since"]), (infra.LOG_GROUP, "30m"))
        logs = self.assertToolOk(self.server.call_tool("aws_logs", args))
        oracle = self.moto.client("logs").filter_log_events(logGroupName=infra.LOG_GROUP,
                                                            filterPattern=args["filter"])["events"]
        self.assertEqual(len(logs["events"]), len(oracle))
        self.assertGreater(len(oracle), 0)

    def test_completion_offers_the_mapped_names(self):
        def complete(ref, name, value):
            return self.server.request("completion/complete", {"ref": ref, "argument": {"name": name, "value": value}})
        got = complete({"type": "ref/prompt", "name": "health_report"}, "service", infra.SERVICE[:6])
        self.assertEqual(got["completion"]["values"], [infra.SERVICE])
        got = complete({"type": "ref/resource", "uri": "aws://logs/{logGroup}"}, "logGroup", "/ecs")
        self.assertEqual(got["completion"]["values"], [infra.LOG_GROUP])
        self.assertEqual(complete({"type": "ref/prompt", "name": "health_report"}, "service", "zzz")
                         ["completion"]["values"], [])
        self.assertIn("completions", self.server.initialize_result["capabilities"])
        for params in [{}, {"ref": {"type": "ref/other"}, "argument": {"name": "a", "value": ""}},
                       {"ref": {"type": "ref/prompt", "name": "x"}, "argument": {"name": "a"}}]:
            self.assertEqual(self.server.rpc("completion/complete", params)["error"]["code"], -32602)

    def test_bad_gets(self):
        for params in [{"name": "health_report"}, {"name": "health_report", "arguments": {"service": ""}},
                       {"name": "health_report", "arguments": {"service": 3}}, {"name": "no_such_prompt"},
                       {"arguments": {}}]:
            with self.subTest(params=params):
                self.assertEqual(self.server.rpc("prompts/get", params)["error"]["code"], -32602)


class NoMappingTest(IntegrationTestCase):
    def test_lists_are_empty_but_templates_read(self):
        self.assertEqual(self.server.request("resources/list")["resources"], [])
        self.assertEqual(len(self.server.request("resources/templates/list")["resourceTemplates"]), 8)
        resp = self.server.rpc("resources/read", {"uri": "aws://rds/nothing-here"})
        self.assertEqual(resp["error"]["code"], -32002)


if __name__ == "__main__":
    unittest.main()
