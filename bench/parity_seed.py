#!/usr/bin/env python3
"""Seeds a moto account with the cases of issue #19, where kestrel's verdicts used to
differ from Prowler's: a multi-region trail homed in us-west-2 (scan us-east-1 and
eu-west-1 only), network ACLs in a region with and one without a security group of its
own, a group open on every port next to one open on SSH, an EventBridge bus and a KMS
key open to everyone, buckets whose TLS-only policies differ, and an account whose S3
Block Public Access was never set.

  parity_seed.py ENDPOINT   (prints what it made, as JSON)
"""
import json
import sys

import boto3

EP = sys.argv[1]


def c(service, region="us-east-1"):
    return boto3.client(service, endpoint_url=EP, region_name=region,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


made = {}

# 1. A multi-region trail that lives outside the scanned regions.
c("s3", "us-west-2").create_bucket(Bucket="parity-far-trail", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
ct = c("cloudtrail", "us-west-2")
ct.create_trail(Name="far-trail", S3BucketName="parity-far-trail", IsMultiRegionTrail=True, EnableLogFileValidation=True)
ct.start_logging(Name="far-trail")
ct.put_event_selectors(TrailName="far-trail", EventSelectors=[{
    "ReadWriteType": "WriteOnly", "IncludeManagementEvents": True,
    "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}])

# 2 and 3. us-east-1 has groups of its own (open on all ports, open on SSH, closed), in
# use by network interfaces, and a spare network ACL; eu-west-1 has only defaults.
ec2 = c("ec2")
vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
subnet = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"][0]["SubnetId"]
groups = {}
for name, perms in {
    "wide-open": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
    "ssh-open": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
    "closed": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}],
}.items():
    gid = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=perms)
    ec2.create_network_interface(SubnetId=subnet, Groups=[gid])
    groups[name] = gid
# Instances behind them, and one behind a group open on database and high-risk ports.
db = ec2.create_security_group(GroupName="db-open", Description="db", VpcId=vpc)["GroupId"]
ec2.authorize_security_group_ingress(GroupId=db, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": p, "ToPort": p, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
    for p in (3306, 5432, 6379, 27017, 9200, 11211, 25, 8080)] + [
    {"IpProtocol": "tcp", "FromPort": 1433, "ToPort": 1434, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])
groups["db-open"] = db
image = ec2.describe_images()["Images"]
ami = image[0]["ImageId"] if image else "ami-12c6146b"
for name, gid in groups.items():
    ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, SubnetId=subnet, SecurityGroupIds=[gid],
                      TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}])
# Unused groups: one referenced by another group's ingress rule (in use), one not.
ref = ec2.create_security_group(GroupName="referenced", Description="ref", VpcId=vpc)["GroupId"]
ec2.create_security_group(GroupName="forgotten", Description="old", VpcId=vpc)
ec2.authorize_security_group_ingress(GroupId=groups["closed"], IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": ref}]}])
# Confidential-workload hosts (Nitro Enclaves): one behind the database group with IMDSv1
# allowed, one behind the closed group requiring IMDSv2.
for gid, tokens in ((db, "optional"), (groups["closed"], "required")):
    ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, SubnetId=subnet, SecurityGroupIds=[gid],
                      EnclaveOptions={"Enabled": True}, MetadataOptions={"HttpTokens": tokens})
made["groups"] = groups

# Snapshots (one public and unencrypted, one private and encrypted), AMIs (one public),
# launch templates (one asking for a public IP in version 2), transit gateways.
vol = ec2.create_volume(AvailabilityZone="us-east-1a", Size=1)["VolumeId"]
enc = ec2.create_volume(AvailabilityZone="us-east-1a", Size=1, Encrypted=True)["VolumeId"]
open_snap = ec2.create_snapshot(VolumeId=vol)["SnapshotId"]
ec2.modify_snapshot_attribute(SnapshotId=open_snap, Attribute="createVolumePermission",
                              OperationType="add", GroupNames=["all"])
ec2.create_snapshot(VolumeId=enc)
inst = ec2.describe_instances()["Reservations"][0]["Instances"][0]["InstanceId"]
pub_ami = ec2.create_image(InstanceId=inst, Name="parity-public")["ImageId"]
ec2.modify_image_attribute(ImageId=pub_ami, LaunchPermission={"Add": [{"Group": "all"}]})
ec2.create_image(InstanceId=inst, Name="parity-private")
lt = ec2.create_launch_template(LaunchTemplateName="parity-lt", LaunchTemplateData={
    "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": False}]})["LaunchTemplate"]["LaunchTemplateId"]
