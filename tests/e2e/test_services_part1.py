"""The collectors behind issue #12's checks, end to end on moto: each service's
resources seeded with boto3, scanned by kestrel, the verdicts read back from the CSV."""

import csv
import json

import boto3

CREDS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def client(ws, service, region="us-east-1"):
    return boto3.client(service, endpoint_url=ws.moto.url, region_name=region,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def verdicts(ws, *checks, regions=("us-east-1",), by_name=False):
    """{check: {resource: (status, text)}} for one scan of `checks`; a resource is the last
    part of its UID, or its RESOURCE_NAME with `by_name`."""
    out = ws.root / "out"
    r = ws.kestrel("aws", "-f", *regions, "-o", str(out), "-F", "scan", "-b", "-c", *checks,
                   env=dict(CREDS), timeout=300)
    assert r.rc in (0, 3), r
    found = {}
    with open(out / "scan.csv", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            key = row["RESOURCE_NAME"] if by_name else row["RESOURCE_UID"].rsplit("/", 1)[-1].rsplit(":", 1)[-1]
            found.setdefault(row["CHECK_ID"], {})[key] = (row["STATUS"], row["STATUS_EXTENDED"])
    return found


def test_cloudfront_distributions(ws):
    cf = client(ws, "cloudfront")
    behavior = {"ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}}, "MinTTL": 0}

    def origin(oid, policy, protocols):
        return {"Id": oid, "DomainName": f"{oid}.example.com", "CustomOriginConfig": {
            "HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": policy,
            "OriginSslProtocols": {"Quantity": len(protocols), "Items": protocols}}}

    cert = "arn:aws:acm:us-east-1:123456789012:certificate/e2e"
    good = cf.create_distribution(DistributionConfig={
        "CallerReference": "good", "Comment": "", "Enabled": True, "DefaultRootObject": "index.html",
        "WebACLId": "arn:aws:wafv2:us-east-1:123456789012:global/webacl/e2e/1",
        "Logging": {"Enabled": True, "IncludeCookies": False, "Bucket": "logs.s3.amazonaws.com", "Prefix": ""},
        "Origins": {"Quantity": 2, "Items": [origin("a", "https-only", ["TLSv1.2"]),
                                             origin("b", "match-viewer", ["TLSv1.2"])]},
        "OriginGroups": {"Quantity": 1, "Items": [{
            "Id": "g", "FailoverCriteria": {"StatusCodes": {"Quantity": 1, "Items": [500]}},
            "Members": {"Quantity": 2, "Items": [{"OriginId": "a"}, {"OriginId": "b"}]}}]},
        "ViewerCertificate": {"ACMCertificateArn": cert, "Certificate": cert, "SSLSupportMethod": "sni-only",
                              "CloudFrontDefaultCertificate": False},
        "DefaultCacheBehavior": {"TargetOriginId": "a", "ViewerProtocolPolicy": "https-only", **behavior},
    })["Distribution"]["Id"]
    bad = cf.create_distribution(DistributionConfig={
        "CallerReference": "bad", "Comment": "", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [origin("web", "http-only", ["TLSv1", "TLSv1.2"])]},
        "DefaultCacheBehavior": {"TargetOriginId": "web", "ViewerProtocolPolicy": "allow-all", **behavior},
    })["Distribution"]["Id"]
    # Standard logging v2 on the bad one's twin: a delivery source with a delivery.
    v2 = cf.create_distribution(DistributionConfig={
        "CallerReference": "v2", "Comment": "", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [origin("web", "https-only", ["TLSv1.2"])]},
        "DefaultCacheBehavior": {"TargetOriginId": "web", "ViewerProtocolPolicy": "redirect-to-https", **behavior},
    })["Distribution"]
    logs = client(ws, "logs")
    logs.put_delivery_source(name="cf-v2", resourceArn=v2["ARN"], logType="ACCESS_LOGS")
    dest = logs.put_delivery_destination(name="cf-dest", deliveryDestinationConfiguration={
        "destinationResourceArn": "arn:aws:s3:::somewhere"})["deliveryDestination"]["arn"]
    logs.create_delivery(deliverySourceName="cf-v2", deliveryDestinationArn=dest)

    pre = "cloudfront_distributions_"
    expected = {  # check: (good, bad)
        "https_enabled": ("PASS", "FAIL"),
        "origin_traffic_encrypted": ("PASS", "FAIL"),
        "using_deprecated_ssl_protocols": ("PASS", "FAIL"),
        "using_waf": ("PASS", "FAIL"),
        "custom_ssl_certificate": ("PASS", "FAIL"),
        "default_root_object": ("PASS", "FAIL"),
        "multiple_origin_failover_configured": ("PASS", "FAIL"),
        "logging_enabled": ("PASS", "FAIL"),
        "s3_origin_non_existent_bucket": ("PASS", "PASS"),
    }
    found = verdicts(ws, *(pre + c for c in expected), pre + "https_sni_enabled")
    for c, (g, b) in expected.items():
        assert found[pre + c][good][0] == g, (c, found[pre + c])
        assert found[pre + c][bad][0] == b, (c, found[pre + c])
    assert found[pre + "origin_traffic_encrypted"][bad][1].endswith("custom origins web.")
    assert found[pre + "logging_enabled"][v2["Id"]] == (
        "PASS", f"CloudFront Distribution {v2['Id']} has logging enabled via v2/CloudWatch.")
    # SNI is judged only where a custom certificate is served.
    assert set(found[pre + "https_sni_enabled"]) == {good}
    assert found[pre + "https_sni_enabled"][good][0] == "PASS"


def test_api_gateway_stages_waf_and_client_certificate(ws):
    apigw = client(ws, "apigateway")
    api = apigw.create_rest_api(name="shop")["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
    dep = apigw.create_deployment(restApiId=api)["id"]
    for stage in ("prod", "dev"):
        apigw.create_stage(restApiId=api, stageName=stage, deploymentId=dep)
    waf = client(ws, "wafv2")
    acl = waf.create_web_acl(Name="e2e", Scope="REGIONAL", DefaultAction={"Allow": {}}, VisibilityConfig={
        "SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": "e2e"})["Summary"]["ARN"]
    waf.associate_web_acl(WebACLArn=acl, ResourceArn=f"arn:aws:apigateway:us-east-1::/restapis/{api}/stages/prod")

    found = verdicts(ws, "apigateway_restapi_waf_acl_attached", "apigateway_restapi_client_certificate_enabled")
    assert found["apigateway_restapi_waf_acl_attached"] == {
        "prod": ("PASS", f"API Gateway shop ID {api} in stage prod has {acl} WAF ACL attached."),
        "dev": ("FAIL", f"API Gateway shop ID {api} in stage dev does not have WAF ACL attached."),
    }
    # moto keeps no client certificate on a stage: both fail there.
    assert {s for s, _ in found["apigateway_restapi_client_certificate_enabled"].values()} == {"FAIL"}


def test_efs_backup_policies(ws):
    efs = client(ws, "efs")
    kept = efs.create_file_system(CreationToken="kept", Backup=True)["FileSystemId"]
    bare = efs.create_file_system(CreationToken="bare")["FileSystemId"]
    found = verdicts(ws, "efs_have_backup_enabled")["efs_have_backup_enabled"]
    assert found == {kept: ("PASS", f"EFS {kept} has backup enabled."),
                     bare: ("FAIL", f"EFS {bare} does not have backup enabled.")}


def test_lambda_vpc_zones_and_vpn_tunnels(ws):
    import io
    import json
    import zipfile
    ec2 = client(ws, "ec2")
    vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    subnets = {}
    for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]:
        subnets.setdefault(s["AvailabilityZone"], s["SubnetId"])
    a, b = sorted(subnets)[:2]
    group = ec2.create_security_group(GroupName="fn", Description="fn", VpcId=vpc)["GroupId"]
    role = client(ws, "iam").create_role(RoleName="fn", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(e, c):\n    return 1\n")
    lam = client(ws, "lambda")
    for name, nets in (("two-zones", [subnets[a], subnets[b]]), ("one-zone", [subnets[a]])):
        lam.create_function(FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler",
                            Code={"ZipFile": buf.getvalue()},
                            VpcConfig={"SubnetIds": nets, "SecurityGroupIds": [group]})
    lam.create_function(FunctionName="no-vpc", Runtime="python3.12", Role=role, Handler="index.handler",
                        Code={"ZipFile": buf.getvalue()})
    cgw = ec2.create_customer_gateway(Type="ipsec.1", PublicIp="203.0.113.10", BgpAsn=65000)["CustomerGateway"]
    vgw = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]
    vpn = ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=cgw["CustomerGatewayId"],
                                    VpnGatewayId=vgw["VpnGatewayId"])["VpnConnection"]["VpnConnectionId"]

    found = verdicts(ws, "awslambda_function_vpc_multi_az", "vpc_vpn_connection_tunnels_up")
    multi = found["awslambda_function_vpc_multi_az"]
    # (moto answers a fixed VpcId for every function.)
    assert multi["two-zones"][0] == "PASS", multi
    assert multi["two-zones"][1].endswith(f"that spans in at least 2 AZs: {a}, {b}."), multi
    assert multi["one-zone"][0] == "FAIL" and f"spans only in 1 AZs: {a}." in multi["one-zone"][1]
    # Selected without awslambda_function_inside_vpc, the function outside a VPC fails here.
    assert multi["no-vpc"] == ("FAIL", "Lambda function no-vpc is not inside a VPC.")
    # moto reports no tunnel telemetry: no tunnel is up.
    assert found["vpc_vpn_connection_tunnels_up"] == {
        vpn: ("FAIL", f"VPN Connection {vpn} has at least one tunnel DOWN.")}
    # With the inside-VPC check in the same scan, that function is reported there only.
    found = verdicts(ws, "awslambda_function_vpc_multi_az", "awslambda_function_inside_vpc")
    assert "no-vpc" not in found["awslambda_function_vpc_multi_az"]
    assert found["awslambda_function_inside_vpc"]["no-vpc"][0] == "FAIL"


