"""Prowler's role flags on `kestrel whoami`: -R, -I, -T, --role-session-name, --mfa,
their validation (usage errors exit 2), the role-chaining cap, and --explain."""

import json
import re

import pytest

from test_mfa_and_cache import cache_key

KEYS = "aws_access_key_id = AKIDSTATIC00000001\naws_secret_access_key = staticsecret\n"
AUDIT = "arn:aws:iam::222222222222:role/Audit"


def test_role_with_all_flags(ws):
    ws.write("[default]\n" + KEYS)
    r = ws.kestrel("whoami", "-R", AUDIT, "-I", "ext-77", "-T", "1800", "--role-session-name", "audit-run")
    assert r.rc == 0, r
    assert r.json()["Arn"] == "arn:aws:sts::222222222222:assumed-role/Audit/audit-run"
    assert r.json()["Account"] == "222222222222"
    key = cache_key({"RoleArn": AUDIT, "ExternalId": "ext-77", "DurationSeconds": 1800, "RoleSessionName": "audit-run"})
    assert (ws.cache_dir / key).exists()


def test_role_defaults(ws):
    ws.write("[default]\n" + KEYS)
    r = ws.kestrel("whoami", "-R", AUDIT)
    assert r.rc == 0, r
    assert r.json()["Arn"].endswith("assumed-role/Audit/KestrelAssessmentSession")
    # Defaults (session name, 3600 s) stay out of the cache key.
    assert (ws.cache_dir / cache_key({"RoleArn": AUDIT})).exists()


def test_role_on_top_of_a_profile_role(ws):
    ws.write("[profile k]\n" + KEYS + "[profile hub]\nrole_arn = arn:aws:iam::111111111111:role/hub\nsource_profile = k\n")
    r = ws.kestrel("whoami", "-p", "hub", "-R", AUDIT, "--explain")
    assert r.rc == 0, r
    assert r.json()["Arn"].endswith("assumed-role/Audit/KestrelAssessmentSession")
    lines = [l for l in r.err.splitlines() if re.match(r"\s*\d+\. ", l)]
    assert len(lines) == 3, r.err
    assert "role arn:aws:iam::111111111111:role/hub" in lines[1]
    assert "role " + AUDIT in lines[2]


USAGE = [
    (["-I", "ext-1"], "To use -I/--external-id, -T/--session-duration or --role-session-name options -R/--role option is needed"),
    (["-T", "1800"], "To use -I/--external-id, -T/--session-duration or --role-session-name options -R/--role option is needed"),
    (["--role-session-name", "abc"], "To use -I/--external-id, -T/--session-duration or --role-session-name options -R/--role option is needed"),
    (["-R", AUDIT, "-T", "899"], "Session duration must be between 900 and 43200 seconds (got 899)"),
    (["-R", AUDIT, "-T", "43201"], "Session duration must be between 900 and 43200 seconds (got 43201)"),
    (["-R", AUDIT, "-T", "-5"], "Session duration must be between 900 and 43200 seconds (got -5)"),
    (["-R", AUDIT, "-T", "abc"], "invalid value 'abc'"),
    (["-R", "arn:aws:iam::12345:role/x"], "is not 12 digits"),
    (["-R", "arn:aws:iam:us-east-1:123456789012:role/x"], "IAM ARNs have no region"),
    (["-R", "arn:aws:s3::123456789012:role/x"], "service must be iam or sts"),
    (["-R", "arn:aws:iam::123456789012:group/x"], "resource type \"group\""),
    (["-R", "arn:aws:iam::123456789012:role/"], "the resource name is empty"),
    (["-R", "role/Audit"], "must have the form arn:"),
    (["-R", AUDIT, "--role-session-name", "a"], "it must be 2 to 64 characters"),
    (["-R", AUDIT, "--role-session-name", "has space"], "character ' ' is not allowed"),
    (["-R", AUDIT, "--role-session-name", "x" * 65], "it must be 2 to 64 characters"),
    (["-R", AUDIT, "-I", "x"], "Invalid external ID"),
    (["-R", AUDIT, "-I", "bad*id"], "character '*' is not allowed"),
    (["--mfa"], "--mfa needs -R/--role"),
]


