#!/usr/bin/env python3
"""Generates SigV4 test vectors from botocore's signer (the oracle).

Each case is a request, fake credentials, region, service and a fixed time,
with botocore's canonical request, string to sign, signature and
Authorization header. Output: tests/data/sigv4/vectors.json (checked in).
The keys are made-up examples, not credentials.
"""
import datetime
import json
import os
from unittest import mock

import botocore
from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "sigv4", "vectors.json")
KEY_ID = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"  # the public AWS documentation example
TOKEN = "FQoGZXIvYXdzEXAMPLETOKEN//////////wEaDEXAMPLE="

JSON_TYPE = "application/x-amz-json-1.1"
FORM_TYPE = "application/x-www-form-urlencoded; charset=utf-8"

CASES = [
    # name, method, url, headers, body, region, service, token, time
    ("json-ecs", "POST", "https://ecs.us-east-1.amazonaws.com/",
     {"Content-Type": JSON_TYPE, "X-Amz-Target": "AmazonEC2ContainerServiceV20141113.DescribeServices"},
     '{"cluster":"c","services":["s"]}', "us-east-1", "ecs", False, "2024-01-02T03:04:05"),
    ("json-logs-token", "POST", "https://logs.eu-west-1.amazonaws.com/",
     {"Content-Type": JSON_TYPE, "X-Amz-Target": "Logs_20140328.FilterLogEvents"},
     '{"logGroupName":"/ecs/x","filterPattern":"ERROR"}', "eu-west-1", "logs", True, "2023-12-31T23:59:59"),
    ("json-empty-body", "POST", "https://secretsmanager.us-west-2.amazonaws.com/",
     {"Content-Type": JSON_TYPE, "X-Amz-Target": "secretsmanager.ListSecrets"}, "{}", "us-west-2",
     "secretsmanager", False, "2025-06-30T12:00:00"),
    ("query-sts", "POST", "https://sts.us-east-1.amazonaws.com/", {"Content-Type": FORM_TYPE},
     "Action=GetCallerIdentity&Version=2011-06-15", "us-east-1", "sts", False, "2024-02-29T00:00:00"),
    ("query-iam-global", "POST", "https://iam.amazonaws.com/", {"Content-Type": FORM_TYPE},
     "Action=ListRoles&Version=2010-05-08&PathPrefix=%2Fservice-role%2F", "us-east-1", "iam", True,
     "2024-07-04T18:30:00"),
    ("query-rds-lists", "POST", "https://rds.ap-southeast-2.amazonaws.com/", {"Content-Type": FORM_TYPE},
     "Action=DescribeDBInstances&Version=2014-10-31&Filters.Filter.1.Name=engine&Filters.Filter.1.Values.Value.1=postgres",
     "ap-southeast-2", "rds", False, "2024-03-10T10:10:10"),
    ("port-in-host", "POST", "http://127.0.0.1:5000/", {"Content-Type": JSON_TYPE, "X-Amz-Target": "x.Y"}, "{}",
     "us-east-1", "ecs", False, "2024-01-01T00:00:00"),
    ("default-https-port", "POST", "https://ecs.us-east-1.amazonaws.com:443/", {"Content-Type": JSON_TYPE}, "{}",
     "us-east-1", "ecs", False, "2024-01-01T00:00:00"),
    ("get-query-sorted", "GET", "https://example.us-east-1.amazonaws.com/path?b=2&a=1&a=0", {}, "", "us-east-1",
     "execute-api", False, "2024-05-05T05:05:05"),
    ("get-query-encoded", "GET", "https://example.us-east-1.amazonaws.com/?q=a%20b&slash=%2Fx&tilde=~y&empty=",
     {}, "", "us-east-1", "execute-api", False, "2024-05-05T05:05:05"),
    ("get-query-unicode", "GET", "https://example.us-east-1.amazonaws.com/?name=%E6%97%A5%E6%9C%AC&x=%3D", {}, "",
     "us-east-1", "execute-api", False, "2024-05-05T05:05:05"),
    ("get-key-without-value", "GET", "https://example.us-east-1.amazonaws.com/?flag&z=1", {}, "", "us-east-1",
     "execute-api", False, "2024-05-05T05:05:05"),
    ("path-segments", "GET", "https://example.us-east-1.amazonaws.com/a/b/c.txt", {}, "", "us-east-1",
     "execute-api", False, "2024-05-05T05:05:05"),
    ("path-dot-segments", "GET", "https://example.us-east-1.amazonaws.com/a/./b/../c", {}, "", "us-east-1",
     "execute-api", False, "2024-05-05T05:05:05"),
    ("path-trailing-slash", "GET", "https://example.us-east-1.amazonaws.com/a/b/", {}, "", "us-east-1",
     "execute-api", False, "2024-05-05T05:05:05"),
    ("header-whitespace", "POST", "https://ecs.us-east-1.amazonaws.com/",
     {"Content-Type": JSON_TYPE, "X-Amz-Target": "  spaced   value  here ", "X-Custom": "a\tb"}, "{}",
     "us-east-1", "ecs", False, "2024-01-01T00:00:00"),
    ("user-agent-unsigned", "POST", "https://ecs.us-east-1.amazonaws.com/",
     {"Content-Type": JSON_TYPE, "User-Agent": "aws-mcp/0.1", "X-Amzn-Trace-Id": "Root=1-abc"}, "{}",
     "us-east-1", "ecs", False, "2024-01-01T00:00:00"),
    ("unicode-body", "POST", "https://logs.us-east-1.amazonaws.com/",
     {"Content-Type": JSON_TYPE, "X-Amz-Target": "Logs_20140328.DescribeLogGroups"},
     '{"logGroupNamePrefix":"/日本"}', "us-east-1", "logs", False, "2024-01-01T00:00:00"),
    ("cn-region", "POST", "https://ecs.cn-north-1.amazonaws.com.cn/", {"Content-Type": JSON_TYPE}, "{}",
     "cn-north-1", "ecs", True, "2024-08-08T08:08:08"),
    ("gov-region", "POST", "https://ecs.us-gov-west-1.amazonaws.com/", {"Content-Type": JSON_TYPE}, "{}",
     "us-gov-west-1", "ecs", False, "2024-08-08T08:08:08"),
    ("large-body", "POST", "https://ecs.us-east-1.amazonaws.com/", {"Content-Type": JSON_TYPE},
     json.dumps({"services": ["svc-%03d" % i for i in range(300)]}), "us-east-1", "ecs", False,
     "2024-01-01T00:00:00"),
    ("midnight-date-boundary", "POST", "https://elasticloadbalancing.us-east-1.amazonaws.com/",
     {"Content-Type": FORM_TYPE}, "Action=DescribeTargetHealth&Version=2015-12-01", "us-east-1",
     "elasticloadbalancing", True, "2024-12-31T23:59:59"),
    ("monitoring", "POST", "https://monitoring.us-east-1.amazonaws.com/",
     {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "GraniteServiceVersion20100801.DescribeAlarms",
      "x-amzn-query-mode": "true"}, "{}", "us-east-1", "monitoring", False, "2024-01-01T00:00:00"),
]


