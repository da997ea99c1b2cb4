#!/usr/bin/env python3
"""Extracts the AWS service models aws-mcp ships from an installed botocore.

For each service name given (the AWS CLI / botocore name: ecs, logs, ...), writes
models/<name>/service-2.json and models/<name>/paginators-1.json, minified:
documentation is cut to its first sentence (plain text), and examples and
other presentation-only fields are dropped. The models are the AWS SDK data
files, Apache-2.0 licensed; see models/NOTICE.

Usage: scripts/extract_models.py [SERVICE ...]   (default: the shipped list)
"""
import html
import json
import os
import re
import sys

import botocore
import botocore.loaders

SHIPPED = ["ecs", "ecr", "secretsmanager", "logs", "sts", "cloudwatch", "rds", "elasticache",
           "elbv2", "iam", "cloudformation", "resourcegroupstaggingapi", "events", "ec2",
           # rest-json and rest-xml
           "s3", "lambda", "apigateway", "route53", "cloudfront", "eks"]
DOC_LIMIT = 200
# xmlNamespace stays: rest-xml request bodies declare it (S3, Route 53, CloudFront).
DROP_KEYS = {"documentationUrl", "examples", "deprecatedMessage"}


def first_sentence(doc):
    text = html.unescape(re.sub(r"<[^>]+>", " ", doc or ""))
    text = " ".join(text.split())
    m = re.search(r"(.+?[.!?])(\s|$)", text)
    if m:
        text = m.group(1)
    if len(text) > DOC_LIMIT:
        text = text[: DOC_LIMIT - 3].rstrip() + "..."
    return text


def strip(node):
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k in DROP_KEYS:
                continue
            if k == "documentation":
                s = first_sentence(v)
                if s:
                    out[k] = s
                continue
            out[k] = strip(v)
        return out
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
        f.write("\n")


def main(argv):
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models")
    loader = botocore.loaders.Loader()
    for name in argv or SHIPPED:
        service = loader.load_service_model(name, "service-2")
        service = strip(service)
        service.setdefault("metadata", {})["botocoreVersion"] = botocore.__version__
        write(os.path.join(root, name, "service-2.json"), service)
        try:
            pag = loader.load_service_model(name, "paginators-1")
        except Exception:  # a service without paginators
            pag = {"pagination": {}}
        write(os.path.join(root, name, "paginators-1.json"), pag)
        print(f"{name}: {os.path.getsize(os.path.join(root, name, 'service-2.json'))} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
