#!/usr/bin/env python3
"""Extracts the AWS service models aws-mcp ships from an installed botocore.

For each service name given (the AWS CLI / botocore name: ecs, logs, ...; by
default every service botocore ships), writes into models/<name>/ the newest
API version's service-2.json, paginators-1.json, waiters-2.json and
endpoint-rule-set-1.json, minified: documentation is cut to its first sentence
(plain text), and examples and other presentation-only fields are dropped.
models/partitions.json is botocore's partition table, used by the endpoint
rules. The models are the AWS SDK data files, Apache-2.0 licensed; see
models/NOTICE.

Usage: scripts/extract_models.py [SERVICE ...]
"""
import html
import json
import os
import re
import sys

import botocore
import botocore.loaders

DOC_LIMIT = 200
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


def optional(loader, name, kind, empty):
    try:
        return loader.load_service_model(name, kind)
    except Exception:  # this service has no such file
        return empty


def extract(loader, root, name):
    service = strip(loader.load_service_model(name, "service-2"))
    service.setdefault("metadata", {})["botocoreVersion"] = botocore.__version__
    write(os.path.join(root, name, "service-2.json"), service)
    write(os.path.join(root, name, "paginators-1.json"), optional(loader, name, "paginators-1", {"pagination": {}}))
    waiters = optional(loader, name, "waiters-2", None)
    if waiters:
        write(os.path.join(root, name, "waiters-2.json"), strip(waiters))
    rules = optional(loader, name, "endpoint-rule-set-1", None)
    if rules:
        write(os.path.join(root, name, "endpoint-rule-set-1.json"), strip(rules))


def main(argv):
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models")
    loader = botocore.loaders.Loader()
    names = argv or sorted(loader.list_available_services("service-2"))
    for name in names:
        extract(loader, root, name)
    write(os.path.join(root, "partitions.json"), loader.load_data("partitions"))
    print(f"{len(names)} services extracted into {os.path.normpath(root)}")


if __name__ == "__main__":
    main(sys.argv[1:])
