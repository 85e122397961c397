"""The scenario table: for each ~/.aws setup, `kestrel whoami` and
`aws sts get-caller-identity` (the reference) must give the same ARN, or both fail
with the same message. Each row also states what kestrel must print, so a row
cannot pass just because both clients failed for some unrelated reason.

Rows marked `differs` are deliberate differences (listed in the README): there only
kestrel's expectation is checked, and the AWS CLI's behaviour is asserted too, so
the difference stays documented by a test.
"""

import json

import pytest

from conftest import cli_error, normalize_arn

KEYS = "aws_access_key_id = AKIDSTATIC00000001\naws_secret_access_key = staticsecret\n"
MOTO_USER = "arn:aws:sts::123456789012:user/moto"


def role_arn(account, name, session="botocore-session-N"):
    return f"arn:aws:sts::{account}:assumed-role/{name}/{session}"


def process_script(ws, key="AKIDPROCESS0000001", fail=None):
    if fail:
        body = f"echo '{fail}' >&2\nexit 1\n"
    else:
        body = (
            "cat <<'JSON'\n"
            + json.dumps({"Version": 1, "AccessKeyId": key, "SecretAccessKey": "procsecret",
                          "SessionToken": "proctoken", "Expiration": "2999-01-01T00:00:00Z"})
            + "\nJSON\n"
        )
    return ws.file("cred-process.sh", "#!/bin/sh\n" + body, 0o755)


def imds_v1_only(stand_in):
    """Metadata that refuses IMDSv2 tokens (403), so clients must fall back to v1."""
    creds = json.dumps({"AccessKeyId": "AKIDIMDSV100000001", "SecretAccessKey": "v1secret",
                        "Token": "v1token", "Expiration": "2999-01-01T00:00:00Z"})
    return stand_in({
        ("PUT", "/latest/api/token"): lambda h: (403, {}, "forbidden"),
        ("GET", "/latest/meta-data/iam/security-credentials/"): lambda h: (200, {}, "v1-role"),
        ("GET", "/latest/meta-data/iam/security-credentials/v1-role"): lambda h: (200, {}, creds),
    })


def sso_portal(stand_in):
    """The IAM Identity Center portal (moto has none): GetRoleCredentials."""

    def creds(h):
        if h.headers.get("x-amz-sso_bearer_token") != "sso-access-token":
            return 401, {"Content-Type": "application/json"}, json.dumps({"message": "bad token"})
        body = {"roleCredentials": {"accessKeyId": "AKIDSSO00000000001", "secretAccessKey": "ssosecret",
                                    "sessionToken": "ssotoken", "expiration": 32503680000000}}
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    return stand_in({("GET", "/federation/credentials"): creds})


def sso_token(ws, key):
    import hashlib
    d = ws.home / ".aws" / "sso" / "cache"
    d.mkdir(parents=True, exist_ok=True)
    (d / (hashlib.sha1(key.encode()).hexdigest() + ".json")).write_text(json.dumps({
        "startUrl": "https://corp.awsapps.com/start", "region": "us-east-1",
        "accessToken": "sso-access-token", "expiresAt": "2999-01-01T00:00:00Z"}))


def login_cache(ws, session, expires="2999-01-01T00:00:00Z", drop=(), directory=None):
    """What `aws login` caches (botocore's LoginTokenLoader): a file named by the
    SHA-256 of the session name; dpopKey is only read when the session is renewed."""
    import hashlib
    d = directory or ws.home / ".aws" / "login" / "cache"
    d.mkdir(parents=True, exist_ok=True)
    doc = {"accessToken": {"accessKeyId": "AKIDLOGIN000000001", "secretAccessKey": "loginsecret",
                           "sessionToken": "logintoken", "accountId": "123456789012", "expiresAt": expires},
           "tokenType": "aws_sigv4", "refreshToken": "login-refresh", "idToken": "id.token.sig",
           "clientId": "arn:aws:signin:::devtools/same-device",
           "dpopKey": "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"}
    for k in drop:
        doc.pop(k)
    (d / (hashlib.sha256(session.encode()).hexdigest() + ".json")).write_text(json.dumps(doc))
    return {}


