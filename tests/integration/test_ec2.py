"""EC2 through its own protocol flavour (query requests with flattened lists
and capitalised names, XML answers without a result wrapper), compared with
boto3 on the same emulator."""
import unittest

from harness import IntegrationTestCase, oracle_paginate, setUpModule, tearDownModule  # noqa: F401


class Ec2Test(IntegrationTestCase):
    server_args = ["--cache-ttl", "0"]

    @classmethod
    def seed(cls):
        ec2 = cls.moto.client("ec2")
        cls.vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
        ec2.create_tags(Resources=[cls.vpc], Tags=[{"Key": "Name", "Value": "gateway-vpc"}])
        for i, zone in enumerate("abc"):
            ec2.create_subnet(VpcId=cls.vpc, CidrBlock="10.20.%d.0/24" % i, AvailabilityZone="us-east-1" + zone)
        ec2.create_security_group(GroupName="gateway-sg", Description="gateway tasks", VpcId=cls.vpc)
        image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
        for _ in range(7):  # seven reservations: DescribeInstances pages by reservation
            ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro")
        cls.ec2 = ec2

    def test_regions(self):
        self.assertCallMatches(self.ec2.describe_regions(), "ec2", "DescribeRegions")
        self.assertCallMatches(self.ec2.describe_regions(AllRegions=True), "ec2", "describe-regions",
                               {"AllRegions": True})
        self.assertCallMatches(self.ec2.describe_regions(RegionNames=["eu-west-1", "us-east-1"]), "ec2",
                               "DescribeRegions", {"RegionNames": ["eu-west-1", "us-east-1"]})

    def test_network(self):
        self.assertCallMatches(self.ec2.describe_vpcs(VpcIds=[self.vpc]), "ec2", "DescribeVpcs", {"VpcIds": [self.vpc]})
        filters = [{"Name": "vpc-id", "Values": [self.vpc]}, {"Name": "availability-zone",
                                                                  "Values": ["us-east-1a", "us-east-1b"]}]
        got = self.assertCallMatches(self.ec2.describe_subnets(Filters=filters), "ec2", "DescribeSubnets",
                                     {"Filters": filters})
        self.assertEqual(len(got["Subnets"]), 2)
        sg_filter = [{"Name": "group-name", "Values": ["gateway-sg"]}]
        self.assertCallMatches(self.ec2.describe_security_groups(Filters=sg_filter), "ec2",
                               "DescribeSecurityGroups", {"Filters": sg_filter})

    def test_instances_paginate_as_boto3(self):
        expected, truncated = oracle_paginate(self.ec2, "describe_instances", {"MaxResults": 5}, max_items=3)
        got = self.assertToolOk(self.server.aws_call("ec2", "DescribeInstances", {"MaxResults": 5}, max_items=3))
        self.assertTrue(truncated)
        got.pop("NextToken")
        self.assertEqual(got, expected)

    def test_errors_and_refusals(self):
        result = self.server.aws_call("ec2", "DescribeVpcs", {"VpcIds": ["vpc-00000000000000000"]})
        self.assertToolError(result, "InvalidVpcID.NotFound")
        for action in ["GetPasswordData", "GetConsoleOutput"]:
            self.assertToolError(self.server.aws_call("ec2", action, {"InstanceId": "i-0123456789abcdef0"}),
                                 "SecretRead")
        self.assertToolError(self.server.aws_call("ec2", "TerminateInstances", {"InstanceIds": ["i-1"]}),
                             "ReadOnly")


if __name__ == "__main__":
    unittest.main()
