"""SSO access tokens of sso-session profiles are refreshed through sso-oidc
CreateToken with the cached refresh token, as botocore's SSOTokenProvider does, and
the token cache is written back in the AWS CLI's own format. Local stand-ins serve
the OIDC `/token` endpoint and the portal (moto has neither); each scenario runs
kestrel and the AWS CLI from the same cache and compares what they did."""

import datetime
import hashlib
import json
import os

from conftest import cli_error

CONFIG = (
    "[profile s]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Audit\n"
    "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
)
LEGACY = (
    "[profile s]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
    "sso_account_id = 123456789012\nsso_role_name = Audit\n"
)
MOTO_USER = "arn:aws:sts::123456789012:user/moto"


def stamp(minutes):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Endpoints:
    """The OIDC token endpoint and the portal, with what each was asked."""

    def __init__(self, stand_in, oidc_status=200):
        self.token_calls = []
        self.portal_tokens = []

        def token(h):
            body = json.loads(h.rfile.read(int(h.headers.get("Content-Length", 0))) or b"{}")
            self.token_calls.append(body)
            if oidc_status != 200:
                return oidc_status, {"Content-Type": "application/json", "x-amzn-ErrorType": "InvalidGrantException"}, \
                    json.dumps({"error": "invalid_grant", "error_description": "refresh token revoked"})
            return 200, {"Content-Type": "application/json"}, json.dumps({
                "accessToken": "fresh-access-token", "expiresIn": 28800, "tokenType": "Bearer",
                "refreshToken": "refresh-2"})

        def creds(h):
            tok = h.headers.get("x-amz-sso_bearer_token")
            self.portal_tokens.append(tok)
            if tok not in ("fresh-access-token", "old-access-token"):
                return 401, {"Content-Type": "application/json"}, json.dumps({"message": "bad token"})
            return 200, {"Content-Type": "application/json"}, json.dumps({"roleCredentials": {
                "accessKeyId": "AKIDSSO00000000001", "secretAccessKey": "ssosecret",
                "sessionToken": "ssotoken", "expiration": 32503680000000}})

        self.oidc = stand_in({("POST", "/token"): token})
        self.portal = stand_in({("GET", "/federation/credentials"): creds})
        self.env = {"AWS_ENDPOINT_URL_SSO": self.portal.url, "AWS_ENDPOINT_URL_SSO_OIDC": self.oidc.url}


def cache_file(ws, key="corp"):
    return ws.home / ".aws" / "sso" / "cache" / (hashlib.sha1(key.encode()).hexdigest() + ".json")


def seed(ws, key="corp", expires=-5, registration=60 * 24, refresh=True):
    doc = {"startUrl": "https://corp.awsapps.com/start", "region": "us-east-1",
           "accessToken": "old-access-token", "expiresAt": stamp(expires)}
    if refresh:
        doc.update({"clientId": "client-1", "clientSecret": "client-secret-1",
                    "registrationExpiresAt": stamp(registration), "refreshToken": "refresh-1"})
    p = cache_file(ws, key)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(doc))
    return doc


def both(ws, stand_in, config=CONFIG, key="corp", status=200, **seed_args):
    """Runs kestrel, then the AWS CLI from the same starting cache; returns each run,
    its endpoint log and the cache it left."""
    ws.write(config)
    out = {}
    seed(ws, key, **seed_args)
    start = cache_file(ws, key).read_text()  # both runs start from these very bytes
    for name in ("kestrel", "aws"):
        cache_file(ws, key).write_text(start)
        ep = Endpoints(stand_in, status)
        if name == "kestrel":
            run = ws.kestrel("whoami", "--profile", "s", env=ep.env)
        else:
            run = ws.aws("sts", "get-caller-identity", "--profile", "s", env=ep.env)
        text = cache_file(ws, key).read_text()
        out[name] = (run, ep, text, os.stat(cache_file(ws, key)).st_mode & 0o777)
    return out


