#!/usr/bin/env python3
"""Generates differential test vectors for aws-mcp's protocol code from botocore.

botocore is the oracle: for a sample of operations of every shipped service this
script makes random *valid* inputs and outputs from botocore's own service
models, and records what botocore does with them:

  serialize.json   params -> botocore's request (query form fields, or JSON body
                   and headers)
  parse.json       wire body (JSON or query XML, rendered here) -> botocore's parse
  errors.json      error answers -> botocore's Error.Code / Error.Message / RequestId
  validation.json  invalid params -> botocore's ParamValidator verdict
  timestamps.json  epoch numbers and ISO strings -> Python's datetime verdict

tests/unit/protocol_vectors_test.cc, validator_test.cc and timestamp_test.cc
read them. Deterministic (fixed seed): rerunning with the same botocore gives
the same files.

Params are recorded in aws-mcp's form (what an MCP client sends: timestamps as
ISO-8601 strings, blobs as text); botocore gets the same values as datetime
objects and str.

Usage: scripts/gen_protocol_vectors.py [OUT_DIR]   (default tests/data/protocol)
"""
import base64
import calendar
import datetime
import json
import os
import random
import sys
from xml.sax.saxutils import escape

import botocore
import botocore.parsers
import botocore.serialize
import botocore.session
import botocore.validate
from botocore.exceptions import ParamValidationError

SEED = 20240611
SERVICES = ["ecs", "ecr", "secretsmanager", "logs", "sts", "cloudwatch", "rds", "elasticache",
            "elbv2", "iam", "cloudformation", "resourcegroupstaggingapi", "events", "ec2"]
# rest-json and rest-xml services: their vectors are made after the others
# from a saved random state, so adding them left the earlier vectors as they were.
REST_SERVICES = ["lambda", "apigateway", "eks", "s3", "route53", "cloudfront"]
READ_PREFIXES = ("Describe", "List", "Get", "Head")
MAX_READ_OPS = 12
RICH_OPS = 3          # extra non-read operations per service, chosen by input richness
# The read operations people use most are always in the sample.
ALWAYS = {
    "ecs": ["DescribeClusters", "DescribeServices", "DescribeTasks", "ListTasks", "DescribeTaskDefinition"],
    "ecr": ["DescribeRepositories", "DescribeImages"],
    "secretsmanager": ["ListSecrets", "DescribeSecret", "GetSecretValue"],
    "logs": ["DescribeLogGroups", "GetLogEvents", "FilterLogEvents", "GetQueryResults"],
    "sts": ["GetCallerIdentity", "AssumeRole"],
    "cloudwatch": ["GetMetricStatistics", "GetMetricData", "ListMetrics", "DescribeAlarms"],
    "rds": ["DescribeDBInstances", "DescribeDBClusters", "DescribeDBSnapshots"],
    "elasticache": ["DescribeCacheClusters", "DescribeReplicationGroups"],
    "elbv2": ["DescribeLoadBalancers", "DescribeTargetGroups", "DescribeListeners"],
    "iam": ["ListRoles", "GetRole", "ListUsers", "ListAttachedRolePolicies", "GetAccountAuthorizationDetails"],
    "cloudformation": ["DescribeStacks", "ListStacks", "DescribeStackEvents", "DescribeStackResources"],
    "resourcegroupstaggingapi": ["GetResources"],
    "ec2": ["DescribeInstances", "DescribeRegions", "DescribeSecurityGroups", "DescribeSubnets", "DescribeVpcs"],
    "events": ["ListRules", "DescribeRule", "ListTargetsByRule"],
    "s3": ["ListBuckets", "ListObjectsV2", "GetObject", "HeadObject", "GetBucketLocation", "PutObject",
           "DeleteObjects", "PutBucketTagging"],
    "lambda": ["ListFunctions", "GetFunctionConfiguration", "Invoke"],
    "route53": ["ListHostedZones", "ListResourceRecordSets", "ChangeResourceRecordSets"],
    "cloudfront": ["ListDistributions", "GetDistribution"],
    "apigateway": ["GetRestApis", "GetResources"],
    "eks": ["ListClusters", "DescribeCluster"],
}
MAX_DEPTH = 6         # below this only required members are generated
UTC = datetime.timezone.utc

rng = random.Random(SEED)


# ---------------------------------------------------------------- values

class Raw:
    """A JSON token written verbatim (numbers in the forms AWS sends)."""

    def __init__(self, text):
        self.text = text


def dump_json(v):
    if isinstance(v, Raw):
        return v.text
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k) + ":" + dump_json(x) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(dump_json(x) for x in v) + "]"
    return json.dumps(v)


ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:"
SPECIAL = [" ", "&", "=", "+", "%", "?", "#", "<", ">", "\"", "'", "é", "日", "~", "*"]


def gen_string(shape):
    if shape.enum:
        return rng.choice(shape.enum)
    lo = shape.metadata.get("min", 0)
    hi = shape.metadata.get("max", lo + 16)
    n = rng.randint(lo, min(hi, lo + 12))
    chars = []
    for _ in range(n):
        c = rng.choice(SPECIAL) if rng.random() < 0.12 else rng.choice(ALPHABET)
        chars.append(c)
    s = "".join(chars)
    # Keep the UTF-8 size within max too: these vectors test serialization, and
    # aws-mcp's validator counts bytes (see validator_test for that question).
    while len(s.encode()) > hi:
        i = max(i for i, c in enumerate(s) if len(c.encode()) > 1)
        s = s[:i] + "a" + s[i + 1:]
    return s


def gen_int(shape, long_type):
    lo = shape.metadata.get("min", -5 if rng.random() < 0.2 else 0)
    hi = shape.metadata.get("max", (2 ** 40 if long_type else 100000))
    pick = rng.random()
    if pick < 0.2:
        return int(lo)
    if pick < 0.3:
        return int(hi)
    return rng.randint(int(lo), int(min(hi, lo + 5000)))


