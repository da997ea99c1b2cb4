"""The seed document's sample infrastructure ("AIGuards"), created with boto3
on the emulator: used by the integration tests and by scripts/demo.py."""
import json
import time

CLUSTER = "codeguardians-gateway-cluster"
SERVICE = "codeguardians-gateway-service"
SECRET = "codeguardians-gateway/production"
LOG_GROUP = "/ecs/codeguardians-gateway"
REPOS = ["codeguardians-gateway", "guard-pii", "guard-toxicity", "guard-jailbreak", "guard-secrets",
         "guard-code"]
DB = "codeguardians-db"
CACHE = "codeguardians-redis"
ROLE = "codeguardians-task-role"


def seed_ecs(moto):
    ecs = moto.client("ecs")
    ecs.create_cluster(clusterName=CLUSTER)
    ecs.register_task_definition(
        family="codeguardians-gateway",
        containerDefinitions=[{"name": "gateway", "image": "codeguardians-gateway:latest", "memory": 512,
                               "portMappings": [{"containerPort": 8080}]}])
    ecs.create_service(cluster=CLUSTER, serviceName=SERVICE, taskDefinition="codeguardians-gateway",
                       desiredCount=2)
    for guard in REPOS[1:]:
        ecs.register_task_definition(family=guard, containerDefinitions=[{"name": guard, "image": guard,
                                                                          "memory": 256}])


def seed_ecr(moto, images_per_repo=3):
    ecr = moto.client("ecr")
    for repo in REPOS:
        ecr.create_repository(repositoryName=repo)
        for i in range(images_per_repo):
            digest = "sha256:" + ("%064x" % (hash((repo, i)) & (2**256 - 1)))
            manifest = json.dumps({
                "schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1000,
                           "digest": digest},
                "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                            "size": 1000 * (i + 1), "digest": digest}]})
            ecr.put_image(repositoryName=repo, imageManifest=manifest, imageTag=f"v1.{i}")


def seed_secret(moto, value):
    sm = moto.client("secretsmanager")
    sm.create_secret(Name=SECRET, Description="gateway production settings", SecretString=value,
                     Tags=[{"Key": "project", "Value": "codeguardians"}])


def seed_logs(moto, errors=3):
    logs = moto.client("logs")
    logs.create_log_group(logGroupName=LOG_GROUP)
    logs.create_log_stream(logGroupName=LOG_GROUP, logStreamName="gateway/app/1")
    now = int(time.time() * 1000)
    events = []
    for i in range(10):
        level = "ERROR" if i < errors else "INFO"
        events.append({"timestamp": now - (10 - i) * 1000, "message": f"{level} request {i} handled"})
    logs.put_log_events(logGroupName=LOG_GROUP, logStreamName="gateway/app/1", logEvents=events)


def seed_data_stores(moto):
    rds = moto.client("rds")
    rds.create_db_instance(DBInstanceIdentifier=DB, Engine="postgres", DBInstanceClass="db.t3.micro",
                           MasterUsername="app", MasterUserPassword="not-a-real-password", AllocatedStorage=20)
    ec = moto.client("elasticache")
    ec.create_cache_cluster(CacheClusterId=CACHE, Engine="redis", CacheNodeType="cache.t3.micro",
                            NumCacheNodes=1)


def seed_load_balancer(moto):
    ec2 = moto.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"us-east-1{z}")
               ["Subnet"]["SubnetId"] for i, z in enumerate("ab")]
    elb = moto.client("elbv2")
    lb = elb.create_load_balancer(Name="codeguardians-alb", Subnets=subnets)["LoadBalancers"][0]
    tg = elb.create_target_group(Name="codeguardians-tg", Protocol="HTTP", Port=8080, VpcId=vpc,
                                 TargetType="ip")["TargetGroups"][0]
    elb.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
    elb.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": "10.0.0.10", "Port": 8080}])
    return lb, tg


def seed_iam(moto):
    iam = moto.client("iam")
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service":
             "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=json.dumps(trust), Description="gateway tasks")
    iam.put_role_policy(RoleName=ROLE, PolicyName="read-secret", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                                                 "Resource": "*"}]}))


def seed_monitoring(moto):
    cw = moto.client("cloudwatch")
    cw.put_metric_data(Namespace="AWS/ECS", MetricData=[
        {"MetricName": "CPUUtilization", "Dimensions": [{"Name": "ClusterName", "Value": CLUSTER},
                                                        {"Name": "ServiceName", "Value": SERVICE}],
         "Value": v, "Unit": "Percent"} for v in (12.5, 40.0, 77.0)])
    cw.put_metric_alarm(AlarmName="gateway-cpu-high", MetricName="CPUUtilization", Namespace="AWS/ECS",
                        Statistic="Average", Period=60, EvaluationPeriods=1, Threshold=80.0,
                        ComparisonOperator="GreaterThanThreshold",
                        Dimensions=[{"Name": "ServiceName", "Value": SERVICE}])
    events = moto.client("events")
    events.put_rule(Name="codeguardians-deploys", EventPattern=json.dumps({"source": ["aws.ecs"]}))


def seed_all(moto, secret_value):
    seed_ecs(moto)
    seed_ecr(moto)
    seed_secret(moto, secret_value)
    seed_logs(moto)
    seed_data_stores(moto)
    seed_load_balancer(moto)
    seed_iam(moto)
    seed_monitoring(moto)