def test_ecs_task_definitions_and_services(ws):
    ecs = client(ws, "ecs")
    good = ecs.register_task_definition(family="good", networkMode="awsvpc", containerDefinitions=[{
        "name": "app", "image": "nginx", "memory": 128, "readonlyRootFilesystem": True, "user": "app",
        "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g"}},
        "environment": [{"name": "host", "value": "localhost:1234"}]}])["taskDefinition"]["revision"]
    ecs.register_task_definition(family="bad", networkMode="host", pidMode="host", containerDefinitions=[{
        "name": "app", "image": "nginx", "memory": 128, "privileged": False, "user": "root",
        "environment": [{"name": "DB_PASSWORD", "value": "Tr0ub4dor3xKq9vLmZ"}]},
        {"name": "side", "image": "busybox", "memory": 64, "privileged": True}])
    ec2 = client(ws, "ec2")
    vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    subnet = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"][0]["SubnetId"]
    group = ec2.create_security_group(GroupName="svc", Description="svc", VpcId=vpc)["GroupId"]
    ecs.create_cluster(clusterName="prod")
    for name, public in (("api", "DISABLED"), ("web", "ENABLED")):
        ecs.create_service(cluster="prod", serviceName=name, taskDefinition=f"good:{good}", desiredCount=0,
                           networkConfiguration={"awsvpcConfiguration": {
                               "subnets": [subnet], "securityGroups": [group], "assignPublicIp": public}})

    pre = "ecs_task_definitions_"
    checks = ["logging_enabled", "containers_readonly_access", "no_environment_secrets",
              "no_privileged_containers", "host_networking_mode_users", "host_namespace_not_shared"]
    found = verdicts(ws, *(pre + c for c in checks), "ecs_service_no_assign_public_ip", by_name=True)
    for c in checks:
        by_id = found[pre + c]
        assert by_id["good:1"][0] == "PASS", (c, by_id)
        assert by_id["bad:1"][0] == "FAIL", (c, by_id)
    assert found[pre + "no_environment_secrets"]["bad:1"][1].endswith(
        "Secrets in container app -> Generic Password on the environment variable DB_PASSWORD.")
    assert found[pre + "no_privileged_containers"]["bad:1"][1].endswith("privileged containers: side.")
    services = found["ecs_service_no_assign_public_ip"]
    assert {k: v[0] for k, v in services.items()} == {"prod/api": "PASS", "prod/web": "FAIL"}