FLOATS = [0.0, 0.5, 1.0, 3.0, -1.5, 0.1, 12.25, 99.99, 1e-05, 1234.5678, 2.5e20, 100.0, 1e15, 3.14159]


def gen_float(shape):
    lo = shape.metadata.get("min", float("-inf"))
    hi = shape.metadata.get("max", float("inf"))
    choices = [f for f in FLOATS if lo <= f <= hi] or [float(lo)]
    return rng.choice(choices)


def gen_timestamp():
    """(aws-mcp form, botocore datetime, wire forms are made later)"""
    secs = rng.randint(1_000_000_000, 1_900_000_000)
    micro = rng.choice([0, 0, 0, 500000, 123000, 123456, 1, 999999])
    dt = datetime.datetime.fromtimestamp(secs, UTC).replace(microsecond=micro)
    return dt


def iso_for_us(dt):
    """aws-mcp's output form (the format the brief fixes)."""
    u = dt.astimezone(UTC)
    # not strftime: glibc's %Y does not pad years below 1000 to four digits
    s = "%04d-%02d-%02dT%02d:%02d:%02d" % (u.year, u.month, u.day, u.hour, u.minute, u.second)
    if dt.microsecond:
        s += ("." + "%06d" % dt.microsecond).rstrip("0")
    return s + "Z"