def test_expired_token_is_refreshed_and_written_back_as_the_aws_cli_does(ws, stand_in):
    out = both(ws, stand_in)
    (k, kep, ktext, kmode), (a, aep, atext, amode) = out["kestrel"], out["aws"]
    assert a.rc == 0, a
    assert k.rc == 0, k
    assert k.json()["Arn"] == a.json()["Arn"] == MOTO_USER
    # One CreateToken each, with the same request.
    assert kep.token_calls == aep.token_calls
    assert kep.token_calls == [{"grantType": "refresh_token", "clientId": "client-1",
                                "clientSecret": "client-secret-1", "refreshToken": "refresh-1"}]
    assert kep.portal_tokens == aep.portal_tokens == ["fresh-access-token"]
    # The same cache: keys in the same order, the same values; expiresAt about now + 8 h.
    kdoc, adoc = json.loads(ktext), json.loads(atext)
    assert list(kdoc) == list(adoc), (ktext, atext)
    for key in kdoc:
        if key != "expiresAt":
            assert kdoc[key] == adoc[key], key
    kexp = datetime.datetime.strptime(kdoc["expiresAt"], "%Y-%m-%dT%H:%M:%SZ")
    aexp = datetime.datetime.strptime(adoc["expiresAt"], "%Y-%m-%dT%H:%M:%SZ")
    assert abs((kexp - aexp).total_seconds()) < 60
    assert kdoc["refreshToken"] == "refresh-2"
    assert ktext.replace(kdoc["expiresAt"], "T") == atext.replace(adoc["expiresAt"], "T")
    assert kmode == 0o600
    # The secret values never reach the output.
    for secret in ("client-secret-1", "refresh-1", "refresh-2", "fresh-access-token"):
        assert secret not in k.out + k.err


def test_token_near_expiry_is_refreshed(ws, stand_in):
    out = both(ws, stand_in, expires=5)
    for name in ("kestrel", "aws"):
        run, ep, text, _ = out[name]
        assert run.rc == 0, run
        assert len(ep.token_calls) == 1, name
        assert json.loads(text)["accessToken"] == "fresh-access-token", name


def test_token_with_time_left_is_not_refreshed(ws, stand_in):
    out = both(ws, stand_in, expires=60)
    for name in ("kestrel", "aws"):
        run, ep, text, _ = out[name]
        assert run.rc == 0, run
        assert ep.token_calls == [], name
        assert ep.portal_tokens == ["old-access-token"], name
        assert json.loads(text)["accessToken"] == "old-access-token", name


def test_expired_token_without_a_refresh_token_fails_like_the_aws_cli(ws, stand_in):
    out = both(ws, stand_in, refresh=False)
    (k, kep, _, _), (a, aep, _, _) = out["kestrel"], out["aws"]
    assert a.rc != 0 and k.rc != 0, (k, a)
    assert kep.token_calls == aep.token_calls == []
    assert "aws sso login" in k.err, k
    assert "panicked" not in k.err


def test_expired_registration_is_not_used(ws, stand_in):
    out = both(ws, stand_in, registration=-1)
    (k, kep, _, _), (a, aep, _, _) = out["kestrel"], out["aws"]
    assert a.rc != 0 and k.rc != 0, (k, a)
    assert kep.token_calls == aep.token_calls == []
    assert "aws sso login" in k.err, k


def test_legacy_profiles_are_never_refreshed(ws, stand_in):
    out = both(ws, stand_in, config=LEGACY, key="https://corp.awsapps.com/start", expires=5)
    for name in ("kestrel", "aws"):
        run, ep, text, _ = out[name]
        assert run.rc == 0, run
        assert ep.token_calls == [], name
        assert json.loads(text)["accessToken"] == "old-access-token", name


def test_a_refused_refresh_keeps_a_still_valid_token(ws, stand_in):
    out = both(ws, stand_in, status=400, expires=5)
    for name in ("kestrel", "aws"):
        run, ep, text, _ = out[name]
        assert run.rc == 0, run
        assert len(ep.token_calls) == 1, name
        assert ep.portal_tokens == ["old-access-token"], name
        assert json.loads(text)["refreshToken"] == "refresh-1", name
    k = out["kestrel"][0]
    assert "refreshing the SSO token" in k.err, k
    assert "refresh-1" not in k.err and "client-secret-1" not in k.err


def test_a_refused_refresh_of_an_expired_token_fails(ws, stand_in):
    out = both(ws, stand_in, status=400)
    (k, kep, _, _), (a, _, _, _) = out["kestrel"], out["aws"]
    assert a.rc != 0 and k.rc != 0, (k, a)
    assert len(kep.token_calls) == 1
    assert "aws sso login" in k.err, k
    assert "refresh-1" not in k.err and "client-secret-1" not in k.err



def test_failure_messages_say_what_the_aws_cli_says_and_the_way_out(ws, stand_in):
    for args in ({"refresh": False}, {"status": 400}, {"registration": -1}):
        out = both(ws, stand_in, **args)
        k, a = out["kestrel"][0], out["aws"][0]
        assert a.rc != 0 and k.rc != 0, (k, a)
        assert cli_error(a) == "Error when retrieving token from sso: Token has expired and refresh failed", a
        assert cli_error(a) in k.err, k
        assert "aws sso login --profile s" in k.err, k
        assert len(k.err.strip().splitlines()) <= 3, k
