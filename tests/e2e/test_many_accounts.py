"""Many accounts in one run (moto keys accounts by the assumed role's account id), an
organization, preflight failure reasons (a local STS stand-in answers the errors moto
never gives), and the scan-role CloudFormation template deployed in moto."""

import ast
import csv
import json
import subprocess
import sys
import urllib.parse
import urllib.request

import boto3
import pytest
import yaml
from botocore.config import Config

CREDS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
A, B, C = "111111111111", "222222222222", "333333333333"


def session_in(moto, account):
    """boto3 session acting inside `account` (moto keys state by the role's account)."""
    sts = boto3.client("sts", endpoint_url=moto.url, region_name="us-east-1",
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/seed", RoleSessionName="seed")["Credentials"]
    return boto3.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"],
                         aws_session_token=c["SessionToken"], region_name="us-east-1")


def iam_in(moto, account):
    return session_in(moto, account).client("iam", endpoint_url=moto.url)


def as_doc(doc):
    """A policy document as a dict: moto hands back CloudFormation inline policies as
    the Python repr of the dict."""
    if isinstance(doc, str):
        text = urllib.parse.unquote(doc)
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return ast.literal_eval(text)
    return doc


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def run(ws, *args, env=None, stdin=None):
    e = dict(CREDS)
    e.update(env or {})
    return ws.kestrel(*args, env=e, stdin=stdin, timeout=300)


def test_three_accounts_in_parallel(ws):
    iam_in(ws.moto, A).update_account_password_policy(MinimumPasswordLength=20)
    iam_in(ws.moto, C).update_account_password_policy(MinimumPasswordLength=8)
    out = ws.root / "out"
    r = run(ws, "aws", "--role-name", "Audit", "--account-ids", f"{A},{B},{C}", "--parallel-accounts", "3",
            "-c", "iam_password_policy_minimum_length_14", "-f", "us-east-1", "-o", str(out))
    assert r.rc == 3, r
    expected = {A: "PASS", B: "FAIL", C: "FAIL"}
    for account, status in expected.items():
        reports = list(out.glob(f"kestrel-output-{account}-*.csv"))
        assert len(reports) == 1, reports
        rows = read_csv(reports[0])
        assert {x["ACCOUNT_UID"] for x in rows} == {account}
        assert [x["STATUS"] for x in rows] == [status], (account, rows)
    summary = read_csv(next(out.glob("kestrel-summary-*.csv")))
    assert {s["ACCOUNT_ID"]: s["STATUS"] for s in summary} == {A: "SCANNED", B: "SCANNED", C: "SCANNED"}
    assert {s["ACCOUNT_ID"]: s["FAIL"] for s in summary} == {A: "0", B: "1", C: "1"}
    assert json.loads(next(out.glob("kestrel-summary-*.json")).read_text())[1]["highest_failing_severity"] == "medium"


def test_output_name_is_per_account_in_a_multi_account_run(ws):
    # One -F NAME for many accounts: each account's files carry its id (two accounts
    # sharing NAME.csv would leave one report).
    iam_in(ws.moto, A).update_account_password_policy(MinimumPasswordLength=20)
    out = ws.root / "out"
    r = run(ws, "aws", "--role-name", "Audit", "--account-ids", f"{A},{B}", "-F", "audit",
            "-c", "iam_password_policy_minimum_length_14", "-f", "us-east-1", "-o", str(out))
    assert r.rc == 3, r
    assert [x["STATUS"] for x in read_csv(out / f"audit-{A}.csv")] == ["PASS"]
    assert [x["STATUS"] for x in read_csv(out / f"audit-{B}.csv")] == ["FAIL"]
    assert (out / f"audit-{A}.html").exists() and (out / f"audit-{B}.ocsf.json").exists()
    assert not (out / "audit.csv").exists()
    assert {s["ACCOUNT_ID"] for s in read_csv(out / "audit-summary.csv")} == {A, B}


def test_accounts_file_and_exclusions(ws):
    f = ws.file("accounts.txt", f"# production\n{A}\n{B}  # payments\n\n{C}\n")
    out = ws.root / "out"
    r = run(ws, "aws", "--role-name", "Audit", "--accounts-file", str(f), "--exclude-accounts", B,
            "-c", "iam_password_policy_minimum_length_14", "-f", "us-east-1", "-o", str(out), "-z")
    assert r.rc == 0, r
    assert {s["ACCOUNT_ID"] for s in read_csv(next(out.glob("kestrel-summary-*.csv")))} == {A, C}
    bad = ws.file("bad.txt", "12345\n")
    r = run(ws, "aws", "--role-name", "Audit", "--accounts-file", str(bad))
    assert r.rc == 2 and "bad.txt:1" in r.err and "12-digit" in r.err, r
    r = run(ws, "aws", "--account-ids", A)
    assert r.rc == 2 and "need --role-name" in r.err, r


