"""Hostile data from AWS and from files (the hardening issue): a credential report whose
user names hold commas, report cells that would run as spreadsheet formulas, per-account
file names under -F, report paths that a saved inventory must not steer, and files that
are replaced, never written through a planted symlink."""

import csv
import json
import os
import socket
import subprocess
import time

import boto3

CREDS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def iam(ws):
    return boto3.client("iam", endpoint_url=ws.moto.url, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def scan(ws, *args, out="out", name="scan"):
    return ws.kestrel("aws", "-f", "us-east-1", "-o", str(ws.root / out), "-F", name, "-b", *args,
                      env=dict(CREDS), timeout=300)


def rows(ws, out="out", name="scan"):
    with open(ws.root / out / f"{name}.csv", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def test_comma_in_a_user_name_never_shifts_the_credential_report(ws):
    # moto writes this name unquoted: the row has too many fields. Splitting on commas
    # used to read it as user "evil" with password_enabled taken from another column
    # (PASS); a CSV reader that counts fields refuses the report: ERROR, never PASS.
    c = iam(ws)
    name = "evil,arn:aws:iam::123456789012:user/x"
    c.create_user(UserName=name)
    c.create_login_profile(UserName=name, Password="Passw0rd!!x")
    r = scan(ws, "-c", "iam_user_mfa_enabled_console_access")
    found = rows(ws)
    assert r.rc == 0, r  # ERROR is not FAIL (Prowler's exit codes)
    assert found and {f["STATUS"] for f in found} == {"ERROR"}, found
    assert "MalformedCredentialReport" in found[0]["STATUS_EXTENDED"], found[0]
    assert "fields where the header has 22" in found[0]["STATUS_EXTENDED"], found[0]
    assert not any(f["RESOURCE_NAME"] == "evil" for f in found)


def test_cells_that_start_a_formula_are_defused(ws):
    c = iam(ws)
    for n in ["=HYPERLINK", "+plus", "@at", "-dash", "plain=fine"]:
        c.create_user(UserName=n)
        c.create_login_profile(UserName=n, Password="Passw0rd!!x")
    r = scan(ws, "-c", "iam_user_mfa_enabled_console_access", "--compliance", "cis_7.0_aws")
    assert r.rc == 3, r
    names = {f["RESOURCE_NAME"] for f in rows(ws)}
    assert {"'=HYPERLINK", "'+plus", "'@at", "'-dash", "plain=fine"} <= names, names
    raw = (ws.root / "out" / "scan.csv").read_text()
    comp = (ws.root / "out" / "compliance" / "scan_cis_7.0_aws.csv").read_text()
    for text in (raw, comp):
        for line in text.splitlines():
            assert not any(cell.startswith(("=", "+", "@", "-")) for cell in line.split(";")), line
    assert "'=HYPERLINK" in comp
    # The OCSF and HTML reports are not spreadsheets: they keep the name as it is.
    ocsf = json.loads((ws.root / "out" / "scan.ocsf.json").read_text())
    assert any(e["resources"][0]["name"] == "=HYPERLINK" for e in ocsf)


def test_an_inventory_cannot_steer_the_report_path(ws):
    r = scan(ws, "-c", "iam_password_policy_minimum_length_14", "--save-inventory", str(ws.root / "inv.json"))
    assert r.rc == 3, r
    inv = json.loads((ws.root / "inv.json").read_text())
    inv["account"]["account_id"] = "/../../../../escaped"
    (ws.root / "evil.json").write_text(json.dumps(inv))
    deep = ws.root / "a" / "b"
    r = ws.kestrel("aws", "--inventory", str(ws.root / "evil.json"), "-o", str(deep), env=dict(CREDS))
    assert r.rc == 1, r
    assert "not 12 digits" in r.err and "panicked" not in r.err, r
    assert not list(ws.root.rglob("*escaped*")), list(ws.root.rglob("*escaped*"))


def test_reports_replace_a_planted_symlink_and_never_write_through_it(ws):
    victim = ws.root / "victim.txt"
    victim.write_text("keep me\n")
    victim.chmod(0o644)
    out = ws.root / "out"
    out.mkdir()
    for ext in ["csv", "html", "ocsf.json"]:
        os.symlink(victim, out / f"scan.{ext}")
    inventory = ws.root / "inv.json"  # an existing, world-readable file: replaced, 0600
    inventory.write_text("old")
    inventory.chmod(0o644)
    r = scan(ws, "-c", "iam_password_policy_minimum_length_14", "--save-inventory", str(inventory))
    assert oct(inventory.stat().st_mode & 0o777) == "0o600"
    assert json.loads(inventory.read_text())["format"] == 2
    assert r.rc == 3, r
    assert victim.read_text() == "keep me\n"
    assert oct(victim.stat().st_mode & 0o777) == "0o644"
    for ext in ["csv", "html", "ocsf.json"]:
        p = out / f"scan.{ext}"
        assert not p.is_symlink() and p.stat().st_size > 0, p
        assert oct(p.stat().st_mode & 0o777) == "0o600", p
    assert not [p for p in out.iterdir() if p.name.startswith(".")], list(out.iterdir())


def test_an_endpoint_that_never_answers_times_out(ws):
    # It accepts connections (the kernel's backlog) and never reads or answers.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)
    url = f"http://127.0.0.1:{silent.getsockname()[1]}"
    try:
        for argv in (["whoami"], ["aws", "-f", "us-east-1", "-c", "iam_password_policy_minimum_length_14",
                                  "-o", str(ws.root / "out")]):
            started = time.time()
            r = ws.kestrel(*argv, "--aws-read-timeout", "1", env={**CREDS, "AWS_ENDPOINT_URL": url}, timeout=60)
            elapsed = time.time() - started
            assert r.rc == 1, r
            assert "timed out" in r.err and "--aws-read-timeout" in r.err, r
            assert elapsed < 30, f"{argv[0]} took {elapsed:.1f}s"
    finally:
        silent.close()
    r = ws.kestrel("whoami", "--aws-read-timeout", "0", env=dict(CREDS))
    assert r.rc == 2 and "0 is not in 1..=3600" in r.err, r


IDENTITY = ('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>'
            '<Arn>arn:aws:iam::123456789012:user/behind-proxy</Arn><UserId>AIDATLSPROXY</UserId>'
            '<Account>123456789012</Account></GetCallerIdentityResult>'
            '<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>')


def test_ca_bundle_is_honoured_as_the_aws_cli_does(ws, stand_in):
    # An endpoint with a certificate from a private CA (an inspecting proxy's, say):
    # refused by default, trusted through AWS_CA_BUNDLE or the profile's ca_bundle.
    cert, key = ws.root / "ca.pem", ws.root / "ca.key"
    leaf, leaf_key, csr = ws.root / "leaf.pem", ws.root / "leaf.key", ws.root / "leaf.csr"
    ext = ws.file("leaf.ext", "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")

    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=kestrel test CA",
            "-keyout", str(key), "-out", str(cert))
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", str(leaf_key), "-out", str(csr))
    openssl("x509", "-req", "-in", str(csr), "-CA", str(cert), "-CAkey", str(key), "-CAcreateserial", "-days", "2",
            "-extfile", str(ext), "-out", str(leaf))
    sts = stand_in({("POST", "/"): lambda h: (200, {"Content-Type": "text/xml"}, IDENTITY)}, tls=(str(leaf), str(leaf_key)))
    env = {**CREDS, "AWS_ENDPOINT_URL": sts.url}
    r = ws.kestrel("whoami", env=env)
    assert r.rc == 1 and "certificate is not trusted" in r.err and "AWS_CA_BUNDLE" in r.err, r
    r = ws.kestrel("whoami", env={**env, "AWS_CA_BUNDLE": str(cert)})
    assert r.rc == 0 and json.loads(r.out)["Arn"].endswith("user/behind-proxy"), r
    ws.write(f"[default]\nca_bundle = {cert}\n")
    r = ws.kestrel("whoami", env=env)
    assert r.rc == 0 and "behind-proxy" in r.out, r
    # The AWS CLI agrees on both.
    r = ws.aws("sts", "get-caller-identity", env=env)
    assert r.rc == 0 and "behind-proxy" in r.out, r
    for bad, why in [(ws.root / "absent.pem", "No such file"), (key, "holds no PEM certificate")]:
        r = ws.kestrel("whoami", env={**env, "AWS_CA_BUNDLE": str(bad)})
        assert r.rc == 1 and "cannot use the CA bundle" in r.err and why in r.err, r
        assert "panicked" not in r.err


def test_a_repeated_pagination_token_stops_paging(ws, stand_in):
    # A KMS endpoint that answers every ListKeys with the same "next page" marker: the
    # scan must stop (ERROR, with the reason), not page forever.
    calls = []

    def list_keys(h):
        calls.append(h.headers.get("X-Amz-Target"))
        return 200, {"Content-Type": "application/x-amz-json-1.1"}, json.dumps({
            "Keys": [{"KeyId": "k1", "KeyArn": "arn:aws:kms:us-east-1:123456789012:key/k1"}],
            "NextMarker": "same-again", "Truncated": True})
    kms = stand_in({("POST", "/"): list_keys})
    started = time.time()
    r = ws.kestrel("aws", "-f", "us-east-1", "-o", str(ws.root / "out"), "-F", "scan", "-b",
                   "-c", "kms_cmk_rotation_enabled", env={**CREDS, "AWS_ENDPOINT_URL_KMS": kms.url}, timeout=60)
    assert time.time() - started < 30
    found = rows(ws)
    assert found and {f["STATUS"] for f in found} == {"ERROR"}, found
    assert "RepeatedPaginationToken" in found[0]["STATUS_EXTENDED"], found[0]
    assert calls == ["TrentService.ListKeys"] * 2, calls
    assert r.rc == 0, r
