#!/usr/bin/env python3
"""Writes the seed corpora and dictionaries of the whole-server fuzz targets:
fuzz/corpus/mcp_server/, fuzz/corpus/http_server/, fuzz/mcp_server.dict and
fuzz/http_server.dict. The JWTs come from tests/data/jwt/vectors.json.
Run from anywhere: python3 fuzz/make_corpus.py"""
import base64
import json
import os
import shutil

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)

LEGACY, MODERN = "2025-11-25", "2026-07-28"
ALL_VERSIONS = ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"]
META_VERSION = "io.modelcontextprotocol/protocolVersion"
META_CAPS = "io.modelcontextprotocol/clientCapabilities"
META_LEVEL = "io.modelcontextprotocol/logLevel"
STATIC_TOKEN = "fuzz-token-0123456789abcdef"  # http_server_fuzz.cc's kStaticToken

METHODS = ["initialize", "ping", "tools/list", "tools/call", "resources/list", "resources/templates/list",
           "resources/read", "prompts/list", "prompts/get", "completion/complete", "logging/setLevel",
           "server/discover", "notifications/initialized", "notifications/cancelled"]
PARAMS = ["protocolVersion", "capabilities", "clientInfo", "name", "arguments", "cursor", "uri", "ref", "argument",
          "value", "level", "requestId", "_meta", "progressToken", META_VERSION, META_CAPS, META_LEVEL]
LEVELS = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"]

