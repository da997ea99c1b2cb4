#!/usr/bin/env python3
"""Writes tests/data/jmespath_aws/vectors.json: random but valid JMESPath
expressions over AWS-shaped answers (EC2 DescribeInstances, ECS
DescribeServices, ECR DescribeImages, CloudWatch GetMetricData, Logs
FilterLogEvents), each with the result python's jmespath (the library the AWS
CLI's --query uses) gives. tests/unit/jmespath_test.cc compares aws-mcp's
evaluator with every case.

Expressions are grown from the documents: a path down to a value (fields,
indexes, slices, [*], [], .*, filters on the elements' own members), then
wrapped by what suits the type of its python result (functions, pipes,
multiselects, comparisons). Objects' keys are sorted, as nlohmann::json keeps
them, so that keys(), values() and .* list them in the same order.
    python3 scripts/gen_jmespath_vectors.py [--seed N] [--cases N]"""
import argparse
import json
import os
import random
import re

import jmespath
from jmespath import exceptions

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "jmespath_aws", "vectors.json")
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MAX_RESULT = 1500  # bytes of JSON per recorded result, to keep the file small


def ec2_instances(rng):
    reservations = []
    for r in range(5):
        instances = []
        for i in range(rng.randint(1, 3)):
            state = rng.choice([(16, "running"), (80, "stopped"), (48, "terminated"), (0, "pending")])
            tags = [{"Key": "Name", "Value": rng.choice(["gateway", "worker", "db-proxy", "bastion"]) + "-%d" % i}]
            if rng.random() < 0.6:
                tags.append({"Key": "env", "Value": rng.choice(["prod", "staging", "dev"])})
            inst = {
                "InstanceId": "i-%017x" % rng.getrandbits(68),
                "InstanceType": rng.choice(["t3.micro", "t3.large", "m5.xlarge", "c6g.2xlarge"]),
                "ImageId": "ami-%08x" % rng.getrandbits(32),
                "State": {"Code": state[0], "Name": state[1]},
                "LaunchTime": "2026-0%d-1%dT0%d:12:00Z" % (rng.randint(1, 9), rng.randint(0, 9), rng.randint(0, 9)),
                "Placement": {"AvailabilityZone": "us-east-1" + rng.choice("abc"), "Tenancy": "default"},
                "PrivateIpAddress": "10.0.%d.%d" % (rng.randint(0, 255), rng.randint(1, 254)),
                "Monitoring": {"State": rng.choice(["disabled", "enabled"])},
                "EbsOptimized": rng.random() < 0.5,
                "CpuOptions": {"CoreCount": rng.choice([1, 2, 4]), "ThreadsPerCore": rng.choice([1, 2])},
                "SecurityGroups": [{"GroupId": "sg-%08x" % rng.getrandbits(32), "GroupName": n}
                                   for n in rng.sample(["web", "ssh", "internal", "db"], rng.randint(0, 2))],
                "BlockDeviceMappings": [{"DeviceName": "/dev/xvd" + c, "Ebs": {"VolumeId": "vol-%08x" % rng.getrandbits(32),
                                         "DeleteOnTermination": rng.random() < 0.5, "Status": "attached"}}
                                        for c in "ab"[:rng.randint(1, 2)]],
                "Tags": tags,
            }
            if state[1] == "running":
                inst["PublicIpAddress"] = "54.%d.%d.%d" % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
            instances.append(inst)
        reservations.append({"ReservationId": "r-%08x" % rng.getrandbits(32), "OwnerId": "123456789012",
                             "Groups": [], "Instances": instances})
    return {"Reservations": reservations}