def test_ecr_repositories(ws):
    ecr = client(ws, "ecr")
    ecr.create_repository(repositoryName="kept", imageTagMutability="IMMUTABLE",
                          imageScanningConfiguration={"scanOnPush": True})
    ecr.put_lifecycle_policy(repositoryName="kept", lifecyclePolicyText=json.dumps({"rules": [{
        "rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                                         "countUnit": "days", "countNumber": 7},
        "action": {"type": "expire"}}]}))
    ecr.create_repository(repositoryName="bare")
    found = verdicts(ws, "ecr_repositories_lifecycle_policy_enabled", "ecr_repositories_scan_images_on_push_enabled",
                     "ecr_repositories_tag_immutability")
    for check, by_id in found.items():
        assert {k: v[0] for k, v in by_id.items()} == {"kept": "PASS", "bare": "FAIL"}, (check, by_id)


def test_eks_clusters(ws):
    eks = client(ws, "eks")
    role = "arn:aws:iam::123456789012:role/eks"
    eks.create_cluster(name="hardened", version="1.30", roleArn=role,
                       resourcesVpcConfig={"endpointPublicAccess": False, "endpointPrivateAccess": True},
                       encryptionConfig=[{"resources": ["secrets"],
                                          "provider": {"keyArn": "arn:aws:kms:us-east-1:123456789012:key/k"}}],
                       logging={"clusterLogging": [
                           {"types": ["api", "audit"], "enabled": True},
                           {"types": ["authenticator", "controllerManager", "scheduler"], "enabled": True}]})
    eks.create_cluster(name="default", version="1.24", roleArn=role,
                       resourcesVpcConfig={"endpointPublicAccess": True, "publicAccessCidrs": ["0.0.0.0/0"]})
    checks = ["eks_cluster_kms_cmk_encryption_in_secrets_enabled", "eks_cluster_not_publicly_accessible",
              "eks_control_plane_logging_all_types_enabled", "eks_cluster_uses_a_supported_version"]
    found = verdicts(ws, *checks)
    for c in checks:
        assert {k: v[0] for k, v in found[c].items()} == {"hardened": "PASS", "default": "FAIL"}, (c, found[c])