# Every tool's arguments with a valid value, as their inputSchemas give them.
TOOLS = {
    "aws_call": {"service": "ecs", "action": "DescribeServices",
                 "params": {"cluster": "prod", "services": ["gateway-service"]}, "region": "us-east-1",
                 "refresh": True, "max_items": 10, "starting_token": "page-2", "profile": "default",
                 "regions": ["us-east-1", "eu-west-1"]},
    "aws_describe": {"service": "ecs", "action": "DescribeServices"},
    "aws_service_health": {"cluster": "prod", "service": "gateway-service", "region": "us-east-1",
                           "profile": "default", "parts": ["deployments", "events", "stoppedTasks", "targets",
                                                           "metrics", "alarms", "logs"], "details": True},
    "aws_images": {"repositories": ["gateway"], "latest": 2, "region": "us-east-1", "profile": "default",
                   "regions": ["us-east-1"]},
    "aws_data_stores": {"databases": ["orders-db"], "caches": ["sessions"], "event_hours": 24,
                        "region": "us-east-1", "profile": "default", "regions": ["all"]},
    "aws_logs": {"log_group": "/ecs/gateway", "filter": "?ERROR ?Exception", "query": "fields @message",
                 "since": "2h", "until": "15m", "limit": 20, "group": True, "region": "us-east-1",
                 "profile": "default"},
    "aws_metrics": {"resource": "ecs:prod/gateway-service", "namespace": "AWS/ECS", "metric": "CPUUtilization",
                    "dimensions": {"ClusterName": "prod"}, "stat": "Average", "since": "1h",
                    "until": "2027-01-15T08:00:00Z", "period": 300, "datapoints": True, "region": "us-east-1",
                    "profile": "default", "regions": ["us-east-1", "ap-southeast-2"]},
}
# Argument sets that make sense together (the full lists above conflict on purpose).
VALID_CALLS = {
    "aws_call": [{"service": "ecs", "action": "DescribeServices", "params": {"cluster": "prod", "services": ["gateway-service"]}},
                 {"service": "ec2", "action": "describe-regions", "region": "eu-west-1", "refresh": True},
                 {"service": "logs", "action": "FilterLogEvents", "params": {"logGroupName": "/ecs/gateway"}, "max_items": 5},
                 {"service": "ecr", "action": "DescribeImages", "params": {"repositoryName": "gateway"}, "starting_token": "page-2"},
                 {"service": "rds", "action": "DescribeDBInstances", "regions": ["all"]},
                 {"service": "sts", "action": "GetCallerIdentity", "profile": "default"},
                 {"service": "secretsmanager", "action": "GetSecretValue", "params": {"SecretId": "db-password"}},
                 {"service": "ecs", "action": "UpdateService", "params": {"cluster": "prod", "service": "x"}},
                 {"service": "iam", "action": "ListRoles", "params": {}}],
    "aws_describe": [{}, {"service": "ecs"}, {"service": "rds", "action": "describe-db-instances"}],
    "aws_service_health": [{"service": "gateway-service"}, {"cluster": "prod", "service": "gateway-service", "details": True},
                           {"cluster": "prod", "service": "worker", "parts": ["logs", "alarms"]}, {}],
    "aws_images": [{}, {"repositories": ["gateway"], "latest": 1}, {"regions": ["us-east-1", "eu-west-1"]}],
    "aws_data_stores": [{}, {"databases": ["orders-db"], "event_hours": 2}, {"caches": ["sessions"], "regions": ["all"]}],
    "aws_logs": [{}, {"log_group": "/ecs/gateway", "filter": "ERROR", "since": "2h", "limit": 5},
                 {"query": "fields @timestamp, @message | limit 5", "since": "1d"},
                 {"group": True, "since": "2027-01-15T07:00:00Z", "until": "2027-01-15T08:00:00Z"}],
    "aws_metrics": [{}, {"resource": "rds:orders-db", "datapoints": True}, {"resource": "alb:gateway-alb", "stat": "p99"},
                    {"resource": "elasticache:sessions", "period": 120},
                    {"namespace": "AWS/ECS", "metric": "CPUUtilization", "dimensions": {"ClusterName": "prod"},
                     "regions": ["us-east-1", "eu-west-1"]}],
}
# A value of another JSON type than each schema type.
WRONG = {"string": 1, "integer": "10", "boolean": "yes", "array": "us-east-1", "object": ["a", 1]}
SCHEMA_TYPES = {
    "aws_call": {"service": "string", "action": "string", "params": "object", "region": "string", "refresh": "boolean",
                 "max_items": "integer", "starting_token": "string", "profile": "string", "regions": "array"},
    "aws_describe": {"service": "string", "action": "string"},
    "aws_service_health": {"cluster": "string", "service": "string", "region": "string", "profile": "string",
                           "parts": "array", "details": "boolean"},
    "aws_images": {"repositories": "array", "latest": "integer", "region": "string", "profile": "string", "regions": "array"},
    "aws_data_stores": {"databases": "array", "caches": "array", "event_hours": "integer", "region": "string",
                        "profile": "string", "regions": "array"},
    "aws_logs": {"log_group": "string", "filter": "string", "query": "string", "since": "string", "until": "string",
                 "limit": "integer", "group": "boolean", "region": "string", "profile": "string"},
    "aws_metrics": {"resource": "string", "namespace": "string", "metric": "string", "dimensions": "object",
                    "stat": "string", "since": "string", "until": "string", "period": "integer",
                    "datapoints": "boolean", "region": "string", "profile": "string", "regions": "array"},
}
PROMPTS = {"health_report": {"service": "gateway-service", "cluster": "prod"},
           "deployment_check": {"service": "gateway-service"},
           "log_triage": {"service": "worker", "since": "1h"}}
URIS = ["aws://ecs/prod/gateway-service", "aws://ecr/gateway", "aws://secrets/db-password", "aws://logs/%2Fecs%2Fgateway",
        "aws://rds/orders-db", "aws://elasticache/sessions", "aws://elbv2/gateway-alb", "aws://alarms/gateway-5xx",
        "aws://rds/notfound-db", "aws://nothing/x", "aws://ecs/prod"]
