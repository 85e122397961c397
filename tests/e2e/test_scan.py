"""`kestrel aws` end to end against moto: exact findings for deliberately misconfigured
resources, reports, saved inventories, exit codes and usage errors."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SEEDER = ROOT / "scripts" / "demo_account.py"
CREDS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture
def seeded(ws):
    out = subprocess.run([sys.executable, str(SEEDER), ws.moto.url], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def scan(ws, *args, env=None, out="out", name="scan"):
    e = dict(CREDS)
    e.update(env or {})
    return ws.kestrel("aws", "-f", "us-east-1", "-o", str(ws.root / out), "-F", name, "-b", *args, env=e, timeout=300)


def rows(ws, out="out", name="scan"):
    with open(ws.root / out / f"{name}.csv", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def status_of(rows_, check, resource):
    found = [r["STATUS"] for r in rows_ if r["CHECK_ID"] == check and r["RESOURCE_NAME"] == resource]
    assert len(found) == 1, f"{check} {resource}: {found}"
    return found[0]


def test_exact_findings_for_known_misconfigurations(ws, seeded):
    r = scan(ws)
    assert r.rc == 3, r  # something fails
    found = rows(ws)
    expected = [
        ("s3_bucket_policy_public_write_access", "demo-public-uploads", "FAIL"),
        ("s3_bucket_policy_public_write_access", "demo-private-records", "PASS"),
        ("s3_bucket_secure_transport_policy", "demo-public-uploads", "FAIL"),
        ("s3_bucket_secure_transport_policy", "demo-private-records", "PASS"),
        ("s3_bucket_level_public_access_block", "demo-private-records", "PASS"),
        ("s3_bucket_level_public_access_block", "demo-public-uploads", "FAIL"),
        ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22", seeded["open_sg"], "FAIL"),
        ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22", seeded["closed_sg"], "PASS"),
        ("ec2_ebs_volume_encryption", seeded["volume_id"], "FAIL"),
        ("ec2_instance_imdsv2_enabled", seeded["instance_id"], "FAIL"),
        ("ec2_instance_profile_attached", seeded["instance_id"], "FAIL"),
        ("iam_password_policy_minimum_length_14", "123456789012", "FAIL"),
        ("iam_password_policy_reuse_24", "123456789012", "FAIL"),
        ("iam_customer_attached_policy_no_administrative_privileges", "demo-admin-everything", "FAIL"),
        ("iam_user_mfa_enabled_console_access", "demo-alice", "FAIL"),
        ("iam_user_mfa_enabled_console_access", "demo-bob", "PASS"),
        ("iam_policy_attached_only_to_group_or_roles", "demo-bob", "PASS"),
        ("cloudtrail_log_file_validation_enabled", "demo-trail", "FAIL"),
        ("kms_cmk_rotation_enabled", seeded["kms_key_id"], "FAIL"),
        ("rds_instance_storage_encrypted", "demo-db", "FAIL"),
        ("rds_instance_multi_az", "demo-db", "FAIL"),
    ]
    for check, resource, status in expected:
        assert status_of(found, check, resource) == status, (check, resource)
    alice = [r for r in found if r["CHECK_ID"] == "iam_policy_attached_only_to_group_or_roles" and r["RESOURCE_NAME"].startswith("demo-alice")]
    assert alice and all(r["STATUS"] == "FAIL" for r in alice)
    # Every row is about the scanned account and carries the check's metadata.
    assert {r["ACCOUNT_UID"] for r in found} == {"123456789012"}
    assert all(r["SEVERITY"] and r["CHECK_TITLE"] and r["SERVICE_NAME"] for r in found)
    assert all(r["FINDING_UID"].startswith("kestrel-aws-") for r in found)


def test_reports_and_their_shapes(ws, seeded):
    r = scan(ws)
    assert r.rc == 3, r
    out = ws.root / "out"
    csv_rows = rows(ws)
    ocsf = json.loads((out / "scan.ocsf.json").read_text())
    assert isinstance(ocsf, list) and len(ocsf) == len(csv_rows)
    assert {e["class_uid"] for e in ocsf} == {2004}
    assert {e["status_code"] for e in ocsf} <= {"PASS", "FAIL", "MANUAL", "ERROR"}
    html = (out / "scan.html").read_text()
    assert "demo-public-uploads" in html and "<script src" not in html
    for name in ["scan.csv", "scan.ocsf.json", "scan.html", "compliance/scan_cis_7.0_aws.csv", "compliance/scan_cis_6.0_aws.csv"]:
        assert oct((out / name).stat().st_mode & 0o777) == "0o600", name
    with open(out / "compliance" / "scan_cis_7.0_aws.csv", newline="") as f:
        comp = list(csv.DictReader(f, delimiter=";"))
    manual = [c for c in comp if c["REQUIREMENTS_ID"] == "2.1.2"]
    assert len(manual) == 1 and manual[0]["STATUS"] == "MANUAL"
    assert any(c["REQUIREMENTS_ID"] == "3.1.1" and c["STATUS"] == "FAIL" for c in comp)
    # The terminal summary names the unsupported service (moto has no Access Analyzer).
    assert "could not be evaluated (ERROR)" in r.err and "access-analyzer:ListAnalyzers" in r.err


def test_saved_inventory_gives_identical_reports(ws, seeded):
    inv = ws.root / "inventory.json"
    live = scan(ws, "--save-inventory", str(inv), out="live")
    assert live.rc == 3, live
    assert oct(inv.stat().st_mode & 0o777) == "0o600"
    # Offline: no credentials, no endpoint.
    offline = ws.kestrel("aws", "--inventory", str(inv), "-o", str(ws.root / "offline"), "-F", "scan", "-b",
                         env={"AWS_ENDPOINT_URL": None, "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"})
    assert offline.rc == 3, offline
    for name in ["scan.csv", "scan.ocsf.json", "compliance/scan_cis_7.0_aws.csv"]:
        assert (ws.root / "live" / name).read_bytes() == (ws.root / "offline" / name).read_bytes(), name


def test_selection_exit_codes_and_statuses(ws, seeded):
    r = scan(ws, "-c", "iam_password_policy_minimum_length_14")
    assert r.rc == 3, r
    assert {x["CHECK_ID"] for x in rows(ws)} == {"iam_password_policy_minimum_length_14"}
    assert scan(ws, "-c", "iam_password_policy_minimum_length_14", "-z").rc == 0
    r = scan(ws, "-s", "kms", "--status", "PASS")
    assert r.rc == 0, r  # failures filtered out of the reports and the verdict
    assert all(x["STATUS"] == "PASS" for x in rows(ws))
    r = scan(ws, "--compliance", "cis_7.0_aws", "--severity", "critical")
    assert r.rc in (0, 3), r
    ids = {x["CHECK_ID"] for x in rows(ws)}
    assert ids and all(not i.startswith("cloudwatch_") for i in ids)  # cloudwatch checks are not critical


def test_role_flags_on_aws(ws, seeded):
    r = scan(ws, "-R", "arn:aws:iam::111111111111:role/Audit", "-I", "ext-1", "-T", "900", "-c", "iam_password_policy_minimum_length_14")
    assert r.rc == 3, r  # a fresh account has no password policy
    found = rows(ws)
    assert {x["ACCOUNT_UID"] for x in found} == {"111111111111"}
    assert "Password policy cannot be found" in found[0]["STATUS_EXTENDED"]
    bad = scan(ws, "-I", "ext-1")
    assert bad.rc == 2 and "-R/--role option is needed" in bad.err


def test_listings(ws):
    r = ws.kestrel("aws", "--list-compliance-requirements", "cis_7.0_aws")
    assert r.rc == 0, r
    assert "70 requirements, 82 checks." in r.out
    assert "not implemented" not in r.out
    r = ws.kestrel("aws", "--list-checks", "--compliance", "cis_7.0")
    assert "There are 82 available checks." in r.out
    listing = ws.kestrel("aws", "--list-compliance").out
    assert listing.count("\ncis_") == 8 and "There are 44 available compliance frameworks." in listing
    assert "- iam" in ws.kestrel("aws", "--list-services").out


BAD = [
    (["-c", "iam_root_mfa_enable"], 'did you mean "iam_root_mfa_enabled"'),
    (["-s", "ec3"], 'unknown service "ec3"'),
    (["--compliance", "cis_9.0_aws"], 'unknown compliance framework "cis_9.0_aws"'),
    (["-M", "pdf"], 'unknown output format "pdf" (valid: csv, json-ocsf, html)'),
    (["--severity", "urgent"], 'unknown severity "urgent"'),
    (["-f", "moon-base"], 'invalid region "moon-base"'),
    (["-e", "nope"], 'unknown check "nope"'),
]


@pytest.mark.parametrize("args,message", BAD, ids=[a[0] + " " + a[1] for a, _ in BAD])
def test_usage_errors(ws, args, message):
    r = ws.kestrel("aws", *args, env=CREDS)
    assert r.rc == 2, r
    assert message in r.err, r


def test_runtime_errors(ws, seeded):
    corrupt = ws.file("broken.json", "{\"format\": 1, \"account\": ")
    r = ws.kestrel("aws", "--inventory", str(corrupt))
    assert r.rc == 1 and "is not a kestrel inventory" in r.err, r
    ws.file("blocker", "a file where the output directory should go")
    r = scan(ws, "-c", "kms_cmk_rotation_enabled", out="blocker/sub")
    assert r.rc == 1 and "cannot write the reports" in r.err and "blocker" in r.err, r
    r = ws.kestrel("aws", "-f", "eu-north-9", env=CREDS)
    assert r.rc == 2 and "not enabled for this account" in r.err, r


def test_region_selection_and_banner(ws, seeded):
    """Collection starts while the identity and the enabled regions are asked: the
    regions scanned are still exactly those named (-f) minus --excluded-region, or all
    enabled ones minus those, the home region first, and the banner names them."""
    env = dict(CREDS, AWS_DEFAULT_REGION="eu-west-1")
    r = ws.kestrel("aws", "-f", "us-west-2", "us-east-1", "eu-west-1", "us-east-1", "--excluded-region", "us-west-2",
                   "-c", "ec2_ebs_default_encryption", "--scan-unused-services", "-o", str(ws.root / "named"), "-F", "scan", env=env, timeout=300)
    assert r.rc == 3, r
    assert "AWS regions:         eu-west-1, us-east-1\n" in r.err, r.err
    assert "AWS account:         123456789012" in r.err, r.err
    assert [x["REGION"] for x in rows(ws, out="named")] == ["eu-west-1", "us-east-1"]

    r = ws.kestrel("aws", "--excluded-region", "us-east-1", "-c", "ec2_ebs_default_encryption", "--scan-unused-services", "-o", str(ws.root / "all"),
                   "-F", "scan", "-b", env=env, timeout=300)
    assert r.rc == 3, r
    regions = [x["REGION"] for x in rows(ws, out="all")]
    assert regions[0] == "eu-west-1" and "us-east-1" not in regions and len(regions) > 10, regions
    assert regions[1:] == sorted(regions[1:]), regions