def iso_input(dt):
    """An ISO-8601 string for the same instant, in one of several spellings."""
    form = rng.random()
    if form < 0.6:
        return iso_for_us(dt)
    if form < 0.8:  # with an offset
        off = datetime.timezone(datetime.timedelta(hours=rng.choice([2, -5, 9]), minutes=rng.choice([0, 30])))
        local = dt.astimezone(off)
        s = local.strftime("%Y-%m-%dT%H:%M:%S")
        if dt.microsecond:
            s += ".%06d" % dt.microsecond
        sign = "+" if off.utcoffset(None) >= datetime.timedelta(0) else "-"
        total = abs(int(off.utcoffset(None).total_seconds())) // 60
        return s + "%s%02d:%02d" % (sign, total // 60, total % 60)
    s = dt.strftime("%Y-%m-%dT%H:%M:%S")  # six fraction digits, like botocore
    if dt.microsecond:
        s += ".%06d" % dt.microsecond
    return s + "Z"


def gen_document(depth=0):
    r = rng.random()
    if depth < 2 and r < 0.5:
        return {"k%d" % i: gen_document(depth + 1) for i in range(rng.randint(1, 2))}
    if depth < 2 and r < 0.6:
        return [gen_document(depth + 1) for _ in range(rng.randint(0, 2))]
    return rng.choice(["text", 7, 2.5, True, "é"])


class Gen:
    """Random valid instances of a shape: returns (ours, botocore) pairs."""

    def __init__(self, p_optional):
        self.p_optional = p_optional

    def value(self, shape, depth):
        t = shape.type_name
        if t == "structure":
            if shape.is_document_type:
                d = gen_document()
                return d, d
            members = list(shape.members)
            required = set(shape.required_members)
            if shape.is_tagged_union:
                chosen = [rng.choice(members)] if members else []
            else:
                p = self.p_optional if depth < MAX_DEPTH else 0.0
                p = p * (0.75 ** depth)
                chosen = [m for m in members if m in required or rng.random() < p]
            ours, boto = {}, {}
            for m in chosen:
                ours[m], boto[m] = self.value(shape.members[m], depth + 1)
            return ours, boto
        if t == "list":
            lo = shape.metadata.get("min", 0)
            hi = shape.metadata.get("max", 3)
            top = 3 if depth < 2 else 2
            n = rng.randint(min(lo, top), max(min(hi, top), min(lo, top)))
            if depth >= MAX_DEPTH:
                n = lo
            pairs = [self.value(shape.member, depth + 1) for _ in range(n)]
            return [a for a, _ in pairs], [b for _, b in pairs]
        if t == "map":
            lo = max(shape.metadata.get("min", 1), 1)
            n = rng.randint(lo, max(lo, min(2, shape.metadata.get("max", 2))))
            ours, boto = {}, {}
            for _ in range(n):
                k, _ = self.value(shape.key, depth + 1)
                ours[k], boto[k] = self.value(shape.value, depth + 1)
            # A JSON object has no order and aws-mcp's params (nlohmann::json)
            # iterate keys sorted, so botocore gets the entries in that order:
            # the query protocol numbers map entries in iteration order.
            return ours, dict(sorted(boto.items()))
        if t == "string":
            s = gen_string(shape)
            return s, s
        if t in ("integer", "long"):
            i = gen_int(shape, t == "long")
            return i, i
        if t in ("float", "double"):
            f = gen_float(shape)
            return f, f
        if t == "boolean":
            b = rng.random() < 0.5
            return b, b
        if t == "timestamp":
            dt = gen_timestamp()
            return iso_input(dt), dt
        if t == "blob":
            s = rng.choice(["hello", "{\"a\": 1}", "bin\u00e9ry \u65e5", "", "x" * 7])
            return s, s
        raise ValueError("unhandled shape type " + t)


# ---------------------------------------------------------------- operations

def richness(shape, seen=None):
    """Distinct scalar types and members reachable from a shape."""
    seen = set() if seen is None else seen
    if shape is None or shape.name in seen:
        return set(), 0
    seen.add(shape.name)
    t = shape.type_name
    if t == "structure":
        types, count = {"structure"}, 0
        for m in shape.members.values():
            ty, c = richness(m, seen)
            types |= ty
            count += c + 1
        return types, count
    if t == "list":
        ty, c = richness(shape.member, seen)
        return ty | {"list"}, c
    if t == "map":
        ty, c = richness(shape.value, seen)
        return ty | {"map"}, c
    return {t}, 0


def pick_operations(model):
    names = sorted(model.operation_names)
    usable = []
    for n in names:
        op = model.operation_model(n)
        if op.has_event_stream_output or op.has_event_stream_input:
            continue
        usable.append(n)
    always = [n for n in ALWAYS.get(model.service_name, []) if n in usable]
    reads = [n for n in usable if n.startswith(READ_PREFIXES) and n not in always]
    if len(reads) + len(always) > MAX_READ_OPS:
        reads = rng.sample(reads, max(0, MAX_READ_OPS - len(always)))
    reads = sorted(always + reads)
    others = []
    for n in usable:
        if n in reads:
            continue
        types, count = richness(model.operation_model(n).input_shape)
        others.append((-len(types), -count, n))
    others.sort()
    return reads + [n for _, _, n in others[:RICH_OPS]]


# ---------------------------------------------------------------- serialize

def serialize_cases(model, protocol, ops, cases):
    serializer = botocore.serialize.create_serializer(protocol, include_validation=True)
    for name in ops:
        op = model.operation_model(name)
        for p in (0.9, 0.5, 0.2):
            if op.input_shape is None:
                ours, boto = {}, {}
            else:
                ours, boto = Gen(p).value(op.input_shape, 0)
            try:
                if op.input_shape is not None:
                    botocore.validate.validate_parameters(boto, op.input_shape)  # valid by construction
                cases.append(serialized_case(model, protocol, serializer, op, ours, boto))
            except ParamValidationError:  # a random host label (hostPrefix) botocore refuses
                continue
            if op.input_shape is None:
                break
    for svc, name, ours, boto in EXTRA_SERIALIZE:
        if svc != model.service_name:
            continue
        op = model.operation_model(name)
        boto = sorted_maps(ours if boto is None else boto)
        botocore.validate.validate_parameters(boto, op.input_shape)
        cases.append(serialized_case(model, protocol, serializer, op, ours, boto))


def sorted_maps(v):
    """Dicts in key order, as aws-mcp iterates JSON objects (see Gen.value)."""
    if isinstance(v, dict):
        return {k: sorted_maps(v[k]) for k in sorted(v)}
    if isinstance(v, list):
        return [sorted_maps(x) for x in v]
    return v


def serialized_case(model, protocol, serializer, op, ours, boto):
    req = serializer.serialize_to_request(boto, op)
    case = {"service": model.service_name, "protocol": protocol, "operation": op.name, "params": ours}
    if protocol in ("rest-json", "rest-xml"):
        case["method"] = req["method"]
        case["path"] = req["url_path"]
        query = []
        for k, v in req["query_string"].items():
            for item in (v if isinstance(v, list) else [v]):
                query.append([k, str(item)])
        case["query"] = sorted(query)
        case["host_prefix"] = req.get("host_prefix", "")
        body = req["body"]
        case["body"] = body.decode() if isinstance(body, bytes) else body
        case["headers"] = dict(sorted((k, str(v)) for k, v in req["headers"].items()))
        return case
    if protocol in ("query", "ec2"):
        case["fields"] = sorted([k, str(v)] for k, v in req["body"].items())
    else:
        case["body"] = json.loads(req["body"].decode())
        case["fractional_timestamp"] = has_fraction(boto)
    case["headers"] = dict(sorted(req["headers"].items()))
    return case


# Hand-made inputs for what random sampling may miss: (service, operation,
# aws-mcp params, botocore params).
_T = datetime.datetime(2024, 3, 1, 12, 30, 15, tzinfo=UTC)
EXTRA_SERIALIZE = [
    # a document member (any JSON) inside a structure
    ("ecs", "CreateService", {"serviceName": "web", "deploymentConfiguration": {"lifecycleHooks": [
        {"hookTargetArn": "arn:aws:lambda:us-east-1:1:function:f", "roleArn": "arn:aws:iam::1:role/r",
         "lifecycleStages": ["PRE_SCALE_UP"], "hookDetails": {"a": [1, "two", {"b": None}], "c": 2.5}}]}},
     None),
    # blobs: text and non-ASCII text, base64-encoded by both
    ("secretsmanager", "CreateSecret", {"Name": "n", "SecretBinary": "h\u00e9llo \u65e5\u672c"}, None),
    # floats around the switch to exponent notation in str(float)
    ("cloudwatch", "PutMetricData", {"Namespace": "N", "MetricData": [
        {"MetricName": "m", "Values": [1e16, 1.5e16, 123456789012345.6, 0.0001, 0.00001, 1e-7, 5e-324,
                                       1.7976931348623157e308, 9007199254740993.0]}]}, None),
    # whole-second and fractional timestamps in query
    ("cloudwatch", "GetMetricStatistics", {"Namespace": "AWS/EC2", "MetricName": "CPUUtilization", "Period": 60,
                                           "StartTime": "2024-03-01T12:30:15Z", "EndTime": "2024-03-01T14:30:15.5+02:00",
                                           "Statistics": ["Average", "Maximum"]},
     {"Namespace": "AWS/EC2", "MetricName": "CPUUtilization", "Period": 60, "StartTime": _T,
      "EndTime": _T.replace(microsecond=500000), "Statistics": ["Average", "Maximum"]}),
    # empty list, nested lists of structures, map in query
    ("iam", "SimulateCustomPolicy", {"PolicyInputList": ["{}"], "ActionNames": ["s3:GetObject"],
                                     "ResourceArns": [], "ContextEntries": [
                                         {"ContextKeyName": "aws:username", "ContextKeyValues": ["a", "b c"],
                                          "ContextKeyType": "string"}]}, None),
    ("cloudformation", "CreateChangeSet", {"StackName": "s", "ChangeSetName": "c", "ResourcesToImport": [
        {"ResourceType": "AWS::S3::Bucket", "LogicalResourceId": "B",
         "ResourceIdentifier": {"BucketName": "b", "A": "x&y=z"}}]}, None),
]

# Hand-made answers: (service, protocol, operation, wire body).
EXTRA_PARSE = [
    # null members and null list items, as some JSON services send them
    ("ecs", "json", "DescribeClusters",
     '{"clusters":[{"clusterName":"a","tags":null,"activeServicesCount":null,"settings":[null]}],"failures":null}'),
    # exponent-form epoch timestamps, integers for a double, unknown members
    ("logs", "json", "DescribeLogGroups",
     '{"logGroups":[{"logGroupName":"g","creationTime":1583789342765,"storedBytes":12,"metricFilterCount":0,'
     '"extra":{"nested":true}}],"nextToken":"t"}'),
    ("cloudwatch", "json", "GetMetricStatistics",
     '{"Label":"CPU","Datapoints":[{"Timestamp":1.583789342765E9,"Average":5,"Maximum":7.25,"Unit":"Percent"},'
     '{"Timestamp":1583789400,"Sum":1e3}]}'),
    # whitespace-only and entity-only text, CDATA, a comment
    ("cloudformation", "query", "DescribeStacks",
     '<DescribeStacksResponse xmlns="https://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult>'
     '<Stacks><member><StackName> </StackName><StackId>id</StackId><Description>  two  spaces  </Description>'
     '<CreationTime>2024-01-02T03:04:05.120Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus>'
     '<Outputs><member><OutputKey>&amp;</OutputKey><OutputValue><![CDATA[<raw> & text]]></OutputValue></member>'
     '</Outputs><!-- a comment --><Tags/></member></Stacks></DescribeStacksResult>'
     '<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeStacksResponse>'),
    # a list whose shape (not the member reference) names the element
    ("elasticache", "query", "DescribeCacheClusters",
     '<DescribeCacheClustersResponse><DescribeCacheClustersResult><CacheClusters><CacheCluster>'
     '<CacheClusterId>c</CacheClusterId><PendingModifiedValues><PendingLogDeliveryConfiguration>'
     '<member><LogType>slow-log</LogType><LogFormat>json</LogFormat></member></PendingLogDeliveryConfiguration>'
     '</PendingModifiedValues></CacheCluster></CacheClusters></DescribeCacheClustersResult>'
     '</DescribeCacheClustersResponse>'),
    # numbers: negative, exponent, long, booleans
    ("rds", "query", "DescribeDBInstances",
     '<DescribeDBInstancesResponse><DescribeDBInstancesResult><DBInstances><DBInstance>'
     '<DBInstanceIdentifier>db</DBInstanceIdentifier><AllocatedStorage>20</AllocatedStorage>'
     '<MultiAZ>false</MultiAZ><PubliclyAccessible>true</PubliclyAccessible>'
     '<InstanceCreateTime>2024-01-02T03:04:05+02:00</InstanceCreateTime>'
     '<Endpoint><Address>h</Address><Port>5432</Port></Endpoint></DBInstance></DBInstances>'
     '</DescribeDBInstancesResult></DescribeDBInstancesResponse>'),
    ("sts", "query", "AssumeRole",
     '<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>AKIDEXAMPLE</AccessKeyId>'
     '<SecretAccessKey>secret</SecretAccessKey><SessionToken>tok</SessionToken>'
     '<Expiration>2024-01-02T03:04:05Z</Expiration></Credentials><PackedPolicySize>-3</PackedPolicySize>'
     '</AssumeRoleResult></AssumeRoleResponse>'),
]


def has_fraction(v):
    if isinstance(v, datetime.datetime):
        return v.microsecond != 0
    if isinstance(v, dict):
        return any(has_fraction(x) for x in v.values())
    if isinstance(v, list):
        return any(has_fraction(x) for x in v)
    return False


# ---------------------------------------------------------------- outputs on the wire

def wire_epoch(dt):
    secs = int(dt.timestamp())
    form = rng.random()
    if dt.microsecond == 0 and form < 0.5:
        return Raw(str(secs))
    millis = dt.microsecond // 1000
    if form < 0.3:  # AWS JSON services often answer like this
        digits = ("%d%03d" % (secs, millis)).rstrip("0")
        mant = digits[0] + "." + digits[1:] if len(digits) > 1 else digits
        return Raw("%sE%d" % (mant, len(str(secs)) - 1))
    if form < 0.7:
        return Raw("%d.%03d" % (secs, millis))
    return Raw("%d.%06d" % (secs, dt.microsecond))


def wire_iso(dt):
    form = rng.random()
    base = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if form < 0.4:
        return base + (".%03dZ" % (dt.microsecond // 1000) if dt.microsecond else "Z")
    if form < 0.8:
        return base + (".%06d" % dt.microsecond if dt.microsecond else "") + "Z"
    off = datetime.timezone(datetime.timedelta(hours=2))
    return dt.astimezone(off).strftime("%Y-%m-%dT%H:%M:%S") + (".%06d" % dt.microsecond if dt.microsecond else "") + "+02:00"


def wire_json(shape, value, depth=0):
    t = shape.type_name
    if t == "structure":
        if shape.is_document_type:
            return value
        out = {}
        for m, v in value.items():
            ms = shape.members[m]
            out[ms.serialization.get("name", m)] = wire_json(ms, v, depth + 1)
        if rng.random() < 0.1 and not shape.is_tagged_union:  # botocore refuses unions with 2 members
            out["UnmodeledMember%d" % rng.randint(0, 99)] = {"x": [1, "y"]}
        return out
    if t == "list":
        return [wire_json(shape.member, v, depth + 1) for v in value]
    if t == "map":
        return {k: wire_json(shape.value, v, depth + 1) for k, v in value.items()}
    if t == "timestamp":
        if shape.serialization.get("timestampFormat") == "iso8601":
            return wire_iso(value)
        return wire_epoch(value)
    if t == "blob":
        return base64.b64encode(value.encode()).decode()
    if t in ("float", "double"):
        return Raw(repr(value))
    return value


def xml_scalar(shape, value):
    t = shape.type_name
    if t == "boolean":
        return "true" if value else "false"
    if t == "timestamp":
        return wire_iso(value)
    if t == "blob":
        return base64.b64encode(value.encode()).decode()
    if t in ("float", "double"):
        return repr(value)
    return escape(str(value), {"\"": "&quot;"})


def xml_body(shape, value):
    """The content of an element holding `value` of `shape`."""
    t = shape.type_name
    if t == "structure":
        parts = []
        for m, v in value.items():
            parts.append(xml_member(shape.members[m], m, v))
        if rng.random() < 0.1 and not shape.is_tagged_union:
            parts.insert(rng.randint(0, len(parts)), "<UnmodeledElement><a>1</a></UnmodeledElement>")
        return "".join(parts)
    if t == "list":
        tag = shape.member.serialization.get("name", "member")
        return "".join("<%s>%s</%s>" % (tag, xml_body(shape.member, v), tag) for v in value)
    if t == "map":
        kn = shape.key.serialization.get("name", "key")
        vn = shape.value.serialization.get("name", "value")
        return "".join("<entry><%s>%s</%s><%s>%s</%s></entry>" % (kn, xml_scalar(shape.key, k), kn, vn,
                                                                  xml_body(shape.value, v), vn)
                       for k, v in value.items())
    return xml_scalar(shape, value)


def xml_member(shape, name, value):
    tag = shape.serialization.get("name", name)
    if shape.type_name == "list" and shape.serialization.get("flattened"):
        tag = shape.member.serialization.get("name", tag)
        return "".join("<%s>%s</%s>" % (tag, xml_body(shape.member, v), tag) for v in value)
    if shape.type_name == "list" and not value and rng.random() < 0.5:
        return "<%s/>" % tag
    return "<%s>%s</%s>" % (tag, xml_body(shape, value), tag)


def to_expected(v):
    """botocore's parse as JSON, in aws-mcp's output conventions."""
    if isinstance(v, datetime.datetime):
        return iso_for_us(v)
    if isinstance(v, (bytes, bytearray)):
        return base64.b64encode(v).decode()
    if isinstance(v, dict):
        return {k: to_expected(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_expected(x) for x in v]
    return v


def output_instance(shape, p):
    # Outputs reuse the input generator; timestamps stay datetimes for rendering.
    _, boto = Gen(p).value(shape, 0)
    return boto


def body_only(shape, value):
    """The members of an answer that travel in a rest body (not headers, status or XML attributes)."""
    out = {}
    for m, v in value.items():
        ser = shape.members[m].serialization
        if ser.get("location") or ser.get("xmlAttribute"):
            continue
        out[m] = v
    return out


def parse_cases(model, protocol, ops, cases, namespace):
    parser = botocore.parsers.create_parser(protocol)
    for name in ops:
        op = model.operation_model(name)
        shape = op.output_shape
        if shape is None:
            continue
        payload = shape.serialization.get("payload") if protocol.startswith("rest") else None
        if payload and shape.members[payload].type_name != "structure":
            continue  # blob and string payloads (GetObject's body) are covered by the protocol suites
        for p in (0.9, 0.6, 0.25):
            if payload:
                member = shape.members[payload]
                value = body_only(member, output_instance(member, p))
                if protocol == "rest-json":
                    body = dump_json(wire_json(member, value))
                else:
                    body = '<%s xmlns="%s">%s</%s>' % (payload, namespace, xml_body(member, value), payload)
                cases.append(parsed_case(model, protocol, parser, name, body))
                continue
            value = output_instance(shape, p)
            if protocol.startswith("rest"):
                value = body_only(shape, value)
            if protocol in ("json", "rest-json"):
                body = dump_json(wire_json(shape, value))
            else:
                inner = xml_body(shape, value)
                wrapper = shape.serialization.get("resultWrapper")
                if wrapper:
                    inner = "<%s>%s</%s>" % (wrapper, inner, wrapper)
                if protocol == "rest-xml":
                    body = '<?xml version="1.0" encoding="UTF-8"?>\n<%sOutput xmlns="%s">%s</%sOutput>' % (
                        name, namespace, inner, name)
                else:
                    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<%sResponse xmlns="%s">%s'
                            '<ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata></%sResponse>'
                            % (name, namespace, inner, "req-%d" % rng.randint(1000, 9999), name))
            cases.append(parsed_case(model, protocol, parser, name, body))
    for svc, proto, name, body in EXTRA_PARSE:
        if svc == model.service_name and proto == protocol:
            cases.append(parsed_case(model, protocol, parser, name, body))


def parsed_case(model, protocol, parser, name, body):
    shape = model.operation_model(name).output_shape
    parsed = parser.parse({"body": body.encode(), "headers": {}, "status_code": 200}, shape)
    parsed.pop("ResponseMetadata", None)
    return {"service": model.service_name, "protocol": protocol, "operation": name, "body": body,
            "expected": to_expected(parsed)}


# ---------------------------------------------------------------- errors

def error_cases(model, protocol, cases):
    parser = botocore.parsers.create_parser(protocol)
    svc = model.service_name
    errs = sorted({s.name for op in model.operation_names for s in model.operation_model(op).error_shapes})
    sample = rng.sample(errs, min(2, len(errs))) if errs else ["ServiceUnavailable"]
    responses = []
    if protocol == "rest-json":
        for e in sample:
            responses.append((404, {"x-amzn-errortype": "%s:http://internal.amazon.com/coral/com.amazon.x/" % e,
                                    "x-amzn-requestid": "rid-1"}, json.dumps({"message": "The %s & more" % e})))
            responses.append((400, {}, json.dumps({"code": e, "message": "code in the body"})))
            responses.append((400, {}, json.dumps({"__type": "com.amazon.x#%s" % e, "Message": "type in the body"})))
        responses.append((500, {}, ""))
        responses.append((429, {"x-amzn-errortype": "TooManyRequestsException"}, "{}"))
    elif protocol == "rest-xml":
        for e in sample:
            responses.append((404, {"x-amz-request-id": "rid-2"},
                              '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>%s</Code><Message>The %s: '
                              '&lt;id&gt;</Message><RequestId>rid-2</RequestId><HostId>h</HostId></Error>' % (e, e)))
            responses.append((400, {}, '<ErrorResponse xmlns="https://%s.amazonaws.com/doc/"><Error><Type>Sender'
                                       '</Type><Code>%s</Code><Message>wrapped</Message></Error>'
                                       '<RequestId>rid-3</RequestId></ErrorResponse>' % (svc, e)))
        responses.append((500, {}, ""))
    elif protocol == "json":
        prefix = "com.amazonaws.%s" % model.endpoint_prefix
        for e in sample:
            responses.append((400, {"x-amzn-requestid": "rid-1"},
                              json.dumps({"__type": "%s#%s" % (prefix, e), "message": "The %s was <not> found & gone" % e})))
            responses.append((400, {"x-amzn-errortype": "%s:http://internal.amazon.com/coral/%s/" % (e, prefix)},
                              json.dumps({"__type": "%s:http://internal.amazon.com/coral/%s/" % (e, prefix),
                                          "Message": "capital M message"})))
        responses.append((400, {}, json.dumps({"__type": "ThrottlingException", "message": "Rate exceeded"})))
        responses.append((500, {}, ""))
        responses.append((503, {}, "<html><body><b>Http/1.1 Service Unavailable</b></body></html>"))
        responses.append((400, {}, ""))  # no body: botocore's code is the status
        responses.append((400, {"x-amzn-requestid": "r3"}, json.dumps({"__type": "ValidationException"})))
        responses.append((503, {}, "Service Unavailable"))  # not JSON: botocore keeps it as the message
        if model.metadata.get("awsQueryCompatible") is not None:
            responses.append((400, {"x-amzn-query-error": "NoSemicolon"},
                              json.dumps({"__type": prefix + "#LimitExceededException", "message": "m"})))
            responses.append((400, {"x-amzn-query-error": "ResourceNotFound;Sender"},
                              json.dumps({"__type": prefix + "#ResourceNotFoundException", "message": "no such alarm"})))
            responses.append((400, {"x-amzn-query-error": "InvalidParameterValue;Sender", "x-amzn-requestid": "r2"},
                              json.dumps({"__type": "InvalidParameterValueException", "Message": "bad value"})))
    else:
        for e in sample:
            responses.append((400, {}, '<ErrorResponse xmlns="https://%s.amazonaws.com/doc/"><Error><Type>Sender</Type>'
                                       '<Code>%s</Code><Message>The %s: &lt;id&gt; &amp; more</Message></Error>'
                                       '<RequestId>rid-%s</RequestId></ErrorResponse>' % (svc, e, e, e)))
        responses.append((400, {}, '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>'
                                   '<Message>Rate exceeded</Message></Error><RequestId>r-3</RequestId></ErrorResponse>'))
        responses.append((403, {}, '<ErrorResponse><Error><Code>AccessDenied</Code></Error>'
                                   '<RequestId>r-4</RequestId></ErrorResponse>'))
        responses.append((400, {}, '<Response><Errors><Error><Code>InvalidAction</Code><Message>nope</Message>'
                                   '</Error></Errors><RequestId>r-5</RequestId></Response>'))
        responses.append((500, {}, ""))
        responses.append((503, {}, "<html><body><b>Http/1.1 Service Unavailable</b></body></html>"))
    for status, headers, body in responses:
        parsed = parser.parse({"body": body.encode(), "headers": headers, "status_code": status}, None)
        err = parsed.get("Error", {})
        generic = status >= 500 and (body.strip() == "" or body.strip().startswith("<html>"))
        code = err.get("Code") or ""
        cases.append({"service": svc, "protocol": protocol, "status": status, "headers": headers, "body": body,
                      "code": code, "message": err.get("Message") or "",
                      "request_id": parsed.get("ResponseMetadata", {}).get("RequestId", ""),
                      # botocore's message is then the HTTP reason phrase, not from the body
                      "botocore_generic": generic,
                      # the body named no error: botocore's code is the HTTP status
                      "code_from_status": code == str(status)})


# ---------------------------------------------------------------- validation

# Invalid params against real operations. `path` and `contains` are what
# aws-mcp's issue must show; botocore's verdict is recorded next to them.
INVALID = [
    ("ecs", "DescribeServices", {"services": "web"}, "services", "expected array"),
    ("ecs", "DescribeServices", {"cluster": "c"}, "services", "required"),
    ("ecs", "DescribeServices", {"services": ["a"], "include": ["TAGS", "COLOURS"]}, "include[1]", "not one of"),
    ("ecs", "DescribeServices", {"services": ["a"], "clustr": "c"}, "clustr", "cluster"),
    ("ecs", "DescribeServices", {"services": [7]}, "services[0]", "expected string"),
    ("ecs", "ListServices", {"maxResults": "10"}, "maxResults", "expected integer"),
    ("ecs", "ListServices", {"maxResults": 1.5}, "maxResults", "expected integer"),
    ("logs", "DescribeLogGroups", {"limit": 0}, "limit", "below the minimum"),
    ("logs", "DescribeLogGroups", {"limit": 51}, "limit", "above the maximum"),
    ("logs", "DescribeLogGroups", {"logGroupNamePrefix": ""}, "logGroupNamePrefix", "below the minimum"),
    ("logs", "GetLogEvents", {"logStreamName": "s", "startFromHead": "yes"}, "startFromHead", "expected boolean"),
    ("logs", "FilterLogEvents", {"logGroupName": "g", "logStreamNames": []}, "logStreamNames", "below the minimum"),
    ("cloudwatch", "GetMetricStatistics", {"Namespace": "AWS/EC2", "MetricName": "CPU", "StartTime": "yesterday",
                                           "EndTime": "2024-01-02T00:00:00Z", "Period": 60}, "StartTime", "timestamp"),
    ("cloudwatch", "GetMetricStatistics", {"Namespace": "AWS/EC2", "MetricName": "CPU",
                                           "StartTime": "2024-01-01T00:00:00Z", "EndTime": "2024-01-02T00:00:00Z",
                                           "Period": 60, "Dimensions": [{"Name": "InstanceId"}]},
     "Dimensions[0].Value", "required"),
    ("cloudwatch", "GetMetricStatistics", {"Namespace": "AWS/EC2", "MetricName": "CPU",
                                           "StartTime": "2024-01-01T00:00:00Z", "EndTime": "2024-01-02T00:00:00Z",
                                           "Period": 60, "Statistics": ["Average", "Median"]},
     "Statistics[1]", "not one of"),
    ("iam", "GetRole", {}, "RoleName", "required"),
    ("iam", "GetRole", {"RoleName": ["r"]}, "RoleName", "expected string"),
    ("iam", "ListRoles", {"MaxItems": 0}, "MaxItems", "below the minimum"),
    ("sts", "GetCallerIdentity", {"Anything": 1}, "Anything", "(none)"),
    ("rds", "DescribeDBInstances", {"Filters": [{"Name": "engine", "Values": "mysql"}]}, "Filters[0].Values",
     "expected array"),
    ("rds", "DescribeDBInstances", {"Filters": {"Name": "engine"}}, "Filters", "expected array"),
    ("secretsmanager", "GetSecretValue", {"SecretId": "s", "VersionStage": ""}, "VersionStage", "below the minimum"),
    ("secretsmanager", "ListSecrets", {"Filters": [{"Key": "name", "Values": ["a"], "Extra": 1}]},
     "Filters[0].Extra", "Key, Values"),
    ("events", "ListRules", {"Limit": 101}, "Limit", "above the maximum"),
    ("events", "ListRules", {"Limit": True}, "Limit", "expected integer"),
    ("elbv2", "DescribeTags", {"ResourceArns": "arn:aws:elasticloadbalancing:x"}, "ResourceArns", "expected array"),
    ("secretsmanager", "CreateSecret", {"Name": "n", "SecretBinary": 5}, "SecretBinary", "expected string"),
    ("cloudformation", "CreateChangeSet", {"StackName": "s", "ChangeSetName": "c", "ResourcesToImport": [
        {"ResourceType": "T", "LogicalResourceId": "L", "ResourceIdentifier": {"k": 5}}]},
     "ResourcesToImport[0].ResourceIdentifier.k", "expected string"),
    # a union takes exactly one member
    # (contains "" = any message at that path)
    ("cloudwatch", "PutMetricAlarm", {"AlarmName": "a", "EvaluationCriteria": {}}, "EvaluationCriteria", ""),
    ("resourcegroupstaggingapi", "GetResources", {"TagFilters": [{"Key": "k", "Values": [None]}]},
     "TagFilters[0].Values[0]", "expected string"),
    ("ecr", "DescribeImages", {"repositoryName": "r", "imageIds": [{"imageTag": "t"}], "filter": {"tagStatus": 1}},
     "filter.tagStatus", "expected string"),
]

# Valid params that exercise edge rules; aws-mcp must accept them.
VALID_EDGE = [
    # lengths count characters: 3 two-byte characters in a max-length-3 field? (logs
    # DescribeLogGroups logGroupNamePattern has max 512; use a small-max shape instead)
    # the Smithy length trait counts characters (Unicode scalar values), not UTF-8 bytes:
    # 200 three-byte characters fit a max length of 512
    ("logs", "DescribeLogGroups", {"logGroupNamePrefix": "日" * 200}, "length counts characters, not bytes"),
    ("cloudwatch", "GetMetricStatistics", {"Namespace": "AWS/EC2", "MetricName": "CPU",
                                           "StartTime": "2024-01-01T00:00:00+02:00", "EndTime": 1704153600,
                                           "Period": 60, "Statistics": ["Average"]}, "offset and epoch timestamps"),
]


def py_value(v):
    """Params as boto3 users pass them (timestamps may stay strings: botocore parses them)."""
    return v


def validation_cases(session):
    out = {"invalid": [], "valid": []}
    for svc, op, params, path, contains in INVALID:
        model = session.get_service_model(svc)
        shape = model.operation_model(op).input_shape
        try:
            botocore.validate.validate_parameters(py_value(params), shape)
            verdict, report = False, ""
        except ParamValidationError as e:
            verdict, report = True, str(e)
        out["invalid"].append({"service": svc, "operation": op, "params": params, "path": path,
                               "contains": contains, "botocore_rejects": verdict, "botocore_report": report})
    for svc, op, params, why in VALID_EDGE:
        model = session.get_service_model(svc)
        shape = model.operation_model(op).input_shape
        botocore.validate.validate_parameters(py_value(params), shape)  # raises if botocore disagrees
        out["valid"].append({"service": svc, "operation": op, "params": params, "why": why})
    return out


# ---------------------------------------------------------------- timestamps

def timestamp_cases():
    epoch = []
    numbers = [0, 1, -1, 1.5, -1.5, 0.0000005, 0.0000015, 0.0000025, 1700000000.123456, 1700000000.1234565,
               1700000000.9999995, 1583789342.765, 1e9, 2147483648, 4102444800, -86400.25, 951782400.5]
    for _ in range(40):
        numbers.append(round(rng.uniform(0, 2_000_000_000), rng.choice([0, 3, 6, 7, 9])))
    for x in numbers:
        dt = datetime.datetime.fromtimestamp(x, UTC)
        epoch.append({"number": x, "iso": iso_for_us(dt), "seconds": calendar.timegm(dt.utctimetuple()),
                      "micros": dt.microsecond})
    strings = []
    texts = ["2024-01-02T03:04:05Z", "2024-01-02T03:04:05.5Z", "2024-01-02T03:04:05.123456Z",
             "2024-01-02T03:04:05.000001Z", "2024-01-02T03:04:05+02:00", "2024-01-02T03:04:05-05:30",
             "2024-01-02T03:04:05.25+0100", "2024-01-02", "2024-02-29T23:59:59Z", "1999-12-31T23:59:59-01:00",
             "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "2038-01-19T03:14:08Z", "2024-01-02 03:04:05Z",
             "2024-01-02T03:04:05z", "2024-01-02T03:04:05",
             "2024-01-02T03:04:05.1234567Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z"]
    for t in texts:
        dt = datetime.datetime.fromisoformat(t.replace("z", "Z").replace("Z", "+00:00"))
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=UTC)
        strings.append({"text": t, "iso": iso_for_us(dt), "seconds": calendar.timegm(dt.utctimetuple()),
                        "micros": dt.microsecond})
    invalid = ["", "yesterday", "2024-13-01T00:00:00Z", "2024-01-02T25:00:00Z", "2024-01-02T03:04Z",
               "2024-01-02T03:04:05.Z", "2024-01-02X03:04:05Z", "2024-01-02T03:04:05Zjunk", "12abc", "nan", "inf"]
    return {"epoch": epoch, "strings": strings, "invalid": invalid}


# ---------------------------------------------------------------- models

def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def model_facts(session):
    """What botocore reads from each shipped model, for service_model_test."""
    from botocore import xform_name
    loader = session.get_component("data_loader")
    out = {}
    for svc in SERVICES + REST_SERVICES:
        model = session.get_service_model(svc)
        md = model.metadata
        ops = {}
        for name in model.operation_names:
            op = model.operation_model(name)
            ops[name] = {
                "cli": xform_name(name, "-"),
                "input": op.input_shape.name if op.input_shape is not None else "",
                "output": op.output_shape.name if op.output_shape is not None else "",
                "result_wrapper": (op.output_shape.serialization.get("resultWrapper", "")
                                   if op.output_shape is not None else ""),
                "http_method": op.http.get("method", ""),
                "request_uri": op.http.get("requestUri", ""),
            }
        try:
            pag = loader.load_service_model(svc, "paginators-1")["pagination"]
        except Exception:
            pag = {}
        paginators = {}
        for name, p in pag.items():
            paginators[name] = {"input_tokens": as_list(p.get("input_token")),
                                "output_tokens": as_list(p.get("output_token")),
                                "result_keys": as_list(p.get("result_key")),
                                "non_aggregate_keys": as_list(p.get("non_aggregate_keys")),
                                "limit_key": p.get("limit_key", ""), "more_results": p.get("more_results", "")}
        out[svc] = {
            "metadata": {"service_id": md.get("serviceId", ""), "endpoint_prefix": model.endpoint_prefix,
                         "signing_name": model.signing_name, "protocol": md.get("protocol", ""),
                         "protocols": md.get("protocols", [md.get("protocol")]),
                         "json_version": md.get("jsonVersion", ""), "target_prefix": md.get("targetPrefix", ""),
                         "api_version": md.get("apiVersion", ""), "global_endpoint": md.get("globalEndpoint", "")},
            "operations": ops,
            "paginators": paginators,
        }
    return out


# ---------------------------------------------------------------- main

def write(path, data):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=None, separators=(",", ":"), sort_keys=True)
        f.write("\n")


def main(argv):
    out_dir = argv[0] if argv else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data",
                                                 "protocol")
    os.makedirs(out_dir, exist_ok=True)
    session = botocore.session.get_session()
    ser, par, err = [], [], []
    for svc in SERVICES:
        model = session.get_service_model(svc)
        ops = pick_operations(model)
        protocols = model.metadata.get("protocols", [model.protocol])
        # aws-mcp speaks json when offered, else query; cloudwatch offers both; ec2 its own.
        ours = [p for p in ("json", "query", "ec2") if p in protocols]
        namespace = "https://%s.amazonaws.com/doc/%s/" % (model.endpoint_prefix, model.api_version)
        for protocol in ours:
            serialize_cases(model, protocol, ops, ser)
            parse_cases(model, protocol, ops, par, namespace)
            error_cases(model, protocol, err)
    state = rng.getstate()
    for svc in REST_SERVICES:
        model = session.get_service_model(svc)
        ops = pick_operations(model)
        namespace = model.metadata.get("xmlNamespace", {}).get("uri", "") if isinstance(
            model.metadata.get("xmlNamespace"), dict) else "http://%s.amazonaws.com/doc/%s/" % (
            model.endpoint_prefix, model.api_version)
        serialize_cases(model, model.protocol, ops, ser)
        parse_cases(model, model.protocol, ops, par, namespace)
        error_cases(model, model.protocol, err)
    rng.setstate(state)
    meta = {"botocore_version": botocore.__version__, "seed": SEED, "generator": "scripts/gen_protocol_vectors.py"}
    write(os.path.join(out_dir, "serialize.json"), dict(meta, cases=ser))
    write(os.path.join(out_dir, "parse.json"), dict(meta, cases=par))
    write(os.path.join(out_dir, "errors.json"), dict(meta, cases=err))
    write(os.path.join(out_dir, "validation.json"), dict(meta, **validation_cases(session)))
    write(os.path.join(out_dir, "timestamps.json"), dict(meta, **timestamp_cases()))
    write(os.path.join(out_dir, "models.json"), dict(meta, services=model_facts(session)))
    for n in ("serialize", "parse", "errors", "validation", "timestamps", "models"):
        p = os.path.join(out_dir, n + ".json")
        print("%s: %d bytes" % (p, os.path.getsize(p)))
    print("cases: serialize %d, parse %d, errors %d" % (len(ser), len(par), len(err)))


if __name__ == "__main__":
    main(sys.argv[1:])