ec2.create_launch_template_version(LaunchTemplateId=lt, LaunchTemplateData={
    "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": True}]})
ec2.create_launch_template(LaunchTemplateName="parity-lt-private", LaunchTemplateData={"InstanceType": "t3.micro"})
ec2.create_transit_gateway(Options={"AutoAcceptSharedAttachments": "enable"})
ec2.create_transit_gateway(Options={"AutoAcceptSharedAttachments": "disable"})

# Elastic IPs: one associated with an instance, one idle.
idle = ec2.allocate_address(Domain="vpc")
used = ec2.allocate_address(Domain="vpc")
first = ec2.describe_instances()["Reservations"][0]["Instances"][0]["InstanceId"]
ec2.associate_address(AllocationId=used["AllocationId"], InstanceId=first)
made["eips"] = {"idle": idle["PublicIp"], "used": used["PublicIp"]}
made["spare_acl"] = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]

# 4. An event bus open to every account, written as `arn:aws:iam::*:root`.
ev = c("events")
bus = ev.create_event_bus(Name="open-bus")["EventBusArn"]
ev.put_permission(EventBusName="open-bus", Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
    "Sid": "everyone", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::*:root"},
    "Action": "events:PutEvents", "Resource": bus}]}))
made["bus"] = bus

# 5. A KMS key whose policy lets anyone decrypt (no kms:*).
kms = c("kms")
key_policy = {"Version": "2012-10-17", "Statement": [
    {"Sid": "owner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
     "Action": "kms:*", "Resource": "*"},
    {"Sid": "anyone-decrypts", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}]}
made["open_key"] = kms.create_key(Policy=json.dumps(key_policy), MultiRegion=False)["KeyMetadata"]["KeyId"]

