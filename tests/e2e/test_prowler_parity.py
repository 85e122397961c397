"""Verdicts that follow Prowler's on the same AWS state (issue #19), end to end on moto:
a multi-region trail homed outside the scanned regions, network-ACL scoping, an account
whose S3 Block Public Access was never set."""

import csv

import boto3
import pytest

CREDS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def client(ws, service, region="us-east-1"):
    return boto3.client(service, endpoint_url=ws.moto.url, region_name=region,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def scan(ws, *args, regions=("us-east-1",)):
    out = ws.root / "out"
    r = ws.kestrel("aws", "-f", *regions, "-o", str(out), "-F", "scan", "-b", *args, env=dict(CREDS), timeout=300)
    assert r.rc in (0, 3), r
    with open(out / "scan.csv", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def by_check(rows):
    out = {}
    for r in rows:
        out.setdefault(r["CHECK_ID"], []).append(r)
    return out


def test_multi_region_trail_homed_outside_the_scanned_regions(ws):
    s3 = client(ws, "s3", "us-west-2")
    s3.create_bucket(Bucket="far-trail-logs", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    ct = client(ws, "cloudtrail", "us-west-2")
    ct.create_trail(Name="far-trail", S3BucketName="far-trail-logs", IsMultiRegionTrail=True,
                    EnableLogFileValidation=True)
    ct.start_logging(Name="far-trail")
    ct.put_event_selectors(TrailName="far-trail", EventSelectors=[{
        "ReadWriteType": "All", "IncludeManagementEvents": True,
        "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}])
    ct.add_tags(ResourceId=ct.describe_trails()["trailList"][0]["TrailARN"], TagsList=[{"Key": "team", "Value": "sec"}])

    checks = ["cloudtrail_multi_region_enabled", "cloudtrail_log_file_validation_enabled",
              "cloudtrail_s3_dataevents_read_enabled", "cloudtrail_s3_dataevents_write_enabled"]
    # us-west-2 is not scanned: the trail's status and selectors are asked there anyway.
    found = by_check(scan(ws, "-c", *checks, regions=("us-east-1", "eu-west-1")))
    assert all(r["STATUS"] != "ERROR" for rs in found.values() for r in rs), found
    multi = found["cloudtrail_multi_region_enabled"]
    assert {r["REGION"] for r in multi} == {"us-east-1", "eu-west-1"}
    assert all(r["STATUS"] == "PASS" and "far-trail" in r["STATUS_EXTENDED"] for r in multi), multi
    validation = found["cloudtrail_log_file_validation_enabled"]
    assert [r["STATUS"] for r in validation] == ["PASS"], validation
    assert "team=sec" in validation[0]["RESOURCE_TAGS"], validation
    for c in checks[2:]:
        assert [r["STATUS"] for r in found[c]] == ["PASS"], found[c]

    # Logging stopped: the audited regions fail, judged on the far trail's real status.
    ct.stop_logging(Name="far-trail")
    multi = by_check(scan(ws, "-c", "cloudtrail_multi_region_enabled", regions=("us-east-1",)))
    assert [r["STATUS"] for r in multi["cloudtrail_multi_region_enabled"]] == ["FAIL"], multi


def test_buckets_outside_the_scanned_regions_are_out_of_the_audit(ws):
    client(ws, "s3").create_bucket(Bucket="near-bucket")
    client(ws, "s3", "us-west-2").create_bucket(Bucket="far-bucket", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    found = by_check(scan(ws, "-c", "s3_bucket_secure_transport_policy", "s3_bucket_level_public_access_block"))
    for rows in found.values():
        assert [r["RESOURCE_NAME"] for r in rows] == ["near-bucket"], rows
    both = by_check(scan(ws, "-c", "s3_bucket_secure_transport_policy", regions=("us-east-1", "us-west-2")))
    assert sorted(r["RESOURCE_NAME"] for r in both["s3_bucket_secure_transport_policy"]) == ["far-bucket", "near-bucket"]


def test_network_acls_are_scoped_to_regions_someone_uses(ws):
    ec2 = client(ws, "ec2")
    checks = ["ec2_networkacl_allow_ingress_any_port", "ec2_networkacl_allow_ingress_tcp_port_22"]
    # moto's fresh region: a default VPC, its default ACL (allow all) and default group.
    assert by_check(scan(ws, "-c", *checks)) == {}
    unused = by_check(scan(ws, "-c", *checks, "--scan-unused-services"))
    assert {r["STATUS"] for rs in unused.values() for r in rs} == {"FAIL"}, unused

    # A group of one's own makes the region in use: every ACL is assessed, the
    # unassociated one too.
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc)
    spare = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
    found = by_check(scan(ws, "-c", *checks))
    ids = {r["RESOURCE_UID"].rsplit("/", 1)[-1]: r["STATUS"] for r in found["ec2_networkacl_allow_ingress_any_port"]}
    assert ids[spare] == "PASS", ids  # a new ACL denies everything
    default = [a["NetworkAclId"] for a in ec2.describe_network_acls()["NetworkAcls"] if a["IsDefault"]]
    assert all(ids[d] == "FAIL" for d in default), ids


@pytest.mark.parametrize("answer", ["moto", "bare 404", "denied"])
def test_account_block_public_access_never_set_is_a_failure(ws, stand_in, answer):
    client(ws, "s3").create_bucket(Bucket="some-bucket")  # Prowler reports it only with buckets
    env = {}
    if answer != "moto":
        # The S3 Control endpoint alone answers from a stand-in: a 404 without the usual
        # error body, or a refusal (which stays an ERROR).
        body = {"bare 404": (404, {}, ""),
                "denied": (403, {"Content-Type": "application/xml"},
                           "<Error><Code>AccessDenied</Code><Message>no</Message></Error>")}[answer]
        s = stand_in({("GET", "/v20180820/configuration/publicAccessBlock"): lambda h: body})
        env["AWS_ENDPOINT_URL_S3_CONTROL"] = s.url
    out = ws.root / "out"
    r = ws.kestrel("aws", "-f", "us-east-1", "-o", str(out), "-F", "scan", "-b", "-c",
                   "s3_account_level_public_access_blocks", env={**CREDS, **env}, timeout=120)
    with open(out / "scan.csv", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    if answer == "denied":
        assert [x["STATUS"] for x in rows] == ["ERROR"], rows
        assert "AccessDenied" in rows[0]["STATUS_EXTENDED"], rows
        return
    assert r.rc == 3, r
    assert [(x["STATUS"], x["STATUS_EXTENDED"]) for x in rows] == [
        ("FAIL", "Block Public Access is not configured for the account 123456789012.")], rows


# CIS AWS Foundations' metric-filter patterns (section "Monitoring"), one per check: the
# PASS path of the CIS alarm family, which moto alone cannot serve (see cbor_shim.py).
CIS_PATTERNS = {
    "cloudwatch_log_metric_filter_unauthorized_api_calls":
        '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && '
        '($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
    "cloudwatch_log_metric_filter_sign_in_without_mfa":
        '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && '
        '($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    "cloudwatch_log_metric_filter_root_usage":
        '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    "cloudwatch_log_metric_filter_policy_changes":
        "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||"
        "($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||"
        "($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||"
        "($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||"
        "($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||"
        "($.eventName=DetachGroupPolicy)}",
    "cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled":
        "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || "
        "($.eventName = StartLogging) || ($.eventName = StopLogging) }",
    "cloudwatch_log_metric_filter_authentication_failures":
        '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    "cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk":
        "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }",
    "cloudwatch_log_metric_filter_for_s3_bucket_policy_changes":
        "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || "
        "($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || "
        "($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || "
        "($.eventName = DeleteBucketReplication)) }",
    "cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled":
        "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||"
        "($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }",
    "cloudwatch_log_metric_filter_security_group_changes":
        "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || "
        "($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || "
        "($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",
    "cloudwatch_changes_to_network_acls_alarm_configured":
        "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || "
        "($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || "
        "($.eventName = ReplaceNetworkAclAssociation) }",
    "cloudwatch_changes_to_network_gateways_alarm_configured":
        "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || "
        "($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || "
        "($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }",
    "cloudwatch_changes_to_network_route_tables_alarm_configured":
        "{ ($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || "
        "($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || "
        "($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }",
    "cloudwatch_changes_to_vpcs_alarm_configured":
        "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || "
        "($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || "
        "($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || "
        "($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || "
        "($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }",
    "cloudwatch_log_metric_filter_aws_organizations_changes":
        '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || '
        '($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || '
        # Prowler (and kestrel) also require these three, which the CIS pattern lacks.
        '($.eventName = "CancelHandshake") || ($.eventName = "CreateOrganization") || ($.eventName = "EnableAllFeatures") || '
        '($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || '
        '($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || '
        '($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || '
        '($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || '
        '($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || '
        '($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
}


@pytest.fixture
def cloudwatch_cbor(ws):
    from cbor_shim import CloudWatchCbor
    shim = CloudWatchCbor(ws.moto.url)
    yield shim
    shim.stop()


def test_cis_alarm_checks_pass_on_an_account_with_the_filters_and_alarms(ws, cloudwatch_cbor):
    checks = sorted(CIS_PATTERNS)
    assert len(checks) == 15
    env = {"AWS_ENDPOINT_URL_CLOUDWATCH": cloudwatch_cbor.url}

    def cis_scan():
        out = ws.root / "out"
        r = ws.kestrel("aws", "-f", "us-east-1", "-o", str(out), "-F", "scan", "-b", "-c", *checks,
                       env={**CREDS, **env}, timeout=300)
        assert r.rc in (0, 3), r
        with open(out / "scan.csv", newline="") as f:
            return {x["CHECK_ID"]: x for x in csv.DictReader(f, delimiter=";")}

    logs = client(ws, "logs")
    logs.create_log_group(logGroupName="cloudtrail-events")
    group_arn = logs.describe_log_groups()["logGroups"][0]["arn"]
    client(ws, "s3").create_bucket(Bucket="cis-trail-logs")
    ct = client(ws, "cloudtrail")
    ct.create_trail(Name="cis-trail", S3BucketName="cis-trail-logs", IsMultiRegionTrail=True,
                    CloudWatchLogsLogGroupArn=group_arn,
                    CloudWatchLogsRoleArn="arn:aws:iam::123456789012:role/trail-to-logs")
    ct.start_logging(Name="cis-trail")
    for i, c in enumerate(checks):
        logs.put_metric_filter(logGroupName="cloudtrail-events", filterName=f"f{i}", filterPattern=CIS_PATTERNS[c],
                               metricTransformations=[{"metricName": f"cis-{i}", "metricNamespace": "CIS", "metricValue": "1"}])

    # Filters without alarms: every check fails, each on its own filter.
    found = cis_scan()
    assert sorted(found) == checks
    assert {c: r["STATUS"] for c, r in found.items()} == {c: "FAIL" for c in checks}, found
    assert ("DescribeAlarms", "us-east-1") in cloudwatch_cbor.calls

    cw = client(ws, "cloudwatch")
    topic = client(ws, "sns").create_topic(Name="cis-alarms")["TopicArn"]
    for i in range(len(checks)):
        cw.put_metric_alarm(AlarmName=f"cis-alarm-{i}", MetricName=f"cis-{i}", Namespace="CIS", Statistic="Sum",
                            Period=300, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold",
                            AlarmActions=[topic])
    found = cis_scan()
    assert {c: r["STATUS"] for c, r in found.items()} == {c: "PASS" for c in checks}, found