def test_classic_load_balancers(ws):
    elb = client(ws, "elb")
    elb.create_load_balancer(LoadBalancerName="plain", AvailabilityZones=["us-east-1a"], Listeners=[
        {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 80}])
    elb.create_load_balancer(LoadBalancerName="kept", AvailabilityZones=["us-east-1a", "us-east-1b"], Listeners=[
        {"Protocol": "TCP", "LoadBalancerPort": 443, "InstancePort": 443}])
    elb.modify_load_balancer_attributes(LoadBalancerName="kept", LoadBalancerAttributes={
        "AccessLog": {"Enabled": True, "S3BucketName": "logs", "EmitInterval": 5},
        "CrossZoneLoadBalancing": {"Enabled": True}})
    found = verdicts(ws, "elb_logging_enabled", "elb_cross_zone_load_balancing_enabled", "elb_is_in_multiple_az",
                     "elb_ssl_listeners")
    for c in ("elb_logging_enabled", "elb_cross_zone_load_balancing_enabled", "elb_is_in_multiple_az"):
        assert {k: v[0] for k, v in found[c].items()} == {"kept": "PASS", "plain": "FAIL"}, (c, found[c])
    assert {k: v[0] for k, v in found["elb_ssl_listeners"].items()} == {"kept": "FAIL", "plain": "FAIL"}