# Words the fake AWS answers with a failure (fake_app.h).
TRIGGERS = ["notfound", "denied", "throttle", "boom", "garbage", "unreachable"]
VALUES = ALL_VERSIONS + LEVELS + URIS + TRIGGERS + [
    "us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1", "us-notfound-1", "all",
    "prod", "staging", "gateway-service", "worker", "gateway", "orders-db", "sessions", "gateway-alb", "gateway-5xx",
    "/ecs/gateway", "db-password", "default", "other-profile", "ref/prompt", "ref/resource", "c0", "c1", "c50", "x",
    "15m", "2h", "1d", "2027-01-15T07:00:00Z", "ecs:prod/gateway-service", "rds:orders-db", "elasticache:sessions",
    "alb:gateway-alb", "AWS/ECS", "CPUUtilization", "Average", "p99", "deployments", "events", "stoppedTasks",
    "targets", "metrics", "alarms", "logs", "ecs", "ec2", "rds", "sts", "iam", "logs", "ecr", "cloudwatch", "elbv2",
    "elasticache", "secretsmanager", "DescribeServices", "describe-services", "DescribeRegions", "GetSecretValue",
    "FilterLogEvents", "page-2", "cluster", "services", "service", "repository", "logGroup", "dbInstance",
    "cacheCluster", "loadBalancer", "alarm", "since"]


def rpc(id_, method, params=None, **extra):
    m = {"jsonrpc": "2.0"}
    if id_ is not None:
        m["id"] = id_
    m["method"] = method
    if params is not None:
        m["params"] = params
    m.update(extra)
    return m


def meta(params=None, level=None, token=None):
    p = dict(params or {})
    p["_meta"] = {META_VERSION: MODERN, META_CAPS: {}}
    if level:
        p["_meta"][META_LEVEL] = level
    if token is not None:
        p["_meta"]["progressToken"] = token
    return p


def line(m):
    return m if isinstance(m, str) else json.dumps(m, separators=(",", ":"))


HANDSHAKE = [rpc(0, "initialize", {"protocolVersion": LEGACY, "capabilities": {}, "clientInfo": {"name": "fuzz", "version": "1"}}),
             rpc(None, "notifications/initialized")]


def method_requests(id_):
    """Each method's valid request(s), without era."""
    return {
        "initialize": [("initialize", {"protocolVersion": LEGACY, "capabilities": {"roots": {}}, "clientInfo": {"name": "fuzz", "version": "1"}})],
        "ping": [("ping", {})],
        "tools_list": [("tools/list", {}), ("tools/list", {"cursor": "c0"}), ("tools/list", {"cursor": "c99"})],
        "resources_list": [("resources/list", {}), ("resources/list", {"cursor": None})],
        "templates_list": [("resources/templates/list", {})],
        "resources_read": [("resources/read", {"uri": u}) for u in URIS],
        "prompts_list": [("prompts/list", {})],
        "prompts_get": [("prompts/get", {"name": n, "arguments": a}) for n, a in PROMPTS.items()] +
                       [("prompts/get", {"name": "health_report", "arguments": {}})],
        "complete": [("completion/complete", {"ref": {"type": "ref/prompt", "name": "health_report"},
                                              "argument": {"name": "service", "value": "g"}}),
                     ("completion/complete", {"ref": {"type": "ref/resource", "uri": "aws://ecs/{cluster}/{service}"},
                                              "argument": {"name": "cluster", "value": ""}}),
                     ("completion/complete", {"ref": {"type": "ref/resource", "uri": "aws://logs/{logGroup}"},
                                              "argument": {"name": "logGroup", "value": "/ecs/"}})],
        "set_level": [("logging/setLevel", {"level": lv}) for lv in ("debug", "error", "nonsense")],
        "discover": [("server/discover", {})],
    }


