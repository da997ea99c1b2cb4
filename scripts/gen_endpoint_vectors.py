#!/usr/bin/env python3
"""Records endpoint vectors from botocore's own EndpointRulesetResolver.

For every service botocore ships, over a table of regions across the
partitions, with FIPS and dual-stack on and off, this asks botocore where one
or two of the service's operations go (URL, headers, properties such as the
auth schemes) or what error it raises, and writes
tests/data/endpoints/botocore-resolver-vectors.json.gz. The unit test
EndpointResolverVectors replays every row through aws-mcp's EndpointResolver.

One client per service gives botocore's built-in values (the S3 and STS
settings at their defaults); each row varies Region, UseFIPS and UseDualStack
as the client config would, and resolves with botocore's resolver and the
client's event handlers. Operations: the first by name, and the first with
staticContextParams when there is one. No input members are passed.

Usage: scripts/gen_endpoint_vectors.py [OUT]
"""
import gzip
import json
import os
import sys

import botocore
import botocore.session
from botocore.exceptions import BotoCoreError, ClientError
from botocore.regions import EndpointRulesetResolver

REGIONS = [
    "us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1", "ca-west-1", "aws-global",
    "cn-north-1", "cn-northwest-1",
    "us-gov-west-1", "us-gov-east-1",
    "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1",
    "eusc-de-east-1",
]
FLAGS = [(False, False), (True, False), (False, True), (True, True)]


def operations(model):
    names = sorted(model.operation_names)
    chosen = names[:1]
    for n in names:
        if model.operation_model(n).static_context_parameters and n not in chosen:
            chosen.append(n)
            break
    return chosen


def resolve(client, ruleset, partitions, op, region, fips, dual):
    base = client._ruleset_resolver
    builtins = dict(base._builtins)
    builtins.update({"AWS::Region": region, "AWS::UseFIPS": fips, "AWS::UseDualStack": dual})
    resolver = EndpointRulesetResolver(
        endpoint_ruleset_data=ruleset, partition_data=partitions, service_model=client.meta.service_model,
        builtins=builtins, client_context=base._client_context, event_emitter=client.meta.events, use_ssl=True)
    try:
        ep = resolver.construct_endpoint(client.meta.service_model.operation_model(op), {}, {})
    except (BotoCoreError, ClientError) as e:
        # A rule's error comes as EndpointResolutionError(msg) or, for a
        # parameter the rules require, ParamValidationError(report).
        kwargs = getattr(e, "kwargs", {})
        return {"error": str(kwargs.get("msg") or kwargs.get("report") or e)}
    return {"url": ep.url, "headers": ep.headers, "properties": ep.properties}


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        root, "tests", "data", "endpoints", "botocore-resolver-vectors.json.gz")
    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    partitions = loader.load_data("partitions")
    rows = []
    for service in sorted(session.get_available_services()):
        try:
            ruleset = loader.load_service_model(service, "endpoint-rule-set-1")
        except Exception:  # no rule set: nothing to compare
            continue
        client = session.create_client(service, region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE",
                                       aws_secret_access_key="not-a-secret")
        for op in operations(client.meta.service_model):
            for region in REGIONS:
                for fips, dual in FLAGS:
                    rows.append([service, op, region, fips, dual,
                                 resolve(client, ruleset, partitions, op, region, fips, dual)])
    doc = {"botocore": botocore.__version__, "regions": REGIONS, "rows": rows}
    data = json.dumps(doc, separators=(",", ":"), sort_keys=True).encode()
    with gzip.GzipFile(out, "wb", mtime=0, compresslevel=9) as f:
        f.write(data)
    print(f"{len(rows)} rows, {len(data)} bytes before compression -> {out}")


if __name__ == "__main__":
    main()