def make_organization(moto):
    org = boto3.client("organizations", endpoint_url=moto.url, region_name="us-east-1",
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    prod = org.create_organizational_unit(ParentId=root, Name="Production")["OrganizationalUnit"]["Id"]
    ids = {}
    for name in ["web", "data", "sandbox"]:
        acct = org.create_account(Email=f"{name}@example.com", AccountName=name)["CreateAccountStatus"]["AccountId"]
        ids[name] = acct
        if name != "sandbox":
            org.move_account(AccountId=acct, SourceParentId=root, DestinationParentId=prod)
    org.tag_resource(ResourceId=ids["web"], Tags=[{"Key": "env", "Value": "prod"}])
    return org, prod, ids


def test_organization_scan_with_metadata(ws):
    _, prod, ids = make_organization(ws.moto)
    out = ws.root / "out"
    r = run(ws, "aws", "--organizations", "--role-name", "OrganizationAccountAccessRole",
            "-O", "arn:aws:iam::123456789012:role/OrgReader",
            "-c", "iam_password_policy_minimum_length_14", "-f", "us-east-1", "-o", str(out), "-z")
    assert r.rc == 0, r
    scanned = {s["ACCOUNT_ID"]: s for s in read_csv(next(out.glob("kestrel-summary-*.csv")))}
    assert set(ids.values()) | {"123456789012"} == set(scanned), scanned
    assert scanned[ids["web"]]["ACCOUNT_NAME"] == "web"
    web = read_csv(next(out.glob(f"kestrel-output-{ids['web']}-*.csv")))[0]
    assert web["ACCOUNT_NAME"] == "web" and web["ACCOUNT_EMAIL"] == "web@example.com"
    assert "env:prod" in web["ACCOUNT_TAGS"]
    assert web["ACCOUNT_OU_NAME"] == "Root/Production"
    # Only the Production OU.
    out2 = ws.root / "out2"
    r = run(ws, "aws", "--organizations", "--organizational-units", prod, "--role-name", "OrganizationAccountAccessRole",
            "-c", "iam_password_policy_minimum_length_14", "-f", "us-east-1", "-o", str(out2), "-z")
    assert r.rc == 0, r
    assert {s["ACCOUNT_ID"] for s in read_csv(next(out2.glob("kestrel-summary-*.csv")))} == {ids["web"], ids["data"]}


@pytest.fixture
def sts_stand_in(ws, stand_in):
    """STS that answers AssumeRole for chosen role ARNs with an error, and forwards
    everything else to moto."""

    def make(errors):
        def handle(h):
            body = h.rfile.read(int(h.headers.get("Content-Length", 0)))
            form = urllib.parse.parse_qs(body.decode())
            role = form.get("RoleArn", [""])[0]
            if form.get("Action", [""])[0] == "AssumeRole" and role in errors:
                status, code, message = errors[role]
                xml = (f'<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>'
                       f"<Code>{code}</Code><Message>{message}</Message></Error><RequestId>x</RequestId></ErrorResponse>")
                return status, {"Content-Type": "text/xml"}, xml
            headers = {k: v for k, v in h.headers.items() if k.lower() not in ("host", "content-length")}
            req = urllib.request.Request(ws.moto.url + h.path, data=body, headers=headers, method="POST")
            with urllib.request.urlopen(req) as resp:
                return resp.status, {"Content-Type": resp.headers.get("Content-Type", "text/xml")}, resp.read()

        return stand_in({("POST", "*"): handle})

    return make


REASONS = {
    A: (403, "AccessDenied", f"User: arn:aws:iam::123456789012:user/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::{A}:role/Audit"),
    B: (400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."),
    C: (400, "ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."),
    "444444444444": (403, "ExpiredToken", "The security token included in the request is expired"),
    "555555555555": (403, "InvalidClientTokenId", "The security token included in the request is invalid."),
}
SENTENCES = {
    A: "trust policy does not allow this caller",
    B: "above the role's MaxSessionDuration",
    C: "one-hour limit for role-chained sessions",
    "444444444444": "source credentials have expired",
    "555555555555": "source credentials are invalid",
}


def test_preflight_explains_each_failure(ws, sts_stand_in):
    sts = sts_stand_in({f"arn:aws:iam::{acct}:role/Audit": err for acct, err in REASONS.items()})
    accounts = ",".join(list(REASONS) + ["666666666666"])
    r = run(ws, "preflight", "--role-name", "Audit", "--account-ids", accounts, env={"AWS_ENDPOINT_URL_STS": sts.url})
    assert r.rc == 4, r
    blocks = r.out.split("\n")
    for acct, words in SENTENCES.items():
        line = next(i for i, l in enumerate(blocks) if acct in l)
        assert blocks[line].startswith("FAIL"), r.out
        assert words in blocks[line + 1] and f"[{REASONS[acct][1]}]" in blocks[line + 1], blocks[line + 1]
    ok = next(i for i, l in enumerate(blocks) if "666666666666" in l)
    assert blocks[ok].startswith("OK") and "assumed-role/Audit/KestrelAssessmentSession" in blocks[ok + 1]
    assert "valid for 1h00m" in blocks[ok + 1]
    assert "1 of 6 roles can be assumed." in r.out


def test_unreachable_account_does_not_stop_the_others(ws, sts_stand_in):
    sts = sts_stand_in({f"arn:aws:iam::{B}:role/Audit": REASONS[A]})
    out = ws.root / "out"
    r = run(ws, "aws", "--role-name", "Audit", "--account-ids", f"{A},{B},{C}", "-c", "iam_password_policy_minimum_length_14",
            "-f", "us-east-1", "-o", str(out), env={"AWS_ENDPOINT_URL_STS": sts.url})
    assert r.rc == 4, r
    summary = {s["ACCOUNT_ID"]: s for s in read_csv(next(out.glob("kestrel-summary-*.csv")))}
    assert summary[A]["STATUS"] == "SCANNED" and summary[C]["STATUS"] == "SCANNED"
    assert summary[B]["STATUS"] == "NOT_SCANNED"
    assert "trust policy" in summary[B]["REASON"] and "(AccessDenied)" in summary[B]["REASON"]


def test_mfa_code_asked_once_for_all_accounts(ws):
    serial = "arn:aws:iam::123456789012:mfa/auditor"
    out = ws.root / "out"
    r = run(ws, "aws", "--role-name", "Audit", "--account-ids", f"{A},{B},{C}", "--mfa", "-c", "iam_password_policy_minimum_length_14",
            "-f", "us-east-1", "-o", str(out), "-z", stdin=f"{serial}\n123456\n")
    assert r.rc == 0, r
    assert r.err.count("Enter ARN of MFA") == 1 and r.err.count("Enter MFA code") == 1, r.err
    assert len(read_csv(next(out.glob("kestrel-summary-*.csv")))) == 3


def test_scan_role_template_deploys_and_is_assumable(ws):
    r = ws.kestrel("scan-role-template")
    assert r.rc == 0, r
    tpl = yaml.safe_load(r.out)
    role = tpl["Resources"]["KestrelScanRole"]["Properties"]
    assert set(tpl["Parameters"]) >= {"ExternalId", "AccountId", "IAMPrincipal", "MaxSessionDuration"}
    assert tpl["Parameters"]["IAMPrincipal"]["Default"] == "role/kestrel*"
    assert tpl["Parameters"]["MaxSessionDuration"]["Default"] == 3600
    trust = role["AssumeRolePolicyDocument"]["Statement"][0]
    assert trust["Condition"]["StringEquals"]["sts:ExternalId"] == {"Ref": "ExternalId"}
    managed = [m["Fn::Sub"] for m in role["ManagedPolicyArns"]]
    assert managed == ["arn:${AWS::Partition}:iam::aws:policy/SecurityAudit",
                       "arn:${AWS::Partition}:iam::aws:policy/job-function/ViewOnlyAccess"]
    actions = role["Policies"][0]["PolicyDocument"]["Statement"][0]["Action"]
    assert "iam:GetAccountPasswordPolicy" in actions and "s3:GetBucketPolicy" in actions
    assert actions == sorted(set(actions))
    # The StackSet variant carries the same role template.
    s = yaml.safe_load(ws.kestrel("scan-role-template", "--stackset").out)
    ss = s["Resources"]["KestrelScanRoleStackSet"]["Properties"]
    assert ss["PermissionModel"] == "SERVICE_MANAGED"
    assert yaml.safe_load(ss["TemplateBody"]) == tpl
    # Deploy it in moto's CloudFormation, then preflight the role it made.
    cf = boto3.client("cloudformation", endpoint_url=ws.moto.url, region_name="us-east-1",
                      aws_access_key_id="testing", aws_secret_access_key="testing")
    cf.create_stack(StackName="kestrel-role", TemplateBody=r.out, Capabilities=["CAPABILITY_NAMED_IAM"],
                    Parameters=[{"ParameterKey": "ExternalId", "ParameterValue": "ext-42"},
                                {"ParameterKey": "AccountId", "ParameterValue": "123456789012"}])
    iam = boto3.client("iam", endpoint_url=ws.moto.url, region_name="us-east-1",
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    made = iam.get_role(RoleName="KestrelScanRole")["Role"]
    trust_doc = as_doc(made["AssumeRolePolicyDocument"])
    assert trust_doc["Statement"][0]["Condition"]["StringEquals"]["sts:ExternalId"] == "ext-42"
    inline = as_doc(iam.get_role_policy(RoleName="KestrelScanRole", PolicyName="KestrelChecksReadActions")["PolicyDocument"])
    assert inline["Statement"][0]["Action"] == actions
    p = run(ws, "preflight", "-R", made["Arn"], "-I", "ext-42")
    assert p.rc == 0 and p.out.startswith("OK"), p
