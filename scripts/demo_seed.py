"""The seed document's sample infrastructure for the demo, created with boto3
on the emulator: the gateway cluster and service (desired 2) with tasks, six
ECR repositories with images, the production secret (metadata shown, value
never), and the gateway log group with recent ERROR lines.

scripts/demo.py imports it. Run alone, it seeds an emulator that is already
running:

    python3 scripts/demo_seed.py --endpoint http://127.0.0.1:5000

It refuses to run without an endpoint (it never seeds a real account)."""
import argparse
import json
import os
import sys
import time

CLUSTER = "codeguardians-gateway-cluster"
SERVICE = "codeguardians-gateway-service"
TASK_FAMILY = "codeguardians-gateway"
SECRET = "codeguardians-gateway/production"
LOG_GROUP = "/ecs/codeguardians-gateway"
# repository -> number of images pushed
REPOSITORIES = {
    "codeguardians-gateway": 5,
    "codeguardians-guard-pii": 3,
    "codeguardians-guard-toxicity": 2,
    "codeguardians-guard-jailbreak": 4,
    "codeguardians-guard-secrets": 1,
    "codeguardians-guard-code": 2,
}
# A value the demo must never print: the demo checks it is nowhere in the output.
SECRET_VALUE = json.dumps({"DATABASE_URL": "postgres://app:demo-pw-4f1c@db:5432/app", "OPENAI_API_KEY": "sk-demo-91ab"})


def _manifest(repo, n):
    digest = "sha256:%064x" % (abs(hash(("cfg", repo, n))) % (1 << 256))
    layer = "sha256:%064x" % (abs(hash(("layer", repo, n))) % (1 << 256))
    return json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 7023, "digest": digest},
        "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 31_000_000 + n,
                    "digest": layer}]})


def seed(client):
    """Creates everything through `client(service)` (a boto3 client factory)."""
    ecs = client("ecs")
    ecs.create_cluster(clusterName=CLUSTER)
    for version in ("1.4.1", "1.4.2"):
        ecs.register_task_definition(
            family=TASK_FAMILY,
            containerDefinitions=[{"name": "gateway", "image": "codeguardians-gateway:" + version, "essential": True,
                                   "cpu": 512, "memory": 1024,
                                   "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
                                   "logConfiguration": {"logDriver": "awslogs", "options": {
                                       "awslogs-group": LOG_GROUP, "awslogs-region": "us-east-1",
                                       "awslogs-stream-prefix": "gateway"}}}])
    # A task definition without FARGATE requirements and a made-up subnet:
    # moto 5.2 fails RunTask for awsvpc tasks in its own subnets (creating
    # their network interfaces) and does not check the subnet otherwise.
    ecs.create_service(cluster=CLUSTER, serviceName=SERVICE, taskDefinition=TASK_FAMILY + ":2", desiredCount=2,
                       launchType="FARGATE")
    ecs.run_task(cluster=CLUSTER, taskDefinition=TASK_FAMILY + ":2", count=2, launchType="FARGATE",
                 startedBy="ecs-svc/" + SERVICE,
                 networkConfiguration={"awsvpcConfiguration": {"subnets": ["subnet-0a1b2c3d"]}})

    ecr = client("ecr")
    for repo, count in REPOSITORIES.items():
        ecr.create_repository(repositoryName=repo, imageScanningConfiguration={"scanOnPush": True},
                              tags=[{"Key": "project", "Value": "codeguardians"}])
        for n in range(count):
            ecr.put_image(repositoryName=repo, imageManifest=_manifest(repo, n), imageTag="1.%d.0" % n)

    sm = client("secretsmanager")
    sm.create_secret(Name=SECRET, Description="Gateway production settings: database URL and model API keys",
                     SecretString=SECRET_VALUE,
                     Tags=[{"Key": "project", "Value": "codeguardians"}, {"Key": "env", "Value": "production"}])

    logs = client("logs")
    logs.create_log_group(logGroupName=LOG_GROUP)
    now = int(time.time() * 1000)
    lines = [
        "INFO  gateway started on :8080 (version 1.4.2)",
        "INFO  POST /v1/guard 200 41ms",
        "ERROR guard-pii: upstream timed out after 5000ms (request 7f3e)",
        "INFO  POST /v1/guard 200 38ms",
        "WARN  guard-toxicity slow: 2300ms",
        "ERROR guard-jailbreak: connection refused (10.0.3.17:9000)",
        "INFO  GET /health 200 1ms",
        "ERROR redis: READONLY You can't write against a read only replica",
    ]
    for s, stream in enumerate(("gateway/gateway/3f9a0c", "gateway/gateway/b71e24")):
        logs.create_log_stream(logGroupName=LOG_GROUP, logStreamName=stream)
        events = [{"timestamp": now - 15 * 60_000 + i * 60_000 + s * 7_000, "message": line}
                  for i, line in enumerate(lines[s::2] if s else lines)]
        logs.put_log_events(logGroupName=LOG_GROUP, logStreamName=stream, logEvents=events)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Seed a running AWS emulator (moto) with the demo's sample infrastructure.")
    parser.add_argument("--endpoint", default=os.environ.get("AWS_ENDPOINT_URL"),
                        help="the emulator's URL, e.g. http://127.0.0.1:5000 (default: $AWS_ENDPOINT_URL)")
    parser.add_argument("--region", default="us-east-1", help="region to create the resources in (default us-east-1)")
    args = parser.parse_args(argv)
    if not args.endpoint:
        parser.print_usage(sys.stderr)
        print("demo_seed.py: give --endpoint (or AWS_ENDPOINT_URL): the URL of a running emulator such as "
              "`python3 -m moto.server -p 5000`. Nothing was seeded.", file=sys.stderr)
        return 2
    import boto3  # only when seeding: the demo imports this module for its names too
    from botocore.exceptions import BotoCoreError, ClientError

    def client(service):
        return boto3.client(service, endpoint_url=args.endpoint, region_name=args.region,
                            aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
                            aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"))
    try:
        seed(client)
    except (BotoCoreError, ClientError) as e:
        print("demo_seed.py: seeding %s failed: %s" % (args.endpoint, e), file=sys.stderr)
        return 1
    print("seeded %s (%s): cluster %s, service %s, %d repositories, secret %s, log group %s" % (
        args.endpoint, args.region, CLUSTER, SERVICE, len(REPOSITORIES), SECRET, LOG_GROUP))
    return 0


if __name__ == "__main__":
    sys.exit(main())