@pytest.mark.parametrize("args,message", USAGE, ids=[" ".join(a)[:40] for a, _ in USAGE])
def test_usage_errors_exit_2(ws, args, message):
    ws.write("[default]\n" + KEYS)
    r = ws.kestrel("whoami", *args)
    assert r.rc == 2, r
    assert message in r.err, r
    assert "panicked" not in r.err
    assert not ws.cache_dir.exists(), "nothing was called"


def test_mfa_flag_asks_serial_then_code_once(ws):
    ws.write("[default]\n" + KEYS)
    serial = "arn:aws:iam::123456789012:mfa/bob"
    r = ws.kestrel("whoami", "-R", AUDIT, "--mfa", stdin=f"{serial}\n135790\n")
    assert r.rc == 0, r
    assert "Enter ARN of MFA: " in r.err and f"Enter MFA code for {serial}: " in r.err
    assert "135790" not in r.err + r.out
    assert (ws.cache_dir / cache_key({"RoleArn": AUDIT, "SerialNumber": serial})).exists()
    # Second run: the device ARN is asked (it is part of the cache key), the code is not.
    again = ws.kestrel("whoami", "-R", AUDIT, "--mfa", stdin=f"{serial}\n")
    assert again.rc == 0, again
    assert "Enter MFA code" not in again.err
    assert again.json()["Arn"] == r.json()["Arn"]


def test_role_chaining_caps_duration_at_one_hour(ws):
    ws.write("[profile k]\n" + KEYS + "[profile hub]\nrole_arn = arn:aws:iam::111111111111:role/hub\nsource_profile = k\n")
    r = ws.kestrel("whoami", "-p", "hub", "-R", AUDIT, "-T", "7200")
    assert r.rc == 0, r
    assert "exceeds the one-hour limit" in r.err and "using 3600" in r.err, r
    assert (ws.cache_dir / cache_key({"RoleArn": AUDIT, "DurationSeconds": 3600})).exists()
    # From long-term keys there is no cap.
    ws.write("[default]\n" + KEYS)
    r = ws.kestrel("whoami", "-R", AUDIT, "-T", "7200", "--no-cache")
    assert r.rc == 0 and "one-hour limit" not in r.err, r


def test_role_chaining_cap_detects_role_sessions_in_env(ws):
    # Env keys that are themselves a role session (found out with GetCallerIdentity).
    ws.write("[profile k]\n" + KEYS + "[profile hub]\nrole_arn = arn:aws:iam::111111111111:role/hub\nsource_profile = k\n")
    cache = ws.cache_dir
    hub = ws.kestrel("whoami", "-p", "hub")
    assert hub.rc == 0
    entry = json.loads(next(cache.glob("*.json")).read_text())["Credentials"]
    env = {"AWS_ACCESS_KEY_ID": entry["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": entry["SecretAccessKey"],
           "AWS_SESSION_TOKEN": entry["SessionToken"]}
    r = ws.kestrel("whoami", "-R", AUDIT, "-T", "7200", env=env)
    assert r.rc == 0, r
    assert "one-hour limit" in r.err, r


def test_explain_shows_the_chain_and_no_secret(ws):
    ws.write("[profile k]\naws_access_key_id = AKIDEXPLAIN0000001\naws_secret_access_key = SECRET-NEVER-PRINTED\n"
             "[profile a]\nrole_arn = arn:aws:iam::111111111111:role/a\nsource_profile = k\nrole_session_name = s-a\n")
    r = ws.kestrel("whoami", "-p", "a", "--explain", "--log-level", "debug")
    assert r.rc == 0, r
    assert 'credential chain for profile "a"' in r.err
    assert "config-file  profile k  key AKID…0001" in r.err
    assert "assume-role  profile a  role arn:aws:iam::111111111111:role/a  session s-a" in r.err
    assert "[fetched, cached]" in r.err
    entry = json.loads(next(ws.cache_dir.glob("*.json")).read_text())["Credentials"]
    for secret in ["SECRET-NEVER-PRINTED", entry["SecretAccessKey"], entry["SessionToken"], "AKIDEXPLAIN0000001"]:
        assert secret not in r.err + r.out