def mcp_corpus():
    files = {}
    for name, reqs in method_requests(0).items():
        if name not in ("discover",):
            lines = ([] if name == "initialize" else HANDSHAKE) + [rpc(i + 1, m, p) for i, (m, p) in enumerate(reqs)]
            files["legacy_" + name] = lines
        if name not in ("initialize", "set_level"):
            files["modern_" + name] = [rpc(i + 1, m, meta(p, level="debug" if i == 0 else None)) for i, (m, p) in enumerate(reqs)]
    # The legacy-only methods asked in the modern era, and the modern one without _meta.
    files["modern_legacy_methods"] = [rpc(1, "initialize", meta({"protocolVersion": LEGACY})), rpc(2, "ping", meta()),
                                      rpc(3, "logging/setLevel", meta({"level": "info"})),
                                      rpc(4, "tools/list", {"_meta": {META_VERSION: "2024-11-05", META_CAPS: {}}}),
                                      rpc(5, "tools/list", {"_meta": {META_VERSION: MODERN}}),
                                      rpc(6, "server/discover")]
    for tool, calls in VALID_CALLS.items():
        lines = HANDSHAKE + [rpc(i + 1, "tools/call", {"name": tool, "arguments": a, "_meta": {"progressToken": i}})
                             for i, a in enumerate(calls)]
        files["legacy_call_" + tool] = lines
        files["modern_call_" + tool] = [rpc("m%d" % i, "tools/call", meta({"name": tool, "arguments": a}, level="debug", token="t%d" % i))
                                        for i, a in enumerate(calls)]
        wrong = [rpc(i + 1, "tools/call", {"name": tool, "arguments": {arg: WRONG[t]}})
                 for i, (arg, t) in enumerate(SCHEMA_TYPES[tool].items())]
        wrong.append(rpc(100, "tools/call", {"name": tool, "arguments": {"no_such_argument": 1}}))
        files["wrong_types_" + tool] = HANDSHAKE + wrong
        files["full_args_" + tool] = HANDSHAKE + [rpc(1, "tools/call", {"name": tool, "arguments": TOOLS[tool]})]
    # The protocol layer's own params with wrong JSON types, in both eras.
    confusion = [("initialize", {"protocolVersion": 1}), ("initialize", {"protocolVersion": LEGACY, "capabilities": "x", "clientInfo": 1}),
                 ("tools/list", {"cursor": 5}), ("tools/call", {"name": 1}), ("tools/call", {"name": "aws_call", "arguments": []}),
                 ("tools/call", {"name": "aws_call", "arguments": "x"}), ("resources/read", {"uri": {}}),
                 ("prompts/get", {"name": ["health_report"]}), ("prompts/get", {"name": "health_report", "arguments": {"service": 1}}),
                 ("prompts/get", {"name": "health_report", "arguments": []}),
                 ("completion/complete", {"ref": "x", "argument": 1}),
                 ("completion/complete", {"ref": {"type": 1}, "argument": {"name": "service", "value": 2}}),
                 ("logging/setLevel", {"level": 2}), ("tools/list", {"_meta": "x"}),
                 ("tools/call", {"name": "aws_logs", "arguments": {}, "_meta": {"progressToken": {}}})]
    files["type_confusion_legacy"] = HANDSHAKE + [rpc(i + 1, m, p) for i, (m, p) in enumerate(confusion)]
    files["type_confusion_modern"] = [rpc(i + 1, m, meta(p) if "_meta" not in p else p) for i, (m, p) in enumerate(confusion)] + [
        rpc(50, "tools/list", {"_meta": {META_VERSION: 1, META_CAPS: {}}}),
        rpc(51, "tools/list", {"_meta": {META_VERSION: MODERN, META_CAPS: []}}),
        rpc(52, "tools/list", {"_meta": {META_VERSION: MODERN, META_CAPS: {}, META_LEVEL: 3}})]
    files["initialize_version_number"] = [rpc(1, "initialize", {"protocolVersion": 1})]
    # Deep nesting: tool arguments 70 and 5000 levels deep, as objects and arrays.
    for depth in (70, 5000):
        obj = "{\"a\":" * depth + "1" + "}" * depth
        arr = "[" * depth + "1" + "]" * depth
        for kind, deep in (("objects", obj), ("arrays", arr)):
            legacy = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"aws_call","arguments":{"service":"ecs","action":"DescribeServices","params":{"x":%s}}}}' % deep
            modern = ('{"jsonrpc":"2.0","id":"d","method":"tools/call","params":{"name":"aws_metrics","arguments":{"dimensions":%s},'
                      '"_meta":{"%s":"%s","%s":{}}}}' % (deep, META_VERSION, MODERN, META_CAPS))
            files["deep_%d_%s" % (depth, kind)] = HANDSHAKE + [legacy, modern, rpc(2, "ping")]
    files["deep_5000_meta"] = ['{"jsonrpc":"2.0","id":7,"method":"tools/list","params":{"_meta":%s}}' % ("[" * 5000 + "]" * 5000),
                               '{"jsonrpc":"2.0","id":8,"method":' + "{" * 100 + "}" * 100 + "}"]
    # Cancellation, duplicate ids, both eras in one connection, framing errors.
    files["cancel"] = HANDSHAKE + [
        rpc(1, "tools/call", {"name": "aws_logs", "arguments": {"query": "fields @message"}, "_meta": {"progressToken": "p"}}),
        rpc(None, "notifications/cancelled", {"requestId": 1, "reason": "user"}),
        rpc("s", "tools/call", {"name": "aws_service_health", "arguments": {"service": "gateway-service", "cluster": "prod"}}),
        rpc(None, "notifications/cancelled", {"requestId": "s"}),
        rpc(None, "notifications/cancelled", {"requestId": 99}), rpc(2, "ping")]
    files["duplicate_ids"] = HANDSHAKE + [rpc(1, "tools/call", {"name": "aws_images", "arguments": {}}),
                                          rpc(1, "tools/call", {"name": "aws_images", "arguments": {}}),
                                          rpc("1", "ping"), rpc(1, "ping")]
    files["mixed_eras"] = HANDSHAKE + [rpc(1, "tools/list"), rpc(2, "tools/list", meta()), rpc(3, "server/discover", meta()),
                                       rpc(4, "tools/call", meta({"name": "aws_describe", "arguments": {"service": "logs"}})),
                                       rpc(5, "logging/setLevel", {"level": "debug"}),
                                       rpc(6, "tools/call", {"name": "aws_logs", "arguments": {"log_group": "/ecs/gateway"}})]
    files["framing"] = ["not json", "[]", '[{"jsonrpc":"2.0","id":1,"method":"ping"}]', "{}", '{"jsonrpc":"1.0","id":2,"method":"ping"}',
                        '{"jsonrpc":"2.0","id":3}', '{"jsonrpc":"2.0","id":4,"result":{}}', '{"jsonrpc":"2.0","id":5,"method":5}',
                        '{"jsonrpc":"2.0","id":1.5,"method":"ping"}', '{"jsonrpc":"2.0","id":null,"method":"ping"}',
                        '{"jsonrpc":"2.0","id":6,"method":"ping","params":[]}', '{"jsonrpc":"2.0","id":7,"method":"nope"}',
                        '{"jsonrpc":"2.0","id":-9223372036854775808,"method":"ping"}',
                        '{"jsonrpc":"2.0","id":18446744073709551615,"method":"ping"}',
                        '{"jsonrpc":"2.0","id":"\\u00e9\\ud83d\\ude00","method":"ping"}', '{"jsonrpc":"2.0","id":8,"method":"ping"}\r']
    files["aws_failures"] = HANDSHAKE + [
        rpc(i + 1, "tools/call", {"name": "aws_call", "arguments": {"service": "ecs", "action": "DescribeServices",
                                                                    "params": {"cluster": w, "services": ["x"]}}})
        for i, w in enumerate(TRIGGERS)] + [
        rpc(20, "tools/call", {"name": "aws_service_health", "arguments": {"cluster": "prod", "service": "gateway-service", "region": "us-throttle-1"}}),
        rpc(21, "resources/read", {"uri": "aws://rds/notfound"}), rpc(22, "resources/read", {"uri": "aws://ecs/prod/denied"}),
        rpc(23, "tools/call", {"name": "aws_data_stores", "arguments": {"regions": ["us-boom-1", "eu-west-1"]}}),
        rpc(24, "tools/call", {"name": "aws_logs", "arguments": {"log_group": "garbage"}})]
    return files


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def http_request(method="POST", path="/mcp", headers=(), body=""):
    text = method + " " + path + "\n"
    for name, value in headers:
        text += name + ": " + value + "\n"
    return text + "\n" + body