def ecs_services(rng):
    services = []
    for name in ["gateway", "billing", "search", "auth"]:
        desired = rng.randint(0, 6)
        deployments = [{"id": "ecs-svc/%d" % rng.getrandbits(40), "status": s, "desiredCount": desired,
                        "runningCount": rng.randint(0, desired), "failedTasks": rng.randint(0, 3),
                        "rolloutState": rng.choice(["COMPLETED", "IN_PROGRESS", "FAILED"]),
                        "taskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/%s:%d" % (name, rng.randint(1, 40))}
                       for s in (["PRIMARY", "ACTIVE"][:rng.randint(1, 2)])]
        services.append({
            "serviceName": name, "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
            "status": rng.choice(["ACTIVE", "DRAINING"]), "desiredCount": desired,
            "runningCount": deployments[0]["runningCount"], "pendingCount": rng.randint(0, 2),
            "launchType": rng.choice(["FARGATE", "EC2"]), "deployments": deployments,
            "events": [{"id": "e-%d" % k, "createdAt": "2026-05-0%dT10:%02d:00Z" % (rng.randint(1, 9), k),
                        "message": "(service %s) %s" % (name, rng.choice(["has reached a steady state.",
                                                                          "registered 1 targets", "failed to launch a task"]))}
                       for k in range(rng.randint(0, 4))],
            "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/%s/1" % name,
                               "containerName": name, "containerPort": rng.choice([80, 8080, 443])}] if rng.random() < 0.7 else [],
        })
    return {"services": services, "failures": [{"arn": "arn:aws:ecs:us-east-1:123456789012:service/prod/old", "reason": "MISSING"}]}


def ecr_images(rng):
    details = []
    for i in range(6):
        tags = rng.sample(["latest", "v1.2.%d" % i, "sha-%06x" % rng.getrandbits(24), "prod"], rng.randint(0, 3))
        d = {"registryId": "123456789012", "repositoryName": rng.choice(["gateway", "worker"]),
             "imageDigest": "sha256:%064x" % rng.getrandbits(256), "imageSizeInBytes": rng.randint(10**6, 10**9),
             "imagePushedAt": "2026-04-%02dT08:00:00Z" % rng.randint(1, 28), "imageTags": tags}
        if rng.random() < 0.5:
            d["imageScanFindingsSummary"] = {"findingSeverityCounts": {s: rng.randint(0, 9) for s in
                                                                       rng.sample(["CRITICAL", "HIGH", "MEDIUM", "LOW"], 2)}}
        details.append(d)
    return {"imageDetails": details}


def metric_data(rng):
    results = []
    for label in ["CPUUtilization", "MemoryUtilization", "TargetResponseTime"]:
        n = rng.randint(0, 5)
        results.append({"Id": label.lower()[:6], "Label": label, "StatusCode": "Complete",
                         "Timestamps": ["2026-05-01T10:%02d:00Z" % (5 * k) for k in range(n)],
                         "Values": [round(rng.uniform(0, 100), rng.choice([0, 2, 3])) for _ in range(n)]})
    return {"MetricDataResults": results, "Messages": []}


def log_events(rng):
    events = [{"logStreamName": "ecs/gateway/%x" % rng.getrandbits(32), "timestamp": 1777000000000 + 1000 * k,
               "message": rng.choice(["GET /health 200", "ERROR upstream timeout", "WARN slow query 1.2s",
                                      "POST /orders 500", "INFO started"]), "ingestionTime": 1777000000500 + 1000 * k,
               "eventId": "%020d" % rng.getrandbits(60)} for k in range(8)]
    return {"events": events, "searchedLogStreams": [{"logStreamName": "ecs/gateway/a", "searchedCompletely": True}]}


def name(key):
    return key if IDENT.match(key) else json.dumps(key)


def literal(value):
    return "`" + json.dumps(value, sort_keys=True).replace("`", "\\`") + "`"


def raw(text):
    return "'" + text + "'"


