"""Bad input gets one clear error, never a panic or a hang: every row must exit non-zero
(2 for usage errors), name the offending value (or what is wrong) and what is allowed,
print no "panicked", and finish within seconds."""

import json
import time

import pytest

KEYS = "aws_access_key_id = AKIDSTATIC00000001\naws_secret_access_key = staticsecret\n"
ROLE = "arn:aws:iam::123456789012:role/Audit"
CREDS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
SECRET = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"  # must never reach any output


def cfg(text):
    return lambda ws: ws.write(text) or {}


def proc_script(body):
    def setup(ws):
        p = ws.file("proc.sh", "#!/bin/sh\n" + body + "\n", 0o755)
        ws.write(f"[profile p]\ncredential_process = {p}\n")
        return {}
    return setup


# (id, argv, setup(ws) -> env, exit code, [substrings that must appear in stderr])
ROWS = [
    # -R / -T / -I / --role-session-name
    ("role-not-arn", ["whoami", "-R", "Audit"], None, 2, ['"Audit"', "arn:aws:iam::123456789012:role/NAME"]),
    ("role-with-region", ["whoami", "-R", "arn:aws:iam:us-east-1:123456789012:role/x"], None, 2, ["IAM ARNs have no region"]),
    ("role-wrong-service", ["whoami", "-R", "arn:aws:ec2::123456789012:role/x"], None, 2, ['"ec2"', "iam or sts"]),
    ("role-short-account", ["whoami", "-R", "arn:aws:iam::12345678901:role/x"], None, 2, ['"12345678901"', "12 digits"]),
    ("role-wrong-type", ["whoami", "-R", "arn:aws:iam::123456789012:policy/x"], None, 2, ['"policy"', "role, user, assumed-role"]),
    ("role-bad-partition", ["whoami", "-R", "arn:aws-mars:iam::123456789012:role/x"], None, 2, ['"aws-mars"']),
    ("duration-low", ["whoami", "-R", ROLE, "-T", "899"], None, 2, ["between 900 and 43200", "899"]),
    ("duration-high", ["whoami", "-R", ROLE, "-T", "43201"], None, 2, ["between 900 and 43200", "43201"]),
    ("duration-negative", ["whoami", "-R", ROLE, "-T", "-1"], None, 2, ["between 900 and 43200", "-1"]),
    ("duration-not-a-number", ["whoami", "-R", ROLE, "-T", "1h"], None, 2, ["'1h'"]),
    ("external-id-short", ["whoami", "-R", ROLE, "-I", "x"], None, 2, ['"x"', "2 to 1224"]),
    ("external-id-space", ["whoami", "-R", ROLE, "-I", "a b"], None, 2, ["' '", "2 to 1224"]),
    ("external-id-long", ["whoami", "-R", ROLE, "-I", "x" * 1225], None, 2, ["1225 characters", "2 to 1224"]),
    ("session-name-short", ["whoami", "-R", ROLE, "--role-session-name", "a"], None, 2, ['"a"', "2 to 64"]),
    ("session-name-star", ["whoami", "-R", ROLE, "--role-session-name", "bad*name"], None, 2, ["'*'", "2 to 64"]),
    ("session-name-long", ["whoami", "-R", ROLE, "--role-session-name", "s" * 65], None, 2, ["65 characters", "2 to 64"]),
    ("external-id-without-role", ["whoami", "-I", "ext-1"], None, 2, ["-R/--role option is needed"]),
    ("duration-without-role", ["aws", "-T", "1800"], None, 2, ["-R/--role option is needed"]),
    ("session-name-without-role", ["aws", "--role-session-name", "abc"], None, 2, ["-R/--role option is needed"]),
    ("mfa-without-role", ["whoami", "--mfa"], None, 2, ["--mfa needs -R/--role"]),
    # names
    ("unknown-profile", ["whoami", "-p", "nope"], cfg("[default]\n" + KEYS), 1, ["The config profile (nope) could not be found"]),
    ("unknown-region-format", ["aws", "-f", "moon-base"], None, 2, ['"moon-base"', "us-east-1"]),
    ("region-not-enabled", ["aws", "-f", "eu-north-9"], None, 2, ['"eu-north-9"', "not enabled"]),
    ("unknown-check", ["aws", "-c", "s3_bucket_public"], None, 2, ['"s3_bucket_public"', "did you mean"]),
    ("unknown-framework", ["aws", "--compliance", "cis_8.0_aws"], None, 2, ['"cis_8.0_aws"', "cis_7.0_aws"]),
    ("unknown-format", ["aws", "-M", "xlsx"], None, 2, ['"xlsx"', "csv, json-ocsf, html"]),
    ("unknown-service", ["aws", "-s", "lamda"], None, 2, ['"lamda"', 'did you mean "awslambda"']),
    ("unknown-status", ["aws", "--status", "OK"], None, 2, ['"OK"', "PASS, FAIL"]),
    ("output-name-with-dir", ["aws", "-F", "a/b"], None, 2, ['"a/b"', "-o"]),
    ("zero-concurrency", ["aws", "--max-concurrency", "0"], None, 2, ["'0'"]),
    ("unwritable-output", ["aws", "-c", "kms_cmk_rotation_enabled", "-f", "us-east-1", "-o", "blocker/out"],
     lambda ws: ws.file("blocker", "x") and {}, 1, ["cannot write the reports", "blocker"]),
    # files
    ("config-binary-garbage", ["whoami"], lambda ws: (ws.config.write_bytes(b"\xff\xfe\x00garbage\x80\x81"), {})[1], 1,
     ["Unable to parse config file:", "not UTF-8"]),
    ("config-no-delimiter", ["whoami"], cfg("[default]\njust words here\n"), 1, ["Unable to parse config file:", "line 2"]),
    ("config-duplicate-key", ["whoami"], cfg("[default]\nregion = a\nregion = b\n"), 1, ["Unable to parse config file:", 'line 3: duplicate key in this section']),
    ("config-1mb-line", ["whoami"], cfg("[default]\n" + "x" * 1_000_000 + "\n"), 1, ["Unable to parse config file:"]),
    ("config-cycle", ["whoami", "-p", "a"], cfg("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n"
                                               "[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n"), 1,
     ["Infinite loop in credential configuration detected", "['a', 'b']"]),
    ("duration-seconds-not-numeric", ["whoami", "-p", "r"],
     cfg("[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = k\nduration_seconds = soon\n[profile k]\n" + KEYS), 1,
     ['"soon"', "900 to 43200"]),
    ("mfa-code-short", ["whoami", "-p", "m"],
     cfg(f"[profile m]\nrole_arn = {ROLE}\nsource_profile = k\nmfa_serial = arn:aws:iam::123456789012:mfa/u\n[profile k]\n" + KEYS), 1,
     ["exactly 6 digits"]),
    ("mfa-code-letters", ["whoami", "-p", "m"],
     cfg(f"[profile m]\nrole_arn = {ROLE}\nsource_profile = k\nmfa_serial = arn:aws:iam::123456789012:mfa/u\n[profile k]\n" + KEYS), 1,
     ["exactly 6 digits"]),
    ("mfa-code-missing", ["whoami", "-p", "m"],
     cfg(f"[profile m]\nrole_arn = {ROLE}\nsource_profile = k\nmfa_serial = arn:aws:iam::123456789012:mfa/u\n[profile k]\n" + KEYS), 1,
     ["standard input is closed"]),
    ("process-fails", ["whoami", "-p", "p"], proc_script("echo 'sso session expired' >&2; exit 2"), 1,
     ["custom-process", "sso session expired"]),
    ("process-garbage", ["whoami", "-p", "p"], proc_script("echo 'this is not json'"), 1,
     ["custom-process", "did not print a JSON document"]),
    ("process-wrong-version", ["whoami", "-p", "p"], proc_script('echo \'{"Version": 2}\''), 1,
     ["Unsupported version '2'", "supported versions: 1"]),
    ("process-missing-binary", ["whoami", "-p", "p"], cfg("[profile p]\ncredential_process = /nonexistent/cred-helper --x\n"), 1,
     ['"/nonexistent/cred-helper"']),
    ("web-identity-token-missing", ["whoami", "-p", "w"],
     cfg("[profile w]\nrole_arn = arn:aws:iam::1:role/w\nweb_identity_token_file = /nonexistent/token\n"), 1,
     ["/nonexistent/token"]),
    ("ecs-host-not-allowed", ["whoami"], lambda ws: {"AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://192.0.2.10/creds",
                                                      "AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None}, 1,
     ["container-role", "192.0.2.10"]),
    ("endpoint-refuses-connections", ["whoami"], lambda ws: {**CREDS, "AWS_ENDPOINT_URL": "http://127.0.0.1:9"}, 1,
     ["Could not connect to the endpoint URL", "127.0.0.1:9"]),
    ("no-credentials", ["whoami"], lambda ws: {"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None}, 1,
     ["Unable to locate credentials"]),
    ("partial-env-credentials", ["whoami"], lambda ws: {"AWS_ACCESS_KEY_ID": "AKIDONLY000000000001", "AWS_SECRET_ACCESS_KEY": None}, 1,
     ["missing: AWS_SECRET_ACCESS_KEY"]),
    ("corrupt-inventory", ["aws", "--inventory", "inv.json"], lambda ws: ws.file("inv.json", '{"format": 2, "account": {') and {}, 1,
     ["inv.json", "is not a kestrel inventory"]),
    ("inventory-wrong-shape", ["aws", "--inventory", "inv.json"], lambda ws: ws.file("inv.json", "[1, 2, 3]") and {}, 1,
     ["inv.json", "is not a kestrel inventory"]),
    ("inventory-missing", ["aws", "--inventory", "absent.json"], None, 1, ["absent.json", "cannot read"]),
    ("accounts-file-bad-line", ["aws", "--role-name", "Audit", "--accounts-file", "ids.txt"],
     lambda ws: ws.file("ids.txt", "111111111111\nnot-an-id\n") and {}, 2, ["ids.txt:2", '"not-an-id"', "12-digit"]),
    ("role-name-is-an-arn", ["aws", "--role-name", ROLE, "--account-ids", "111111111111"], None, 2, ["not an ARN"]),
    ("role-and-role-name", ["aws", "-R", ROLE, "--role-name", "Audit", "--account-ids", "111111111111"], None, 2,
     ["-R/--role names one role"]),
    # hardening: secrets never echoed, no panics on odd values, bounded helpers
    ("credentials-nested-secret", ["whoami"],
     lambda ws: ws.write(credentials="[default]\naws_access_key_id = AKIDSTATIC00000001\naws_secret_access_key =\n  " + SECRET + "\n") or {
         "AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None}, 1,
     ["Unable to parse config file:", "line 4"]),
    ("config-nested-secret-in-token", ["whoami"],
     cfg("[default]\naws_session_token\n  " + SECRET + "=\n"), 1, ["Unable to parse config file:", "line 2"]),
    ("imds-timeout-infinite", ["whoami"],
     lambda ws: {"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None, "AWS_EC2_METADATA_DISABLED": "false",
                 "AWS_METADATA_SERVICE_TIMEOUT": "inf", "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:9/"}, 1,
     ["Unable to locate credentials"]),
    ("process-expired-credentials", ["whoami", "-p", "p"],
     proc_script('echo \'{"Version": 1, "AccessKeyId": "AKIDPROC000000000001", "SecretAccessKey": "' + SECRET
                 + '", "SessionToken": "t", "Expiration": "2001-01-01T00:00:00Z"}\''), 1,
     ["refreshed credentials are still expired"]),
    ("process-endless-output", ["whoami", "-p", "p"], proc_script("yes " + SECRET), 1,
     ["custom-process", "printed more than 1024 KB on stdout"]),
    ("process-hangs", ["whoami", "-p", "p"],
     lambda ws: {**proc_script("sleep 30")(ws), "KESTREL_CREDENTIAL_PROCESS_TIMEOUT": "1"}, 1,
     ["custom-process", "did not finish within 1 s"]),
    ("inventory-account-traversal", ["aws", "--inventory", "inv.json", "-o", "a/b"],
     lambda ws: ws.file("inv.json", json.dumps({"format": 2, "account": {"account_id": "/../../../../escaped"}})) and {}, 1,
     ["inv.json", "not 12 digits"]),
    ("inventory-old-format", ["aws", "--inventory", "inv.json"],
     lambda ws: ws.file("inv.json", json.dumps({"format": 1, "account": {"account_id": "123456789012"}})) and {}, 1,
     ["inv.json", "format 1", "reads format 2", "--save-inventory"]),
    ("role-arn-15kb", ["whoami", "-R", "arn:aws:iam::123456789012:role/" + "r" * 15000], None, 2, ["at most 2048 characters", "(15031 characters)", "…"]),
    ("ous-without-organizations", ["aws", "--role-name", "A", "--account-ids", "111111111111", "--organizational-units", "ou-x"],
     None, 2, ["--organizational-units needs --organizations"]),
]

STDIN = {"mfa-code-short": "123\n", "mfa-code-letters": "abcdef\n", "mfa-code-missing": ""}


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_bad_input(ws, row):
    name, argv, setup, rc, needles = row
    env = dict(CREDS)
    if setup:
        env.update(setup(ws) or {})
    started = time.time()
    r = ws.kestrel(*argv, env=env, stdin=STDIN.get(name, ""), timeout=30)
    elapsed = time.time() - started
    assert r.rc == rc, r
    for n in needles:
        assert n in r.err, f"{n!r} not in {r.err!r}"
    assert "panicked" not in r.err + r.out
    assert SECRET[:12] not in r.err + r.out, "a secret was printed"
    assert len(r.err) < 4000, f"{len(r.err)} bytes on stderr"
    assert elapsed < 15, f"took {elapsed:.1f}s"


def test_table_has_at_least_40_rows():
    assert len(ROWS) >= 40