def http_corpus():
    vectors = json.load(open(os.path.join(ROOT, "tests/data/jwt/vectors.json")))
    tokens = {c["name"]: c["token"] for c in vectors["cases"]}
    rs, es = tokens["rs256 valid"], tokens["es256 valid"]
    header, payload, signature = rs.split(".")
    alg1 = b64url(b'{"alg":1}') + "." + payload + "." + signature
    accept = ("Accept", "application/json, text/event-stream")

    def legacy(token, scheme="Bearer"):
        auth = [("Authorization", scheme + " " + token)] if token is not None else []
        session = [("MCP-Session-Id", "$SESSION"), ("MCP-Protocol-Version", LEGACY)]
        init = rpc(1, "initialize", {"protocolVersion": LEGACY, "capabilities": {}, "clientInfo": {"name": "fuzz", "version": "1"}})
        return [http_request(headers=auth + [accept, ("Content-Type", "application/json")], body=line(init)),
                http_request(headers=auth + session + [accept], body=line(rpc(None, "notifications/initialized"))),
                http_request(headers=auth + session + [accept], body=line(rpc(2, "tools/list"))),
                http_request(headers=auth + session + [accept], body=line(rpc(3, "tools/call", {
                    "name": "aws_service_health", "arguments": {"cluster": "prod", "service": "gateway-service"},
                    "_meta": {"progressToken": 3}}))),
                http_request(headers=auth + session + [("Accept", "application/json")], body=line(rpc(4, "tools/call", {
                    "name": "aws_call", "arguments": {"service": "sts", "action": "GetCallerIdentity"}}))),
                http_request("DELETE", headers=auth + session)]

    def modern(token, scheme="Bearer"):
        auth = [("Authorization", scheme + " " + token)] if token is not None else []
        base = auth + [("MCP-Protocol-Version", MODERN)]
        return [http_request(headers=base + [("Mcp-Method", "server/discover"), accept], body=line(rpc(1, "server/discover", meta()))),
                http_request(headers=base + [("Mcp-Method", "tools/list"), accept], body=line(rpc(2, "tools/list", meta()))),
                http_request(headers=base + [("Mcp-Method", "tools/call"), ("Mcp-Name", "aws_call"), ("Mcp-Param-Region", "eu-west-1"),
                                             ("Mcp-Param-Service", "ecs"), ("Mcp-Param-Action", "DescribeServices"), accept],
                             body=line(rpc(3, "tools/call", meta({"name": "aws_call", "arguments": {
                                 "service": "ecs", "action": "DescribeServices", "region": "eu-west-1",
                                 "params": {"cluster": "prod", "services": ["gateway-service"]}}}, level="debug", token="p")))),
                http_request(headers=base + [("Mcp-Method", "tools/call"), ("Mcp-Name", "aws_logs"), ("Accept", "application/json")],
                             body=line(rpc(4, "tools/call", meta({"name": "aws_logs", "arguments": {"since": "1h"}})))),
                http_request(headers=base + [("Mcp-Method", "resources/read"), ("Mcp-Name", "aws://rds/orders-db"), accept],
                             body=line(rpc(5, "resources/read", meta({"uri": "aws://rds/orders-db"})))),
                http_request("GET", headers=base)]

    files = {}
    for variant, right, other in (("static", STATIC_TOKEN, STATIC_TOKEN), ("oauth", rs, es)):
        byte = "\x00" if variant == "static" else "\x01"
        files["legacy_%s_right_token" % variant] = byte + "\n%%\n".join(legacy(right))
        files["modern_%s_right_token" % variant] = byte + "\n%%\n".join(modern(other))
        files["legacy_%s_wrong_token" % variant] = byte + "\n%%\n".join(legacy("wrong-" + right[:20]))
        files["modern_%s_wrong_token" % variant] = byte + "\n%%\n".join(modern(tokens["expired"] if variant == "oauth" else "nope"))
        files["legacy_%s_no_token" % variant] = byte + "\n%%\n".join(legacy(None)[:2])
        files["legacy_%s_lowercase_bearer" % variant] = byte + "\n%%\n".join(legacy(right, "bearer"))
        files["modern_%s_lowercase_bearer" % variant] = byte + "\n%%\n".join(modern(other, "bearer")[:3])
        files["placeholder_%s" % variant] = byte + "\n%%\n".join(legacy("$TOKEN")[:3] + modern("$TOKEN2")[1:3])
    files["oauth_jwt_alg_1"] = "\x01" + "\n%%\n".join(legacy(alg1)[:1] + modern(alg1)[:1])
    files["oauth_every_vector"] = "\x01" + "\n%%\n".join(
        http_request(headers=[("Authorization", "Bearer " + c["token"]), ("MCP-Protocol-Version", MODERN), ("Mcp-Method", "tools/list")],
                     body=line(rpc(i, "tools/list", meta()))) for i, c in enumerate(vectors["cases"]))
    files["oauth_scope_write"] = "\x02" + "\n%%\n".join(legacy(rs)[:1] + legacy(tokens["scp list"])[:3])
    for depth in (70, 100000):
        deep = "[" * depth + "]" * depth
        files["deep_%d_legacy" % depth] = "\x00" + http_request(
            headers=[("Authorization", "Bearer " + STATIC_TOKEN), accept],
            body='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s","capabilities":%s}}' % (LEGACY, deep))
        files["deep_%d_modern" % depth] = "\x00" + http_request(
            headers=[("Authorization", "Bearer " + STATIC_TOKEN), ("MCP-Protocol-Version", MODERN), ("Mcp-Method", "tools/call"),
                     ("Mcp-Name", "aws_call"), accept],
            body=('{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"aws_call","arguments":{"service":"ecs",'
                  '"action":"ListClusters","params":%s},"_meta":{"%s":"%s","%s":{}}}}' % (deep, META_VERSION, MODERN, META_CAPS)))
    files["edges"] = "\x00" + "\n%%\n".join([
        http_request("GET", "/health", [("Host", "10.0.0.5:8080")]),
        http_request("GET", "/.well-known/oauth-protected-resource"),
        http_request(headers=[("Host", "evil.example:8080"), ("Authorization", "Bearer " + STATIC_TOKEN)], body=line(rpc(1, "ping"))),
        http_request(headers=[("Origin", "https://evil.example"), ("Authorization", "Bearer " + STATIC_TOKEN)], body=line(rpc(1, "ping"))),
        http_request(headers=[("Origin", "http://localhost:3000"), ("Authorization", "Bearer " + STATIC_TOKEN),
                              ("MCP-Protocol-Version", "1999-01-01")], body=line(rpc(1, "ping"))),
        http_request(headers=[("Authorization", "Bearer " + STATIC_TOKEN), ("MCP-Session-Id", "0123456789abcdef0123456789abcdef")],
                     body=line(rpc(2, "ping"))),
        http_request(headers=[("Authorization", "Bearer " + STATIC_TOKEN)], body=line(rpc(3, "tools/list", meta()))),
        http_request(headers=[("Authorization", "Bearer " + STATIC_TOKEN), ("MCP-Protocol-Version", MODERN),
                              ("Mcp-Method", "tools/list")], body=line(rpc(4, "tools/call", meta({"name": "aws_call"})))),
        http_request(headers=[("Authorization", "Bearer " + STATIC_TOKEN), ("MCP-Protocol-Version", MODERN),
                              ("Mcp-Method", "tools/call"), ("Mcp-Name", "=?base64?YXdzX2NhbGw=?="), ("Mcp-Param-Region", "us-east-1")],
                     body=line(rpc(5, "tools/call", meta({"name": "aws_call", "arguments": {"service": "sts", "action": "GetCallerIdentity"}})))),
        http_request("PUT", "/mcp", [("Authorization", "Bearer " + STATIC_TOKEN)]),
        http_request(path="/other", headers=[("Authorization", "Bearer " + STATIC_TOKEN)], body="{}"),
    ])
    files["sessions_limit"] = "\x00" + "\n%%\n".join(legacy(STATIC_TOKEN)[:1] * 6)
    files["legacy_cancel"] = "\x00" + "\n%%\n".join(legacy(STATIC_TOKEN)[:2] + [
        http_request(headers=[("Authorization", "Bearer " + STATIC_TOKEN), ("MCP-Session-Id", "$SESSION")],
                     body=line(rpc(None, "notifications/cancelled", {"requestId": 3}))),
        http_request(headers=[("Authorization", "Bearer " + STATIC_TOKEN), ("MCP-Session-Id", "$SESSION")],
                     body=line(rpc(None, "ping")))])
    return files