# Each row: id, config, credentials, profile (None: not passed), env, stdin,
# setup(ws, stand_in) -> extra env, expect ("arn", value) or ("error", substring),
# differs (reason) when the AWS CLI deliberately behaves otherwise.
ROWS = [
    dict(id="env-keys", env={"AWS_ACCESS_KEY_ID": "AKIDENV00000000001", "AWS_SECRET_ACCESS_KEY": "s"},
         expect=("arn", MOTO_USER)),
    dict(id="env-keys-session-token", env={"AWS_ACCESS_KEY_ID": "AKIDENV00000000001", "AWS_SECRET_ACCESS_KEY": "s",
                                           "AWS_SESSION_TOKEN": "tok"}, expect=("arn", MOTO_USER)),
    dict(id="env-keys-security-token", env={"AWS_ACCESS_KEY_ID": "AKIDENV00000000001", "AWS_SECRET_ACCESS_KEY": "s",
                                            "AWS_SECURITY_TOKEN": "tok"}, expect=("arn", MOTO_USER)),
    dict(id="env-key-without-secret", env={"AWS_ACCESS_KEY_ID": "AKIDENV00000000001"},
         expect=("error", "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY")),
    dict(id="credentials-file-default", credentials="[default]\n" + KEYS, expect=("arn", MOTO_USER)),
    dict(id="config-file-default", config="[default]\n" + KEYS, expect=("arn", MOTO_USER)),
    dict(id="aws-profile-env", config="[profile p]\nrole_arn = arn:aws:iam::111111111111:role/viaenv\nsource_profile = k\n[profile k]\n" + KEYS,
         env={"AWS_PROFILE": "p"}, expect=("arn", role_arn("111111111111", "viaenv"))),
    dict(id="aws-default-profile-env", config="[profile p]\nrole_arn = arn:aws:iam::111111111111:role/viadefault\nsource_profile = k\n[profile k]\n" + KEYS,
         env={"AWS_DEFAULT_PROFILE": "p"}, expect=("arn", role_arn("111111111111", "viadefault"))),
    dict(id="unknown-profile-flag", config="[default]\n" + KEYS, profile="nope",
         expect=("error", "The config profile (nope) could not be found")),
    dict(id="unknown-profile-env", config="[default]\n" + KEYS, env={"AWS_PROFILE": "nope"},
         expect=("error", "The config profile (nope) could not be found")),
    dict(id="explicit-profile-beats-env-keys",
         config="[profile p]\nrole_arn = arn:aws:iam::111111111111:role/explicit\nsource_profile = k\n[profile k]\n" + KEYS,
         env={"AWS_ACCESS_KEY_ID": "AKIDENV00000000001", "AWS_SECRET_ACCESS_KEY": "s"}, profile="p",
         expect=("arn", role_arn("111111111111", "explicit"))),
    dict(id="env-keys-beat-aws-profile",
         config="[profile p]\nrole_arn = arn:aws:iam::111111111111:role/ignored\nsource_profile = k\n[profile k]\n" + KEYS,
         env={"AWS_ACCESS_KEY_ID": "AKIDENV00000000001", "AWS_SECRET_ACCESS_KEY": "s", "AWS_PROFILE": "p"},
         expect=("arn", MOTO_USER)),
    dict(id="partial-credentials-file", credentials="[p]\naws_access_key_id = AKIDPARTIAL0000001\n", profile="p",
         expect=("error", "Partial credentials found in shared-credentials-file, missing: aws_secret_access_key")),
    dict(id="partial-config-file", config="[profile p]\naws_access_key_id = AKIDPARTIAL0000001\n", profile="p",
         expect=("error", "Partial credentials found in config-file, missing: aws_secret_access_key")),
    dict(id="role-source-profile", config="[profile r]\nrole_arn = arn:aws:iam::111111111111:role/basic\nsource_profile = k\n[profile k]\n" + KEYS,
         profile="r", expect=("arn", role_arn("111111111111", "basic"))),
    dict(id="role-external-id-session-name",
         config="[profile r]\nrole_arn = arn:aws:iam::222222222222:role/ext\nsource_profile = k\nexternal_id = ext-123\nrole_session_name = audit-sess\nduration_seconds = 1800\n[profile k]\n" + KEYS,
         profile="r", expect=("arn", role_arn("222222222222", "ext", "audit-sess"))),
    dict(id="role-chain-depth-3",
         config="[profile a]\nrole_arn = arn:aws:iam::111111111111:role/a\nsource_profile = k\n"
                "[profile b]\nrole_arn = arn:aws:iam::222222222222:role/b\nsource_profile = a\n"
                "[profile c]\nrole_arn = arn:aws:iam::333333333333:role/c\nsource_profile = b\nrole_session_name = deep\n[profile k]\n" + KEYS,
         profile="c", expect=("arn", role_arn("333333333333", "c", "deep"))),
    dict(id="self-source-with-keys",
         config="[profile me]\nrole_arn = arn:aws:iam::111111111111:role/self\nsource_profile = me\n" + KEYS,
         profile="me", expect=("arn", role_arn("111111111111", "self"))),
    dict(id="self-source-without-keys",
         config="[profile me]\nrole_arn = arn:aws:iam::111111111111:role/self\nsource_profile = me\n", profile="me",
         expect=("error", "Infinite loop in credential configuration detected. Attempting to load from profile me which has already been visited. Visited profiles: ['me']")),
    dict(id="cycle",
         config="[profile A]\nrole_arn = arn:aws:iam::111111111111:role/a\nsource_profile = B\n"
                "[profile B]\nrole_arn = arn:aws:iam::111111111111:role/b\nsource_profile = A\n", profile="A",
         expect=("error", "Visited profiles: ['A', 'B']")),
    dict(id="source-profile-missing", config="[profile r]\nrole_arn = arn:aws:iam::111111111111:role/x\nsource_profile = ghost\n",
         profile="r", expect=("error", 'The source_profile "ghost" referenced in the profile "r" does not exist.')),
    dict(id="both-sources",
         config="[profile r]\nrole_arn = arn:aws:iam::111111111111:role/x\nsource_profile = k\ncredential_source = Environment\n[profile k]\n" + KEYS,
         profile="r", expect=("error", 'The profile "r" contains both source_profile and credential_source.')),
    dict(id="no-source", config="[profile r]\nrole_arn = arn:aws:iam::111111111111:role/x\n", profile="r",
         expect=("error", "Partial credentials found in assume-role, missing: source_profile or credential_source")),
    dict(id="invalid-credential-source", config="[profile r]\nrole_arn = arn:aws:iam::111111111111:role/x\ncredential_source = environment\n",
         profile="r", expect=("error", 'The credential source "environment" referenced in profile "r" is not valid.')),
    dict(id="credential-source-environment",
         config="[profile r]\nrole_arn = arn:aws:iam::111111111111:role/fromenv\ncredential_source = Environment\n", profile="r",
         env={"AWS_ACCESS_KEY_ID": "AKIDENV00000000001", "AWS_SECRET_ACCESS_KEY": "s"},
         expect=("arn", role_arn("111111111111", "fromenv"))),
    dict(id="credential-source-environment-empty",
         config="[profile r]\nrole_arn = arn:aws:iam::111111111111:role/fromenv\ncredential_source = Environment\n", profile="r",
         expect=("error", "Error when retrieving credentials from Environment: No credentials found in credential_source referenced in profile r")),
    dict(id="credential-source-imds",
         config="[profile r]\nrole_arn = arn:aws:iam::111111111111:role/fromimds\ncredential_source = Ec2InstanceMetadata\n", profile="r",
         setup=lambda ws, si: {"AWS_EC2_METADATA_DISABLED": None, "AWS_EC2_METADATA_SERVICE_ENDPOINT": ws.moto.url + "/"},
         expect=("arn", role_arn("111111111111", "fromimds"))),
    dict(id="credential-source-ecs",
         config="[profile r]\nrole_arn = arn:aws:iam::111111111111:role/fromecs\ncredential_source = EcsContainer\n", profile="r",
         setup=lambda ws, si: {"AWS_CONTAINER_CREDENTIALS_FULL_URI": ws.moto.url + "/latest/meta-data/iam/security-credentials/default-role"},
         expect=("arn", role_arn("111111111111", "fromecs"))),
    dict(id="source-profile-without-credentials",
         config="[profile r]\nrole_arn = arn:aws:iam::111111111111:role/x\nsource_profile = empty\n[profile empty]\nregion = us-east-1\n",
         profile="r", expect=("error", 'The source profile "empty" must have credentials.')),
    dict(id="static-keys-beat-source-role",
         config="[profile top]\nrole_arn = arn:aws:iam::222222222222:role/top\nsource_profile = src\n"
                "[profile src]\nrole_arn = arn:aws:iam::999999999999:role/never\nsource_profile = ghost\n" + KEYS,
         profile="top", expect=("arn", role_arn("222222222222", "top"))),
    dict(id="no-credentials", expect=("error", "Unable to locate credentials")),
    dict(id="duplicate-key", config="[default]\nregion = us-east-1\nregion = eu-west-1\n",
         credentials="[default]\n" + KEYS, expect=("error", "Unable to parse config file:")),
    dict(id="line-without-delimiter", config="[default]\nthis line has no delimiter\n",
         credentials="[default]\n" + KEYS, expect=("error", "Unable to parse config file:")),
    dict(id="inline-comment-is-part-of-value",
         config="[profile r]\nrole_arn = arn:aws:iam::111111111111:role/x\nsource_profile = k # my keys\n[profile k]\n" + KEYS,
         profile="r", expect=("error", 'The source_profile "k # my keys" referenced in the profile "r" does not exist.')),
    dict(id="colon-delimiter",
         config="[profile r]\nrole_arn: arn:aws:iam::111111111111:role/colon\nsource_profile: k\n[profile k]\n" + KEYS,
         profile="r", expect=("arn", role_arn("111111111111", "colon"))),
    dict(id="later-default-wins",
         config="[default]\naws_access_key_id = AKIDPARTIAL0000001\n[profile default]\n" + KEYS,
         expect=("arn", MOTO_USER)),
    dict(id="credentials-overlay-key-by-key",
         config="[profile r]\nrole_arn = arn:aws:iam::111111111111:role/overlay\nsource_profile = ghost\n[profile k]\n" + KEYS,
         credentials="[r]\nsource_profile = k\n", profile="r", expect=("arn", role_arn("111111111111", "overlay"))),
    dict(id="quoted-profile-name",
         config='[profile "my team"]\nrole_arn = arn:aws:iam::111111111111:role/quoted\nsource_profile = k\n[profile k]\n' + KEYS,
         profile="my team", expect=("arn", role_arn("111111111111", "quoted"))),
    dict(id="profile-with-two-words-is-dropped", config="[profile two words]\n" + KEYS, profile="two words",
         expect=("error", "The config profile (two words) could not be found")),
    dict(id="default-section-inherited",
         config="[DEFAULT]\nsource_profile = k\n[profile r]\nrole_arn = arn:aws:iam::111111111111:role/inherit\n[profile k]\n" + KEYS,
         profile="r", expect=("arn", role_arn("111111111111", "inherit"))),
    dict(id="nested-values-ignored",
         config="[profile r]\ns3 =\n  addressing_style = path\nrole_arn = arn:aws:iam::111111111111:role/nested\nsource_profile = k\n[profile k]\n" + KEYS,
         profile="r", expect=("arn", role_arn("111111111111", "nested"))),
    dict(id="credential-process",
         setup=lambda ws, si: ws.write(f"[profile p]\ncredential_process = {process_script(ws)} --flag\n") or {},
         profile="p", expect=("arn", MOTO_USER)),
    dict(id="credential-process-fails",
         setup=lambda ws, si: ws.write(f"[profile p]\ncredential_process = {process_script(ws, fail='session expired, run login')}\n") or {},
         profile="p", expect=("error", "Error when retrieving credentials from custom-process: session expired, run login")),
    dict(id="credential-process-beats-config-keys",
         setup=lambda ws, si: ws.write(f"[profile p]\ncredential_process = {process_script(ws, fail='process ran first')}\n{KEYS}") or {},
         profile="p", expect=("error", "process ran first")),
    dict(id="role-from-credential-process",
         setup=lambda ws, si: ws.write(f"[profile r]\nrole_arn = arn:aws:iam::111111111111:role/viaproc\nsource_profile = p\n[profile p]\ncredential_process = {process_script(ws)}\n") or {},
         profile="r", expect=("arn", role_arn("111111111111", "viaproc"))),
    dict(id="web-identity-profile",
         setup=lambda ws, si: ws.write(f"[profile w]\nrole_arn = arn:aws:iam::111111111111:role/webid\nweb_identity_token_file = {ws.file('token', 'header.payload.sig')}\nrole_session_name = wi-sess\n") or {},
         profile="w", expect=("arn", role_arn("111111111111", "webid", "wi-sess"))),
    dict(id="web-identity-env",
         setup=lambda ws, si: {"AWS_WEB_IDENTITY_TOKEN_FILE": str(ws.file("token", "header.payload.sig")),
                               "AWS_ROLE_ARN": "arn:aws:iam::111111111111:role/webenv", "AWS_ROLE_SESSION_NAME": "env-sess"},
         expect=("arn", role_arn("111111111111", "webenv", "env-sess"))),
    dict(id="container-full-uri",
         setup=lambda ws, si: {"AWS_CONTAINER_CREDENTIALS_FULL_URI": ws.moto.url + "/latest/meta-data/iam/security-credentials/default-role",
                               "AWS_CONTAINER_AUTHORIZATION_TOKEN": "container-token"},
         expect=("arn", MOTO_USER)),
    dict(id="imds-v2",
         setup=lambda ws, si: {"AWS_EC2_METADATA_DISABLED": None, "AWS_EC2_METADATA_SERVICE_ENDPOINT": ws.moto.url + "/"},
         expect=("arn", MOTO_USER)),
    dict(id="imds-v1-fallback",
         setup=lambda ws, si: {"AWS_EC2_METADATA_DISABLED": None, "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds_v1_only(si).url + "/"},
         expect=("arn", MOTO_USER)),
    dict(id="sso-session",
         config="[profile s]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Audit\n"
                "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
         setup=lambda ws, si: (sso_token(ws, "corp"), {"AWS_ENDPOINT_URL_SSO": sso_portal(si).url})[1],
         profile="s", expect=("arn", MOTO_USER)),
    dict(id="sso-legacy",
         config="[profile s]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Audit\n",
         setup=lambda ws, si: (sso_token(ws, "https://corp.awsapps.com/start"), {"AWS_ENDPOINT_URL_SSO": sso_portal(si).url})[1],
         profile="s", expect=("arn", MOTO_USER)),
    dict(id="sso-missing-config", config="[profile s]\nsso_account_id = 123456789012\nsso_region = us-east-1\n",
         profile="s", expect=("error", 'The profile "s" is configured to use SSO but is missing required configuration: sso_role_name, sso_start_url')),
    dict(id="sso-start-url-alone-is-not-sso", config="[profile s]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
         profile="s", expect=("error", "Unable to locate credentials")),
    dict(id="login-session", config="[profile l]\nlogin_session = arn:aws:iam::123456789012:user/alice\n",
         setup=lambda ws, si: login_cache(ws, "arn:aws:iam::123456789012:user/alice"),
         profile="l", expect=("arn", MOTO_USER)),
    dict(id="login-session-cache-directory-env", config="[profile l]\nlogin_session = alice\n",
         setup=lambda ws, si: (login_cache(ws, "alice", directory=ws.root / "login-cache"),
                               {"AWS_LOGIN_CACHE_DIRECTORY": str(ws.root / "login-cache")})[1],
         profile="l", expect=("arn", MOTO_USER)),
    dict(id="login-session-wins-over-credential-process",
         config="[profile l]\nlogin_session = alice\ncredential_process = /bin/false\n",
         setup=lambda ws, si: login_cache(ws, "alice"), profile="l", expect=("arn", MOTO_USER)),
    dict(id="login-session-not-cached", config="[profile l]\nlogin_session = alice\n", profile="l",
         expect=("error", "Unable to load a existing login session for session alice. Please reauthenticate with 'aws login'.")),
    dict(id="login-session-missing-fields", config="[profile l]\nlogin_session = alice\n", profile="l",
         setup=lambda ws, si: login_cache(ws, "alice", drop=("dpopKey", "clientId")),
         expect=("error", "Failed to load access token from token cache, missing required fields: dpopKey, clientId.")),
    dict(id="login-session-expired", config="[profile l]\nlogin_session = alice\n", profile="l",
         setup=lambda ws, si: login_cache(ws, "alice", expires="2001-01-01T00:00:00Z"),
         expect=("error", "run any AWS CLI command with --profile l (it renews the session)"),
         differs="botocore renews the session with the cached DPoP key; kestrel does not sign DPoP proofs yet and says how to renew it"),
    dict(id="mfa-role-code-on-stdin",
         config="[profile m]\nrole_arn = arn:aws:iam::111111111111:role/mfa\nsource_profile = k\nmfa_serial = arn:aws:iam::123456789012:mfa/user\n[profile k]\n" + KEYS,
         profile="m", stdin="123456\n", expect=("arn", role_arn("111111111111", "mfa"))),
    dict(id="duration-not-a-number",
         config="[profile r]\nrole_arn = arn:aws:iam::111111111111:role/dur\nsource_profile = k\nduration_seconds = one-hour\n[profile k]\n" + KEYS,
         profile="r", expect=("error", 'duration_seconds "one-hour" in profile "r" is not a whole number of seconds'),
         differs="botocore silently ignores a non-integer duration_seconds; kestrel rejects it"),
    dict(id="both-profile-env-vars",
         config="[profile a]\nrole_arn = arn:aws:iam::111111111111:role/fromA\nsource_profile = k\n"
                "[profile b]\nrole_arn = arn:aws:iam::222222222222:role/fromB\nsource_profile = k\n[profile k]\n" + KEYS,
         env={"AWS_PROFILE": "a", "AWS_DEFAULT_PROFILE": "b"}, expect=("arn", role_arn("111111111111", "fromA")),
         differs="CLI v1 reads AWS_DEFAULT_PROFILE first; kestrel follows CLI v2 (AWS_PROFILE) and warns"),
]


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_kestrel_matches_aws_cli(ws, stand_in, row):
    ws.write(row.get("config", ""), row.get("credentials", ""))
    env = dict(row.get("env", {}))
    if "setup" in row:
        env.update(row["setup"](ws, stand_in) or {})
    profile_args = ["--profile", row["profile"]] if row.get("profile") else []
    stdin = row.get("stdin")

    k = ws.kestrel("whoami", *profile_args, env=env, stdin=stdin)
    kind, want = row["expect"]
    if kind == "arn":
        assert k.rc == 0, k
        assert normalize_arn(k.json()["Arn"]) == want, k
    else:
        assert k.rc != 0, k
        assert want in k.err, k
        assert "panicked" not in k.err, k

    a = ws.aws("sts", "get-caller-identity", *profile_args, env=env, stdin=stdin)
    if row.get("differs"):
        # Document the difference: the AWS CLI does not produce kestrel's result.
        if kind == "arn":
            assert a.rc != 0 or normalize_arn(a.json()["Arn"]) != want, a
        else:
            assert a.rc == 0 or want not in a.err, a
        return
    if kind == "arn":
        assert a.rc == 0, a
        assert normalize_arn(a.json()["Arn"]) == normalize_arn(k.json()["Arn"]), (a, k)
        assert a.json()["Account"] == k.json()["Account"]
    else:
        assert a.rc != 0, a
        message = cli_error(a)
        assert message, a
        assert message in k.err, f"AWS CLI said {message!r}; kestrel said {k.err!r}"


def test_table_is_large_enough():
    assert len(ROWS) >= 30