# S3's flavour (S3SigV4Auth): the path as sent, X-Amz-Content-SHA256 signed.
S3_CASES = [
    ("s3-get-object-encoded-key", "GET", "https://s3.us-east-1.amazonaws.com/my-bucket/logs/sub%20dir/b%2Bc.txt",
     {}, "", "us-east-1", "s3", False, "2024-02-03T04:05:06"),
    ("s3-dot-segments-kept", "GET", "https://s3.us-east-1.amazonaws.com/my-bucket/a/../b/./c", {}, "",
     "us-east-1", "s3", False, "2024-02-03T04:05:06"),
    ("s3-list-objects-v2-query", "GET",
     "https://s3.eu-west-1.amazonaws.com/my-bucket?list-type=2&prefix=logs%2F&delimiter=%2F", {}, "",
     "eu-west-1", "s3", True, "2024-02-03T04:05:06"),
    ("s3-put-with-body", "PUT", "https://s3.us-east-1.amazonaws.com/my-bucket/k?tagging",
     {"Content-MD5": "1B2M2Y8AsgTpgAmY7PhCfg=="}, "<Tagging><TagSet/></Tagging>", "us-east-1", "s3", False,
     "2024-02-03T04:05:06"),
    ("s3-unicode-key", "HEAD", "https://s3.us-east-1.amazonaws.com/my-bucket/%E6%97%A5%E6%9C%AC.txt", {}, "",
     "us-east-1", "s3", False, "2024-02-03T04:05:06"),
]


def sign(method, url, headers, body, region, service, token, when, s3=False):
    creds = Credentials(KEY_ID, SECRET, TOKEN if token else None)
    request = AWSRequest(method=method, url=url, headers=dict(headers), data=body.encode("utf-8"))
    t = datetime.datetime.strptime(when, "%Y-%m-%dT%H:%M:%S")
    auth = (S3SigV4Auth if s3 else SigV4Auth)(creds, service, region)
    with mock.patch("botocore.auth.get_current_datetime", return_value=t):
        auth.add_auth(request)
    # Recompute the stages on the request as it was signed (without Authorization).
    signed_state = AWSRequest(method=method, url=url, data=request.data,
                              headers={k: v for k, v in request.headers.items() if k.lower() != "authorization"})
    signed_state.context = request.context
    canonical = auth.canonical_request(signed_state)
    string_to_sign = auth.string_to_sign(signed_state, canonical)
    return {
        "canonical_request": canonical,
        "string_to_sign": string_to_sign,
        "signature": auth.signature(string_to_sign, request),
        "authorization": request.headers["Authorization"],
        "amz_date": request.headers["X-Amz-Date"],
    }


def main():
    cases = []
    for (name, method, url, headers, body, region, service, token, when), s3 in (
            [(c, False) for c in CASES] + [(c, True) for c in S3_CASES]):
        expected = sign(method, url, headers, body, region, service, token, when, s3)
        cases.append({"name": name, "method": method, "url": url, "headers": [[k, v] for k, v in headers.items()],
                      "body": body, "region": region, "service": service, "s3": s3,
                      "access_key_id": KEY_ID, "secret_access_key": SECRET, "session_token": TOKEN if token else "",
                      "time": when + "Z", "expected": expected})
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"botocore": botocore.__version__, "cases": cases}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{len(cases)} cases -> {OUT}")


if __name__ == "__main__":
    main()