def dict_entry(value):
    out = ""
    for b in value.encode():
        c = chr(b)
        if c in '"\\':
            out += "\\" + c
        elif 32 <= b < 127:
            out += c
        else:
            out += "\\x%02X" % b
    return '"' + out + '"'


def write_dict(path, groups):
    seen = set()
    with open(path, "w") as f:
        f.write("# Written by fuzz/make_corpus.py.\n")
        for title, values in groups:
            f.write("\n# %s\n" % title)
            for v in values:
                if v not in seen:
                    seen.add(v)
                    f.write(dict_entry(v) + "\n")


def write_corpus(name, files):
    d = os.path.join(FUZZ, "corpus", name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for fname, content in files.items():
        data = "\n".join(line(m) for m in content) + "\n" if isinstance(content, list) else content
        with open(os.path.join(d, fname), "wb") as f:
            f.write(data.encode())


def main():
    write_corpus("mcp_server", mcp_corpus())
    write_corpus("http_server", http_corpus())
    arg_names = sorted({a for t in SCHEMA_TYPES.values() for a in t})
    json_tokens = ['{"jsonrpc":"2.0","id":1,"method":"', '"jsonrpc":"2.0"', '"id":', '"method":', '"params":{', '"result":{}',
                   '"error":{}', '"type":', '"_meta":{"%s":"%s","%s":{}}' % (META_VERSION, MODERN, META_CAPS),
                   '{"a":', "[[[[", "]]]]", "{}", "[]", "null", "true", "false", "-1", "0", "1.5", "1e999",
                   "9223372036854775807", "18446744073709551616", '"\\u0000"', '"\\ud800"', "\\n"]
    common = [("methods", METHODS), ("params", PARAMS), ("tools", list(TOOLS)), ("prompts", list(PROMPTS)),
              ("tool arguments", arg_names), ("values", VALUES), ("JSON", json_tokens)]
    write_dict(os.path.join(FUZZ, "mcp_server.dict"), common)
    http = [("requests", ["\n%%\n", "POST /mcp\n", "GET /mcp\n", "DELETE /mcp\n", "PUT /mcp\n", "GET /health\n",
                          "GET /.well-known/oauth-protected-resource\n", "\n\n"]),
            ("headers", ["Host: ", "Authorization: ", "Bearer ", "bearer ", "BEARER ", "MCP-Protocol-Version: ",
                         "MCP-Session-Id: ", "Mcp-Method: ", "Mcp-Name: ", "Mcp-Param-Region: ", "Mcp-Param-Service: ",
                         "Mcp-Param-Action: ", "Accept: ", "Origin: ", "Content-Type: ", "application/json",
                         "text/event-stream", "application/json, text/event-stream", "127.0.0.1:8080", "localhost:8080",
                         "[::1]:8080", "evil.example", "http://localhost:3000", "https://evil.example", "=?base64?", "?=",
                         "$SESSION", "$TOKEN", "$TOKEN2", STATIC_TOKEN, "eyJhbGciOiJSUzI1NiJ9.", "eyJhbGciOjF9."])] + common
    write_dict(os.path.join(FUZZ, "http_server.dict"), http)


if __name__ == "__main__":
    main()