def test_acm_certificates_in_use(ws):
    acm = client(ws, "acm")
    arn = acm.request_certificate(DomainName="example.com")["CertificateArn"]
    acm.request_certificate(DomainName="unused.example.com")
    found = verdicts(ws, "acm_certificates_expiration_check", "acm_certificates_with_secure_key_algorithms")
    # Not attached to anything: not judged without --scan-unused-services.
    assert "acm_certificates_expiration_check" not in found, found
    out = ws.root / "all"
    r = ws.kestrel("aws", "-f", "us-east-1", "-o", str(out), "-F", "scan", "-b", "--scan-unused-services",
                   "-c", "acm_certificates_with_secure_key_algorithms", env=dict(CREDS), timeout=300)
    assert r.rc in (0, 3), r
    with open(out / "scan.csv", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    assert {row["RESOURCE_UID"] for row in rows} >= {arn}, rows
    assert {row["STATUS"] for row in rows} == {"PASS"}, rows


def test_backup_emr_autoscaling_firewall_transfer_waf(ws):
    backup = client(ws, "backup")
    backup.create_backup_vault(BackupVaultName="kept",
                               EncryptionKeyArn="arn:aws:kms:us-east-1:123456789012:key/k")
    backup.create_backup_vault(BackupVaultName="bare", EncryptionKeyArn="")
    ec2 = client(ws, "ec2")
    vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]]
    emr = client(ws, "emr")
    job = emr.run_job_flow(Name="etl", ReleaseLabel="emr-6.15.0", Instances={
        "MasterInstanceType": "m5.xlarge", "SlaveInstanceType": "m5.xlarge", "InstanceCount": 1,
        "KeepJobFlowAliveWhenNoSteps": True}, JobFlowRole="EMR_EC2_DefaultRole", ServiceRole="EMR_DefaultRole")["JobFlowId"]
    emr.put_block_public_access_configuration(BlockPublicAccessConfiguration={
        "BlockPublicSecurityGroupRules": True})
    asg = client(ws, "autoscaling")
    asg.create_launch_configuration(LaunchConfigurationName="lc", ImageId="ami-12c6146b", InstanceType="t3.micro")
    zones = {s["AvailabilityZone"]: s["SubnetId"] for s in ec2.describe_subnets(
        Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]}
    a, b = sorted(zones)[:2]
    asg.create_auto_scaling_group(AutoScalingGroupName="wide", LaunchConfigurationName="lc", MinSize=0, MaxSize=1,
                                  VPCZoneIdentifier=f"{zones[a]},{zones[b]}")
    asg.create_auto_scaling_group(AutoScalingGroupName="narrow", LaunchConfigurationName="lc", MinSize=0, MaxSize=1,
                                  VPCZoneIdentifier=zones[a])
    nfw = client(ws, "network-firewall")
    for name, protect in (("kept", True), ("loose", False)):
        nfw.create_firewall(FirewallName=name, FirewallPolicyArn="arn:aws:network-firewall:us-east-1:123456789012:firewall-policy/p",
                            VpcId=vpc, SubnetMappings=[{"SubnetId": subnets[0]}], DeleteProtection=protect)
    transfer = client(ws, "transfer")
    sftp = transfer.create_server(Protocols=["SFTP"])["ServerId"]
    ftp = transfer.create_server(Protocols=["FTP", "SFTP"])["ServerId"]
    waf = client(ws, "wafv2")
    vis = {"SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": "m"}
    logged = waf.create_web_acl(Name="logged", Scope="REGIONAL", DefaultAction={"Allow": {}},
                                VisibilityConfig=vis)["Summary"]
    waf.put_logging_configuration(LoggingConfiguration={
        "ResourceArn": logged["ARN"],
        "LogDestinationConfigs": ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-e2e"]})
    silent = waf.create_web_acl(Name="silent", Scope="REGIONAL", DefaultAction={"Allow": {}},
                                VisibilityConfig=vis)["Summary"]
    edge = waf.create_web_acl(Name="edge", Scope="CLOUDFRONT", DefaultAction={"Allow": {}},
                              VisibilityConfig=vis)["Summary"]

    found = verdicts(ws, "backup_plans_exist", "backup_vaults_encrypted", "emr_cluster_master_nodes_no_public_ip",
                     "emr_cluster_account_public_block_enabled", "autoscaling_group_multiple_az",
                     "networkfirewall_deletion_protection", "transfer_server_in_transit_encryption_enabled",
                     "wafv2_webacl_logging_enabled")
    st = {c: {k: v[0] for k, v in by.items()} for c, by in found.items()}
    # Vaults but no plan: one FAIL for the account.
    assert st["backup_plans_exist"] == {"backup-plan": "FAIL"}, found["backup_plans_exist"]
    assert st["backup_vaults_encrypted"] == {"kept": "PASS", "bare": "FAIL"}
    # moto gives every master node a public name.
    assert st["emr_cluster_master_nodes_no_public_ip"] == {job: "FAIL"}
    assert st["emr_cluster_account_public_block_enabled"] == {"cluster": "PASS"}
    assert st["autoscaling_group_multiple_az"] == {"wide": "PASS", "narrow": "FAIL"}
    assert st["networkfirewall_deletion_protection"] == {"kept": "PASS", "loose": "FAIL"}
    assert st["transfer_server_in_transit_encryption_enabled"] == {sftp: "PASS", ftp: "FAIL"}
    assert st["wafv2_webacl_logging_enabled"] == {logged["Id"]: "PASS", silent["Id"]: "FAIL", edge["Id"]: "FAIL"}

    backup.create_backup_plan(BackupPlan={"BackupPlanName": "daily", "Rules": [{
        "RuleName": "r", "TargetBackupVaultName": "kept", "ScheduleExpression": "cron(0 5 * * ? *)"}]})
    found = verdicts(ws, "backup_plans_exist")
    assert [v[0] for v in found["backup_plans_exist"].values()] == ["PASS"], found


def test_kafka_clusters(ws, stand_in):
    """moto's ListClustersV2 answer carries timestamps without a zone, which the Rust SDK
    rejects (botocore accepts them): a stand-in serves moto's own answer with a Z
    appended, and nothing else changed."""
    import re
    import urllib.request

    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    kafka = client(ws, "kafka")
    nodes = {"InstanceType": "kafka.m5.large", "ClientSubnets": ["subnet-1", "subnet-2"]}
    tls = kafka.create_cluster(ClusterName="tls", KafkaVersion="3.6.0", NumberOfBrokerNodes=2, BrokerNodeGroupInfo=nodes,
                               EncryptionInfo={"EncryptionInTransit": {"ClientBroker": "TLS", "InCluster": True}},
                               EnhancedMonitoring="PER_BROKER")["ClusterArn"]
    plain = kafka.create_cluster(ClusterName="plain", KafkaVersion="3.6.0", NumberOfBrokerNodes=2,
                                 BrokerNodeGroupInfo=nodes,
                                 EncryptionInfo={"EncryptionInTransit": {"ClientBroker": "PLAINTEXT",
                                                                         "InCluster": True}})["ClusterArn"]

    def moto_answer(handler):
        req = AWSRequest(method="GET", url=ws.moto.url + handler.path)
        SigV4Auth(Credentials("testing", "testing"), "kafka", "us-east-1").add_auth(req)
        with urllib.request.urlopen(urllib.request.Request(req.url, headers=dict(req.headers))) as r:
            body = r.read().decode()
        body = re.sub(r'("creationTime": "[0-9T:.-]+)"', r'\1Z"', body)
        return 200, {"Content-Type": "application/json"}, body

    s = stand_in({("GET", "/api/v2/clusters"): moto_answer})
    out = ws.root / "out"
    r = ws.kestrel("aws", "-f", "us-east-1", "-o", str(out), "-F", "scan", "-b", "-c",
                   "kafka_cluster_in_transit_encryption_enabled", "kafka_cluster_enhanced_monitoring_enabled",
                   env={**CREDS, "AWS_ENDPOINT_URL_KAFKA": s.url}, timeout=120)
    assert r.rc in (0, 3), r
    with open(out / "scan.csv", newline="") as f:
        st = {}
        for row in csv.DictReader(f, delimiter=";"):
            st.setdefault(row["CHECK_ID"], {})[row["RESOURCE_NAME"]] = row["STATUS"]
    tls_id, plain_id = tls.rsplit("/", 1)[-1], plain.rsplit("/", 1)[-1]
    assert st["kafka_cluster_in_transit_encryption_enabled"] == {tls_id: "PASS", plain_id: "FAIL"}, st
    assert st["kafka_cluster_enhanced_monitoring_enabled"] == {tls_id: "PASS", plain_id: "FAIL"}, st


def test_s3_cross_account_bucket_policies(ws):
    s3 = client(ws, "s3")
    for name, principal in (("shared", "arn:aws:iam::111122223333:root"), ("own", "arn:aws:iam::123456789012:root")):
        s3.create_bucket(Bucket=name)
        s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": principal}, "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{name}/*"}]}))
    s3.create_bucket(Bucket="plain")
    found = verdicts(ws, "s3_bucket_cross_account_access")["s3_bucket_cross_account_access"]
    assert {k: v[0] for k, v in found.items()} == {"shared": "FAIL", "own": "PASS", "plain": "PASS"}, found
