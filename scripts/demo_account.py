#!/usr/bin/env python3
"""Creates a small AWS account with deliberate misconfigurations in a moto server.

Used by ./scripts/demo and by the end-to-end tests, which assert the exact findings
for each resource below. Prints a JSON map of what it created (ids the tests need).

Usage: demo_account.py ENDPOINT_URL
"""
import json
import sys

import boto3
from botocore.config import Config

ACCOUNT = "123456789012"
ADMIN = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def main():
    endpoint = sys.argv[1]
    cfg = Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2})
    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")

    def client(name, region="us-east-1"):
        return session.client(name, region_name=region, endpoint_url=endpoint, config=cfg)

    out = {}

    # IAM: weak password policy, an admin (*:*) customer policy attached straight to a
    # user who has a console password and no MFA.
    iam = client("iam")
    iam.update_account_password_policy(MinimumPasswordLength=8, PasswordReusePrevention=1,
                                       RequireSymbols=False, RequireNumbers=True)
    admin = iam.create_policy(PolicyName="demo-admin-everything", PolicyDocument=json.dumps(ADMIN))["Policy"]["Arn"]
    iam.create_user(UserName="demo-alice")
    iam.create_login_profile(UserName="demo-alice", Password="Passw0rd!demo", PasswordResetRequired=False)
    iam.attach_user_policy(UserName="demo-alice", PolicyArn=admin)
    iam.create_group(GroupName="demo-readers")
    iam.create_user(UserName="demo-bob")
    iam.add_user_to_group(GroupName="demo-readers", UserName="demo-bob")
    out["admin_policy_arn"] = admin

    # S3: a bucket anyone can write to; a locked-down one (block public access, TLS only).
    s3 = client("s3")
    s3.create_bucket(Bucket="demo-public-uploads")
    s3.put_bucket_policy(Bucket="demo-public-uploads", Policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"],
                       "Resource": "arn:aws:s3:::demo-public-uploads/*"}]}))
    s3.create_bucket(Bucket="demo-private-records")
    s3.put_public_access_block(Bucket="demo-private-records", PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    s3.put_bucket_policy(Bucket="demo-private-records", Policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
                       "Resource": ["arn:aws:s3:::demo-private-records", "arn:aws:s3:::demo-private-records/*"],
                       "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
    s3.create_bucket(Bucket="demo-trail-logs")

    # CloudTrail: a single-region trail without log file validation.
    ct = client("cloudtrail")
    ct.create_trail(Name="demo-trail", S3BucketName="demo-trail-logs", IsMultiRegionTrail=False,
                    EnableLogFileValidation=False)
    ct.start_logging(Name="demo-trail")
    out["trail_arn"] = f"arn:aws:cloudtrail:us-east-1:{ACCOUNT}:trail/demo-trail"

    # EC2 (us-east-1): SSH open to the world on a group in use; a restricted group; an
    # unencrypted volume; an instance allowing IMDSv1 without an instance profile.
    ec2 = client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/24")["Subnet"]["SubnetId"]
    open_sg = ec2.create_security_group(GroupName="demo-ssh-open", Description="demo", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=open_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    closed_sg = ec2.create_security_group(GroupName="demo-ssh-office", Description="demo", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=closed_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
    instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro",
                                 SubnetId=subnet, SecurityGroupIds=[open_sg, closed_sg],
                                 MetadataOptions={"HttpTokens": "optional", "HttpEndpoint": "enabled"})
    out["instance_id"] = instance["Instances"][0]["InstanceId"]
    volume = ec2.create_volume(AvailabilityZone="us-east-1a", Size=8, Encrypted=False)["VolumeId"]
    out.update(open_sg=open_sg, closed_sg=closed_sg, volume_id=volume, vpc_id=vpc)

    # KMS: a customer key without rotation.
    kms = client("kms")
    key = kms.create_key(Description="demo key", MultiRegion=False)["KeyMetadata"]["KeyId"]
    out["kms_key_id"] = key

    # RDS: a public, unencrypted database.
    rds = client("rds")
    rds.create_db_instance(DBInstanceIdentifier="demo-db", DBInstanceClass="db.t3.micro", Engine="postgres",
                           MasterUsername="admin", MasterUserPassword="password123", AllocatedStorage=20,
                           PubliclyAccessible=True, StorageEncrypted=False, MultiAZ=False)

    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