# 6. TLS-only bucket policies: uploads only, everything, none.
s3 = c("s3")
for name, actions in {"parity-tls-put-only": "s3:PutObject", "parity-tls-all": "s3:*", "parity-tls-none": None}.items():
    s3.create_bucket(Bucket=name)
    if actions:
        s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Deny", "Principal": "*", "Action": actions,
            "Resource": [f"arn:aws:s3:::{name}", f"arn:aws:s3:::{name}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))

# A well-kept bucket: KMS default encryption, logging, lifecycle, owner-enforced
# ownership, Object Lock (which needs versioning).
s3.create_bucket(Bucket="parity-kept", ObjectLockEnabledForBucket=True)
s3.put_bucket_encryption(Bucket="parity-kept", ServerSideEncryptionConfiguration={"Rules": [
    {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": made["open_key"]}}]})
s3.create_bucket(Bucket="parity-logs")
delivery = 'uri="http://acs.amazonaws.com/groups/s3/LogDelivery"'
s3.put_bucket_acl(Bucket="parity-logs", GrantWrite=delivery, GrantReadACP=delivery)
s3.put_bucket_logging(Bucket="parity-kept", BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": "parity-logs", "TargetPrefix": "kept/"}})
s3.put_bucket_lifecycle_configuration(Bucket="parity-kept", LifecycleConfiguration={"Rules": [
    {"ID": "expire", "Status": "Enabled", "Filter": {"Prefix": ""}, "Expiration": {"Days": 365}}]})
s3.put_bucket_ownership_controls(Bucket="parity-kept", OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]})
s3.put_bucket_versioning(Bucket="parity-tls-all", VersioningConfiguration={"Status": "Enabled"})

# Public ACLs: one bucket readable by everyone, one writable by any AWS account.
s3.create_bucket(Bucket="parity-acl-read")
s3.put_bucket_acl(Bucket="parity-acl-read", ACL="public-read")
s3.create_bucket(Bucket="parity-acl-write")
s3.put_bucket_acl(Bucket="parity-acl-write", GrantWrite='uri="http://acs.amazonaws.com/groups/global/AuthenticatedUsers"')

# Access points: one with every block (the default), one without.
s3c = c("s3control")
s3c.create_access_point(AccountId="123456789012", Name="ap-blocked", Bucket="parity-kept")
s3c.create_access_point(AccountId="123456789012", Name="ap-open", Bucket="parity-kept",
                        PublicAccessBlockConfiguration={"BlockPublicAcls": False, "IgnorePublicAcls": False,
                                                        "BlockPublicPolicy": False, "RestrictPublicBuckets": False})

# Lambda functions: an obsolete runtime outside any VPC, a current one inside the VPC.
import io
import zipfile
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("index.py", "def handler(event, context):\n    return 1\n")
role = c("iam").create_role(RoleName="parity-fn", AssumeRolePolicyDocument=json.dumps({
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                            "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
lam = c("lambda")
lam.create_function(FunctionName="parity-old", Runtime="python3.8", Role=role, Handler="index.handler",
                    Code={"ZipFile": buf.getvalue()})
lam.create_function(FunctionName="parity-vpc", Runtime="python3.12", Role=role, Handler="index.handler",
                    Code={"ZipFile": buf.getvalue()},
                    VpcConfig={"SubnetIds": [subnet], "SecurityGroupIds": [groups["closed"]]})
lam.create_function_url_config(FunctionName="parity-old", AuthType="NONE")
lam.create_function_url_config(FunctionName="parity-vpc", AuthType="AWS_IAM")

# Load balancers: a hardened ALB in two zones, a default ALB and an NLB in one zone.
subnets = [x["SubnetId"] for x in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]]
elb = c("elbv2")
good = elb.create_load_balancer(Name="parity-alb-good", Subnets=subnets[:2], Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
elb.modify_load_balancer_attributes(LoadBalancerArn=good, Attributes=[
    {"Key": "deletion_protection.enabled", "Value": "true"},
    {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"},
    {"Key": "routing.http.desync_mitigation_mode", "Value": "strictest"}])
elb.create_load_balancer(Name="parity-alb-default", Subnets=subnets[:2], Type="application")
elb.create_load_balancer(Name="parity-nlb-one", Subnets=subnets[:1], Type="network")
# Listeners: plain HTTP on the default ALB; HTTP redirecting to HTTPS on the good one.
default_alb = elb.describe_load_balancers(Names=["parity-alb-default"])["LoadBalancers"][0]["LoadBalancerArn"]
tg = elb.create_target_group(Name="parity-tg", Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]
elb.create_listener(LoadBalancerArn=default_alb, Protocol="HTTP", Port=80,
                    DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
elb.create_listener(LoadBalancerArn=good, Protocol="HTTP", Port=80, DefaultActions=[
    {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}])

# An EC2 API endpoint in the default VPC; one subnet assigns public IPs (moto's default
# subnets do), another does not.
ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.ec2", VpcEndpointType="Interface",
                        SubnetIds=[subnet])
ec2.modify_subnet_attribute(SubnetId=subnets[1], MapPublicIpOnLaunch={"Value": False})
ec2.create_network_interface(SubnetId=subnets[1])

# CloudFront: a hardened distribution and a default one (moto drops S3 origin configs and
# origin access controls from its answers, so every origin reads as custom).
cf = c("cloudfront")
def dist(ref, **cfg):
    base = {"CallerReference": ref, "Comment": "", "Enabled": True,
            "Origins": {"Quantity": 1, "Items": [{"Id": "web", "DomainName": "origin.example.com",
                        "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "http-only",
                                               "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1"]}}}]},
            "DefaultCacheBehavior": {"TargetOriginId": "web", "ViewerProtocolPolicy": "allow-all",
                                     "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}}, "MinTTL": 0}}
    base.update(cfg)
    return cf.create_distribution(DistributionConfig=base)["Distribution"]
cert = "arn:aws:acm:us-east-1:123456789012:certificate/parity"
good_dist = dist("parity-good", DefaultRootObject="index.html",
     WebACLId="arn:aws:wafv2:us-east-1:123456789012:global/webacl/parity/1",
     Logging={"Enabled": True, "IncludeCookies": False, "Bucket": "parity-kept.s3.amazonaws.com", "Prefix": "cf"},
     Origins={"Quantity": 2, "Items": [
         {"Id": "a", "DomainName": "a.example.com", "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
          "OriginProtocolPolicy": "https-only", "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]}}},
         {"Id": "b", "DomainName": "b.example.com", "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
          "OriginProtocolPolicy": "match-viewer", "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]}}}]},
     OriginGroups={"Quantity": 1, "Items": [{"Id": "g", "FailoverCriteria": {"StatusCodes": {"Quantity": 1, "Items": [500]}},
                                             "Members": {"Quantity": 2, "Items": [{"OriginId": "a"}, {"OriginId": "b"}]}}]},
     ViewerCertificate={"ACMCertificateArn": cert, "Certificate": cert, "SSLSupportMethod": "sni-only",
                        "MinimumProtocolVersion": "TLSv1.2_2021", "CloudFrontDefaultCertificate": False},
     DefaultCacheBehavior={"TargetOriginId": "a", "ViewerProtocolPolicy": "https-only",
                           "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}}, "MinTTL": 0})
dist("parity-default")
# A custom certificate served from dedicated IPs, redirecting viewers to HTTPS.
dist("parity-vip", ViewerCertificate={"ACMCertificateArn": cert, "Certificate": cert, "SSLSupportMethod": "vip",
                                      "CloudFrontDefaultCertificate": False},
     DefaultCacheBehavior={"TargetOriginId": "web", "ViewerProtocolPolicy": "redirect-to-https",
                           "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}}, "MinTTL": 0})
# Standard logging v2 for the VIP one: a CloudWatch Logs delivery source with a delivery.
vip = [d for d in cf.list_distributions()["DistributionList"]["Items"] if d["ViewerCertificate"]["SSLSupportMethod"] == "vip"][0]
try:
    logs = c("logs")
    logs.put_delivery_source(name="parity-cf", resourceArn=vip["ARN"], logType="ACCESS_LOGS")
    dest = logs.put_delivery_destination(name="parity-dest", deliveryDestinationConfiguration={
        "destinationResourceArn": "arn:aws:s3:::parity-kept"})["deliveryDestination"]["arn"]
    logs.create_delivery(deliverySourceName="parity-cf", deliveryDestinationArn=dest)
    made["cloudfront_v2_logging"] = vip["Id"]
except Exception as e:  # an emulator without deliveries: the VIP one just has no logging
    made["cloudfront_v2_logging_error"] = str(e)

# API Gateway: a REST API with a stage behind WAF and one without; EFS with and without
# automatic backups.
apigw = c("apigateway")
api = apigw.create_rest_api(name="parity-api")["id"]
root = apigw.get_resources(restApiId=api)["items"][0]["id"]
apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
apigw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
dep = apigw.create_deployment(restApiId=api)["id"]
for stage in ("prod", "dev"):
    apigw.create_stage(restApiId=api, stageName=stage, deploymentId=dep)
waf = c("wafv2")
acl = waf.create_web_acl(Name="parity", Scope="REGIONAL", DefaultAction={"Allow": {}}, VisibilityConfig={
    "SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": "parity"})["Summary"]["ARN"]
waf.associate_web_acl(WebACLArn=acl, ResourceArn=f"arn:aws:apigateway:us-east-1::/restapis/{api}/stages/prod")
efs = c("efs")
efs.create_file_system(CreationToken="parity-kept", Backup=True, Encrypted=True)
efs.create_file_system(CreationToken="parity-bare")

# ECS: a hardened task definition and a risky one (host network and PID namespace, root,
# a privileged sidecar, a password in the environment, no logging); two services, one
# assigning public IPs.
ecs = c("ecs")
ecs.register_task_definition(family="parity-good", networkMode="awsvpc", containerDefinitions=[{
    "name": "app", "image": "nginx", "memory": 128, "readonlyRootFilesystem": True, "user": "app",
    "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g"}},
    "environment": [{"name": "host", "value": "localhost:1234"}]}])
ecs.register_task_definition(family="parity-bad", networkMode="host", pidMode="host", containerDefinitions=[{
    "name": "app", "image": "nginx", "memory": 128, "user": "root",
    "environment": [{"name": "DB_PASSWORD", "value": "Tr0ub4dor3xKq9vLmZ"}]},
    {"name": "side", "image": "busybox", "memory": 64, "privileged": True}])
svc_group = ec2.create_security_group(GroupName="parity-svc", Description="svc", VpcId=vpc)["GroupId"]
ecs.create_cluster(clusterName="parity")
for name, public in (("api", "DISABLED"), ("web", "ENABLED")):
    ecs.create_service(cluster="parity", serviceName=name, taskDefinition="parity-good:1", desiredCount=0,
                       networkConfiguration={"awsvpcConfiguration": {
                           "subnets": [subnet], "securityGroups": [svc_group], "assignPublicIp": public}})
# ECR: a kept repository and a bare one.
ecr = c("ecr")
ecr.create_repository(repositoryName="parity-kept", imageTagMutability="IMMUTABLE",
                      imageScanningConfiguration={"scanOnPush": True})
ecr.put_lifecycle_policy(repositoryName="parity-kept", lifecyclePolicyText=json.dumps({"rules": [{
    "rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                                     "countUnit": "days", "countNumber": 7}, "action": {"type": "expire"}}]}))
ecr.create_repository(repositoryName="parity-bare")
# EKS: a hardened cluster and a default, public, old one.
eks = c("eks")
eks.create_cluster(name="parity-hardened", version="1.30", roleArn="arn:aws:iam::123456789012:role/eks",
                   resourcesVpcConfig={"endpointPublicAccess": False, "endpointPrivateAccess": True},
                   encryptionConfig=[{"resources": ["secrets"],
                                      "provider": {"keyArn": "arn:aws:kms:us-east-1:123456789012:key/k"}}],
                   logging={"clusterLogging": [{"types": ["api", "audit", "authenticator", "controllerManager",
                                                          "scheduler"], "enabled": True}]})
eks.create_cluster(name="parity-default", version="1.24", roleArn="arn:aws:iam::123456789012:role/eks",
                   resourcesVpcConfig={"endpointPublicAccess": True, "publicAccessCidrs": ["0.0.0.0/0"]})
# Classic load balancers: plain HTTP in one zone; TCP in two zones with logs and cross-zone.
clb = c("elb")
clb.create_load_balancer(LoadBalancerName="parity-plain", AvailabilityZones=["us-east-1a"],
                         Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 80}])
clb.create_load_balancer(LoadBalancerName="parity-kept", AvailabilityZones=["us-east-1a", "us-east-1b"],
                         Listeners=[{"Protocol": "TCP", "LoadBalancerPort": 443, "InstancePort": 443}])
clb.modify_load_balancer_attributes(LoadBalancerName="parity-kept", LoadBalancerAttributes={
    "AccessLog": {"Enabled": True, "S3BucketName": "parity-kept", "EmitInterval": 5},
    "CrossZoneLoadBalancing": {"Enabled": True}})
# ACM: a certificate (not in use: judged with --scan-unused-services only).
c("acm").request_certificate(DomainName="parity.example.com")

# Backup vaults (one without a key) and no plan; MSK clusters (TLS + per-broker
# monitoring, plaintext); an EMR cluster and Block Public Access on; Auto Scaling groups
# in two zones and in one; Network Firewalls with and without deletion protection;
# Transfer servers (SFTP; FTP); WAF web ACLs, one logging.
bk = c("backup")
bk.create_backup_vault(BackupVaultName="parity-kept", EncryptionKeyArn="arn:aws:kms:us-east-1:123456789012:key/k")
bk.create_backup_vault(BackupVaultName="parity-bare", EncryptionKeyArn="")
msk = c("kafka")
nodes = {"InstanceType": "kafka.m5.large", "ClientSubnets": subnets[:2]}
msk.create_cluster(ClusterName="parity-tls", KafkaVersion="3.6.0", NumberOfBrokerNodes=2, BrokerNodeGroupInfo=nodes,
                   EncryptionInfo={"EncryptionInTransit": {"ClientBroker": "TLS", "InCluster": True}},
                   EnhancedMonitoring="PER_BROKER")
msk.create_cluster(ClusterName="parity-plain", KafkaVersion="3.6.0", NumberOfBrokerNodes=2, BrokerNodeGroupInfo=nodes,
                   EncryptionInfo={"EncryptionInTransit": {"ClientBroker": "PLAINTEXT", "InCluster": True}})
emr = c("emr")
emr.run_job_flow(Name="parity-etl", ReleaseLabel="emr-6.15.0", Instances={
    "MasterInstanceType": "m5.xlarge", "SlaveInstanceType": "m5.xlarge", "InstanceCount": 1,
    "KeepJobFlowAliveWhenNoSteps": True}, JobFlowRole="EMR_EC2_DefaultRole", ServiceRole="EMR_DefaultRole")
emr.put_block_public_access_configuration(BlockPublicAccessConfiguration={"BlockPublicSecurityGroupRules": True})
asg = c("autoscaling")
asg.create_launch_configuration(LaunchConfigurationName="parity-lc", ImageId="ami-12c6146b", InstanceType="t3.micro")
by_zone = {}
for sn in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]:
    by_zone.setdefault(sn["AvailabilityZone"], sn["SubnetId"])
za, zb = sorted(by_zone)[:2]
asg.create_auto_scaling_group(AutoScalingGroupName="parity-wide", LaunchConfigurationName="parity-lc", MinSize=0,
                              MaxSize=1, VPCZoneIdentifier=f"{by_zone[za]},{by_zone[zb]}")
asg.create_auto_scaling_group(AutoScalingGroupName="parity-narrow", LaunchConfigurationName="parity-lc", MinSize=0,
                              MaxSize=1, VPCZoneIdentifier=by_zone[za])
nfw = c("network-firewall")
for name, protect in (("parity-kept", True), ("parity-loose", False)):
    nfw.create_firewall(FirewallName=name, VpcId=vpc, SubnetMappings=[{"SubnetId": subnet}], DeleteProtection=protect,
                        FirewallPolicyArn="arn:aws:network-firewall:us-east-1:123456789012:firewall-policy/p")
tf = c("transfer")
tf.create_server(Protocols=["SFTP"])
tf.create_server(Protocols=["FTP", "SFTP"])
vis = {"SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": "m"}
logged = waf.create_web_acl(Name="parity-logged", Scope="REGIONAL", DefaultAction={"Allow": {}},
                            VisibilityConfig=vis)["Summary"]["ARN"]
waf.put_logging_configuration(LoggingConfiguration={
    "ResourceArn": logged, "LogDestinationConfigs": ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-p"]})
waf.create_web_acl(Name="parity-edge", Scope="CLOUDFRONT", DefaultAction={"Allow": {}}, VisibilityConfig=vis)

# Bucket policies: one shares objects with another account, one with a role of its own.
s3p = c("s3")
for name, principal in (("parity-shared", "arn:aws:iam::111122223333:root"),
                        ("parity-own", "arn:aws:iam::123456789012:root")):
    s3p.create_bucket(Bucket=name)
    s3p.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": principal}, "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{name}/*"}]}))

# RDS (issue #13): a hardened PostgreSQL instance in a subnet group and a default MySQL
# one; a hardened Aurora MySQL cluster and a default Aurora PostgreSQL one with a member.
rds = c("rds")
ec2r = c("ec2")
rvpc = ec2r.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
rsubs = [ec2r.create_subnet(VpcId=rvpc, CidrBlock=f"10.42.{i}.0/24", AvailabilityZone=f"us-east-1{z}")["Subnet"]["SubnetId"]
         for i, z in enumerate("ab")]
rds.create_db_subnet_group(DBSubnetGroupName="parity-db", DBSubnetGroupDescription="parity", SubnetIds=rsubs)
pw = "parity-password-1"
rds.create_db_instance(DBInstanceIdentifier="parity-db-hardened", DBInstanceClass="db.t3.micro", Engine="postgres",
                       MasterUsername="app_owner", MasterUserPassword=pw, BackupRetentionPeriod=7,
                       DeletionProtection=True, EnableIAMDatabaseAuthentication=True, StorageEncrypted=True,
                       EnableCloudwatchLogsExports=["postgresql"], CopyTagsToSnapshot=True, Port=6543,
                       DBSubnetGroupName="parity-db", PubliclyAccessible=False, MultiAZ=True)
rds.create_db_instance(DBInstanceIdentifier="parity-db-default", DBInstanceClass="db.t3.micro", Engine="mysql",
                       MasterUsername="admin", MasterUserPassword=pw, BackupRetentionPeriod=0)
rds.create_db_cluster(DBClusterIdentifier="parity-aurora-hardened", Engine="aurora-mysql", MasterUsername="owner",
                      MasterUserPassword=pw, DeletionProtection=True, EnableIAMDatabaseAuthentication=True,
                      CopyTagsToSnapshot=True, BacktrackWindow=86400, EnableCloudwatchLogsExports=["audit"],
                      StorageEncrypted=True)
rds.create_db_cluster(DBClusterIdentifier="parity-aurora-default", Engine="aurora-postgresql",
                      MasterUsername="postgres", MasterUserPassword=pw)
rds.create_db_instance(DBInstanceIdentifier="parity-aurora-member", DBInstanceClass="db.r5.large",
                       Engine="aurora-postgresql", DBClusterIdentifier="parity-aurora-default")

# RDS TLS (issue #13): a PostgreSQL instance whose parameter group forces SSL and an Aurora
# MySQL cluster whose cluster parameter group requires secure transport.
rds.create_db_parameter_group(DBParameterGroupName="parity-pg-ssl", DBParameterGroupFamily="postgres16",
                              Description="TLS only")
rds.modify_db_parameter_group(DBParameterGroupName="parity-pg-ssl", Parameters=[
    {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "pending-reboot"}])
rds.create_db_instance(DBInstanceIdentifier="parity-db-tls", DBInstanceClass="db.t3.micro", Engine="postgres",
                       MasterUsername="owner", MasterUserPassword=pw, DBParameterGroupName="parity-pg-ssl")
rds.create_db_cluster_parameter_group(DBClusterParameterGroupName="parity-aurora-ssl",
                                      DBParameterGroupFamily="aurora-mysql8.0", Description="TLS only")
rds.modify_db_cluster_parameter_group(DBClusterParameterGroupName="parity-aurora-ssl", Parameters=[
    {"ParameterName": "require_secure_transport", "ParameterValue": "ON", "ApplyMethod": "immediate"}])
rds.create_db_cluster(DBClusterIdentifier="parity-aurora-tls", Engine="aurora-mysql", MasterUsername="owner",
                      MasterUserPassword=pw, DBClusterParameterGroupName="parity-aurora-ssl")

# Encryption, rotation, retention (issue #13): an encrypted and a plain SNS topic and SQS
# queue, a rotated and a static secret, a KMS key pending deletion, log groups with and
# without a key and a year of retention.
kms_ = c("kms")
enc_key = kms_.create_key(Description="parity data key")["KeyMetadata"]["KeyId"]
kms_.schedule_key_deletion(KeyId=kms_.create_key(Description="parity doomed")["KeyMetadata"]["KeyId"],
                           PendingWindowInDays=7)
c("sns").create_topic(Name="parity-topic-enc", Attributes={"KmsMasterKeyId": enc_key})
c("sns").create_topic(Name="parity-topic-plain")
c("sqs").create_queue(QueueName="parity-queue-kms", Attributes={"KmsMasterKeyId": enc_key})
c("sqs").create_queue(QueueName="parity-queue-plain", Attributes={"SqsManagedSseEnabled": "false"})
c("secretsmanager").create_secret(Name="parity-secret-static", SecretString="x")
c("secretsmanager").create_secret(Name="parity-secret-rotated", SecretString="x")
c("secretsmanager").rotate_secret(SecretId="parity-secret-rotated", RotationRules={"AutomaticallyAfterDays": 30})
logs_ = c("logs")
logs_.create_log_group(logGroupName="parity-lg-good", kmsKeyId=f"arn:aws:kms:us-east-1:123456789012:key/{enc_key}")
logs_.put_retention_policy(logGroupName="parity-lg-good", retentionInDays=400)
logs_.create_log_group(logGroupName="parity-lg-short")
logs_.put_retention_policy(logGroupName="parity-lg-short", retentionInDays=30)

# RDS snapshots and Neptune (issue #13): a public and a private instance snapshot; a
# hardened and a default Neptune cluster, each with a snapshot, the default one's public.
rds.create_db_snapshot(DBSnapshotIdentifier="parity-snap-public", DBInstanceIdentifier="parity-db-default")
rds.modify_db_snapshot_attribute(DBSnapshotIdentifier="parity-snap-public", AttributeName="restore", ValuesToAdd=["all"])
rds.create_db_snapshot(DBSnapshotIdentifier="parity-snap-private", DBInstanceIdentifier="parity-db-tls")
rds.create_db_cluster(DBClusterIdentifier="parity-neptune-hardened", Engine="neptune", MasterUsername="owner",
                      MasterUserPassword=pw, DeletionProtection=True, CopyTagsToSnapshot=True, BackupRetentionPeriod=7,
                      StorageEncrypted=True, EnableCloudwatchLogsExports=["audit"])
rds.create_db_cluster(DBClusterIdentifier="parity-neptune-default", Engine="neptune", MasterUsername="owner",
                      MasterUserPassword=pw, BackupRetentionPeriod=1)
for cid in ("parity-neptune-hardened", "parity-neptune-default"):
    rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier=f"{cid}-snap", DBClusterIdentifier=cid)
rds.modify_db_cluster_snapshot_attribute(DBClusterSnapshotIdentifier="parity-neptune-default-snap",
                                         AttributeName="restore", ValuesToAdd=["all"])

# Customer-managed policies (issue #13): full KMS, CloudTrail and Marketplace access, a
# read-only one, all attached; an unattached admin policy.
iam_ = c("iam")
iam_.create_user(UserName="parity-policy-holder")
for pname, action, attach in (("parity-kms-all", "kms:*", True), ("parity-trail-all", "cloudtrail:*", True),
                              ("parity-market-all", "aws-marketplace:*", True),
                              ("parity-read-only", ["kms:Describe*", "cloudtrail:Get*"], True),
                              ("parity-spare-admin", "*", False)):
    parn = iam_.create_policy(PolicyName=pname, PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": action, "Resource": "*"}]}))["Policy"]["Arn"]
    if attach:
        iam_.attach_user_policy(UserName="parity-policy-holder", PolicyArn=parn)

# RDS event subscriptions (issue #13): one for every instance event, one for parameter
# group failures only (eu-west-1 has none).
db_topic = c("sns").create_topic(Name="parity-db-events")["TopicArn"]
rds.create_event_subscription(SubscriptionName="parity-instances-all", SnsTopicArn=db_topic,
                              SourceType="db-instance", Enabled=True)
rds.create_event_subscription(SubscriptionName="parity-params-failure", SnsTopicArn=db_topic,
                              SourceType="db-parameter-group", EventCategories=["failure"], Enabled=True)

# Inline policies (issue #13): a user with an inline admin grant, a group with wildcard
# Marketplace access, a role with a narrow one.
inline_doc = lambda action: json.dumps({"Version": "2012-10-17", "Statement": [  # noqa: E731
    {"Effect": "Allow", "Action": action, "Resource": "*"}]})
iam_.create_user(UserName="parity-inline-user")
iam_.put_user_policy(UserName="parity-inline-user", PolicyName="god", PolicyDocument=inline_doc("*"))
iam_.create_group(GroupName="parity-inline-group")
iam_.put_group_policy(GroupName="parity-inline-group", PolicyName="market", PolicyDocument=inline_doc("aws-marketplace:*"))
iam_.create_role(RoleName="parity-inline-role", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
iam_.put_role_policy(RoleName="parity-inline-role", PolicyName="reader", PolicyDocument=inline_doc("s3:GetObject"))

# MFA kinds (issue #13): a user with a hardware token, one with a virtual device.
iam_.create_user(UserName="parity-hw-mfa")
iam_.enable_mfa_device(UserName="parity-hw-mfa", SerialNumber="GAHT12345678", AuthenticationCode1="123456",
                       AuthenticationCode2="654321")
iam_.create_user(UserName="parity-virtual-mfa")
vserial = iam_.create_virtual_mfa_device(VirtualMFADeviceName="parity-phone")["VirtualMFADevice"]["SerialNumber"]
iam_.enable_mfa_device(UserName="parity-virtual-mfa", SerialNumber=vserial, AuthenticationCode1="123456",
                       AuthenticationCode2="654321")

# Administrator groups (issue #13): members with and without MFA.
admin_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
for gname, member in (("parity-admins-mfa", "parity-hw-mfa"), ("parity-admins-plain", "parity-inline-user")):
    iam_.create_group(GroupName=gname)
    iam_.attach_group_policy(GroupName=gname, PolicyArn=admin_arn)
    iam_.add_user_to_group(GroupName=gname, UserName=member)

# Service-role trust, Bedrock logging, public log groups (issue #13).
svc_stmt = {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
iam_.create_role(RoleName="parity-svc-open", AssumeRolePolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [svc_stmt]}))
iam_.create_role(RoleName="parity-svc-guarded", AssumeRolePolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [dict(svc_stmt, Condition={
        "StringEquals": {"aws:SourceAccount": "123456789012"}})]}))
c("s3").create_bucket(Bucket="parity-bedrock-trail")
c("cloudtrail").create_trail(Name="parity-bedrock-trail", S3BucketName="parity-bedrock-trail")
c("cloudtrail").start_logging(Name="parity-bedrock-trail")
c("cloudtrail").put_event_selectors(TrailName="parity-bedrock-trail", AdvancedEventSelectors=[
    {"Name": "bedrock", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]},
                                            {"Field": "resources.type", "Equals": ["AWS::Bedrock::Model"]}]}])
logs_.create_log_group(logGroupName="parity-lg-public")
logs_.put_resource_policy(policyName="parity-open", policyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "logs:PutLogEvents",
     "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:parity-lg-public:*"}]}))

# GuardDuty (issue #13): an enabled detector with S3 and RDS protection in us-east-1;
# eu-west-1 has none.
c("guardduty").create_detector(Enable=True, DataSources={"S3Logs": {"Enable": True}},
                               Features=[{"Name": "RDS_LOGIN_EVENTS", "Status": "ENABLED"}])

# DynamoDB (issue #13): a table with a KMS key, PITR and deletion protection; a default one.
ddb_schema = dict(KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                  AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
c("dynamodb").create_table(TableName="parity-ddb-good", DeletionProtectionEnabled=True, SSESpecification={
    "Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": enc_key}, **ddb_schema)
c("dynamodb").update_continuous_backups(TableName="parity-ddb-good",
                                       PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
c("dynamodb").create_table(TableName="parity-ddb-default", **ddb_schema)

# CloudTrail (issue #13): a us-east-1 trail writing to a bucket anyone can read (its ACL grants AllUsers).
c("s3").create_bucket(Bucket="parity-public-trail")
c("s3").put_bucket_acl(Bucket="parity-public-trail", ACL="public-read")
c("cloudtrail").create_trail(Name="public-trail", S3BucketName="parity-public-trail")
c("cloudtrail").start_logging(Name="public-trail")

print(json.dumps(made))