def leaves(node, prefix=""):
    """(expression, value) for each scalar reachable by fields and indexes from node."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from leaves(v, prefix + ("." if prefix else "") + name(k))
    elif isinstance(node, list):
        for i, v in enumerate(node[:2]):
            yield from leaves(v, prefix + "[%d]" % i)
    elif prefix:
        yield prefix, node


class Generator:
    def __init__(self, rng):
        self.rng = rng

    def condition(self, element):
        """A filter condition over an element's members."""
        found = [(p, v) for p, v in leaves(element) if not p.startswith("[")]
        if not found:
            return "@"
        rng = self.rng
        path, value = rng.choice(found)
        if isinstance(value, bool):
            cond = rng.choice([path, "!" + path, "%s == `%s`" % (path, json.dumps(value))])
        elif isinstance(value, (int, float)):
            op = rng.choice(["==", "!=", "<", "<=", ">", ">="])
            cond = "%s %s `%s`" % (path, op, json.dumps(value + rng.choice([0, 1, -1])))
        elif isinstance(value, str):
            part = value[: rng.randint(1, max(1, len(value)))]
            cond = rng.choice(["%s == %s" % (path, raw(value)), "%s != %s" % (path, raw(value)),
                               "starts_with(%s, %s)" % (path, raw(part)), "contains(%s, %s)" % (path, raw(part[-3:])),
                               "%s < %s" % (path, raw(part)), "ends_with(%s, %s)" % (path, raw(value[-2:]))])
        else:
            cond = "%s == `null`" % path
        if rng.random() < 0.2:
            cond = "%s %s %s" % (cond, rng.choice(["&&", "||"]), self.condition(element))
        return cond

    def path(self, node, depth=0):
        """A navigation from node, as an expression suffix ('' for none)."""
        rng = self.rng
        if depth > 6 or rng.random() < 0.08:
            return ""
        if isinstance(node, dict) and node:
            if rng.random() < 0.1:
                values = list(node.values())
                return ".*" + self.path(rng.choice(values), depth + 1) if values else ""
            k = rng.choice(list(node))
            return "." + name(k) + self.path(node[k], depth + 1)
        if isinstance(node, list) and node:
            pick = rng.random()
            elem = rng.choice(node)
            if pick < 0.25:
                i = rng.randrange(len(node))
                return "[%d]" % rng.choice([i, i - len(node)]) + self.path(node[i], depth + 1)
            if pick < 0.5:
                return "[*]" + self.path(elem, depth + 1)
            if pick < 0.65:
                return "[]" + self.path(elem[0] if isinstance(elem, list) and elem else elem, depth + 1)
            if pick < 0.85 and isinstance(elem, dict):
                return "[?%s]" % self.condition(elem) + self.path(elem, depth + 1)
            parts = [rng.choice(["", str(rng.randint(-4, 4))]) for _ in range(2)]
            step = rng.choice(["", ":" + rng.choice(["1", "2", "-1", "-2", "3"])])
            return "[%s:%s%s]" % (parts[0], parts[1], step) + self.path(elem, depth + 1)
        return ""

    def core(self, doc):
        text = self.path(doc)
        return text[1:] if text.startswith(".") else ("@" + text if text else "@")

    def wrap(self, doc, expr, result):
        """expr wrapped by something that suits its result's type."""
        rng = self.rng
        choices = []
        if isinstance(result, list):
            choices += ["length(%s)", "reverse(%s)", "to_array(%s)", "%s | [0]", "%s | [-1]", "%s[:2]", "%s | [1:]",
                        "%s[]", "not_null(%s, `[]`)", "type(%s)", "sort_by(%s, &to_string(@)) | [0]",
                        "length(%s) > `2`", "to_string(length(%s))"]
            if result and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in result):
                choices += ["sum(%s)", "avg(%s)", "max(%s)", "min(%s)", "sort(%s)", "map(&abs(@), %s)",
                            "map(&floor(@), %s)", "map(&ceil(@), %s)", "%s[?@ > `50`]"]
            if result and all(isinstance(x, str) for x in result):
                choices += ["join(', ', %s)", "sort(%s)", "max(%s)", "min(%s)", "map(&length(@), %s)",
                            "%s[?starts_with(@, 'i')]", "contains(%s, '" + result[0] + "')",
                            "map(&to_number(@), %s)"]
            objects = [x for x in result if isinstance(x, dict)]
            if objects and len(objects) == len(result):
                keyed = {}
                for k, v in objects[0].items():
                    kinds = {type(o.get(k)).__name__ for o in objects}
                    if kinds <= {"int", "float"} or kinds == {"str"}:
                        keyed[k] = v
                if keyed:
                    k = name(rng.choice(list(keyed)))
                    choices += ["sort_by(%s, &" + k + ")", "max_by(%s, &" + k + ")", "min_by(%s, &" + k + ")",
                                "sort_by(%s, &" + k + ")[*]." + k, "map(&" + k + ", %s)", "%s[*].[" + k + ", @." + k + "]",
                                "%s[*].{key: " + k + ", kind: type(" + k + ")}", "%s[?" + k + " != `null`] | length(@)"]
                choices += ["%s[?" + self.condition(objects[0]) + "]", "%s[*].keys(@)", "%s[0] | keys(@)"]
        elif isinstance(result, dict):
            choices += ["keys(%s)", "values(%s)", "length(%s)", "merge(%s, `{\"extra\": 1}`)", "%s.*", "type(%s)",
                        "to_array(%s)", "{whole: %s, size: length(%s)}", "[%s, `null`][0]", "to_string(keys(%s))"]
        elif isinstance(result, str):
            choices += ["length(%s)", "reverse(%s)", "starts_with(%s, '" + result[:2] + "')", "ends_with(%s, 'd')",
                        "contains(%s, '-')", "to_number(%s)", "type(%s)", "%s == '" + result + "'", "[%s, %s]",
                        "to_array(%s)", "{v: %s}", "%s || 'none'", "!%s", "not_null(`null`, %s)"]
        elif isinstance(result, bool):
            choices += ["!%s", "%s && 'yes'", "%s || `false`", "to_string(%s)", "type(%s)", "%s == `true`"]
        elif isinstance(result, (int, float)):
            choices += ["abs(%s)", "ceil(%s)", "floor(%s)", "to_string(%s)", "%s > `3`", "%s <= `100`", "to_number(%s)",
                        "type(%s)", "[%s, `1`]", "sum([%s, `2.5`])", "%s == `16`", "not_null(%s)"]
        else:
            choices += ["not_null(%s, 'absent')", "%s || `0`", "type(%s)", "to_array(%s)", "{gone: %s}", "[%s]",
                        "length(to_array(%s))"]
        other = self.core(doc)
        choices += ["[%s, " + other + "]", "{a: %s, b: " + other + "}", "%s || " + other, "%s && " + other,
                    "(%s) == (" + other + ")"]
        template = rng.choice(choices)
        needs_paren = template.startswith("%s") and any(op in expr for op in ("|", "||", "&&", "==", "!=", "<", ">"))
        inner = "(" + expr + ")" if needs_paren or template.startswith("!") else expr
        return template.replace("%s", inner)


def order_sensitive(expr):
    """Objects built by the expression ({...}, merge) keep python's insertion
    order, which nlohmann's sorted objects cannot: listing their members
    (keys, values, *, to_string) would differ only in order."""
    builds = "{" in expr or "merge(" in expr
    lists = any(s in expr for s in ("keys(", "values(", "*", "to_string("))
    return builds and lists


def evaluate(expr, doc):
    try:
        return {"result": jmespath.search(expr, doc)}
    except exceptions.JMESPathTypeError:
        return {"error": "invalid-type"}
    except exceptions.ArityError:
        return {"error": "invalid-arity"}
    except exceptions.UnknownFunctionError:
        return {"error": "unknown-function"}
    except (exceptions.ParseError, exceptions.LexerError):
        return {"error": "syntax"}
    except (TypeError, ValueError):
        return None  # python's own error (e.g. '<' between a string and a number): not the spec's


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--cases", type=int, default=2000)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    makers = {"ec2": ec2_instances, "ecs": ecs_services, "ecr": ecr_images, "metrics": metric_data, "logs": log_events}
    # Round-tripped with sorted keys: python's dicts then iterate in nlohmann's order.
    docs = {k: json.loads(json.dumps(f(rng), sort_keys=True)) for k, f in makers.items()}
    gen = Generator(rng)
    cases, seen = [], set()
    attempts = 0
    while len(cases) < args.cases and attempts < args.cases * 50:
        attempts += 1
        doc_name = rng.choice(sorted(docs))
        doc = docs[doc_name]
        expr = gen.core(doc)
        outcome = evaluate(expr, doc)
        for _ in range(rng.randint(0, 3)):
            if not outcome or "result" not in outcome:
                break
            expr = gen.wrap(doc, expr, outcome["result"])
            outcome = evaluate(expr, doc)
        if not outcome or expr in seen or order_sensitive(expr):
            continue
        if "result" in outcome:
            if len(json.dumps(outcome["result"])) > MAX_RESULT:
                continue
            if outcome["result"] is None and rng.random() < 0.7:
                continue  # keep some nulls, but mostly results with content
        seen.add(expr)
        cases.append({"document": doc_name, "expression": expr, **outcome})
    out = {"generator": "scripts/gen_jmespath_vectors.py --seed %d --cases %d" % (args.seed, args.cases),
           "oracle": "python jmespath " + jmespath.__version__, "documents": docs, "cases": cases}
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    kinds = {}
    for c in cases:
        kinds[c.get("error", "result")] = kinds.get(c.get("error", "result"), 0) + 1
    print("wrote %d cases to %s: %s" % (len(cases), os.path.normpath(OUT), kinds))


if __name__ == "__main__":
    main()
