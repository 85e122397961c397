"""A cached role session that AWS rejects before its expiry (an administrator revoked
active sessions) heals itself: the entry is dropped, only that hop is assumed again, the
new session is cached for the AWS CLI. A proxy in front of moto answers chosen access
keys with the error AWS gives for a revoked session."""

import glob
import http.server
import json
import os
import re
import secrets
import threading
import urllib.error
import urllib.request

import pytest

CREDS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
KEYS = "[profile k]\naws_access_key_id = AKIDSOURCE0000000001\naws_secret_access_key = sourcesecret\n"
ROLE_CONFIG = "[profile role]\nrole_arn = arn:aws:iam::111111111111:role/audit\nsource_profile = k\n" + KEYS


class RejectingProxy:
    """Forwards to moto, except requests signed with a key in `rejected`, which get
    `code` (STS/IAM query-protocol XML, EC2's XML). Records the STS actions it saw."""

    def __init__(self, moto_url, code="InvalidClientTokenId"):
        self.rejected, self.code, self.actions = set(), code, []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_POST(self):
                self.forward("POST")

            def do_GET(self):
                self.forward("GET")

            def forward(self, method):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                auth = self.headers.get("Authorization", "")
                m = re.search(r"Credential=([A-Z0-9]+)/\d+/[^/]+/([a-z0-9-]+)/", auth)
                key, service = (m.group(1), m.group(2)) if m else ("", "")
                action = re.search(rb"Action=(\w+)", body)
                if service == "sts" and action:
                    proxy.actions.append(action.group(1).decode())
                if key in proxy.rejected:
                    msg = "The security token included in the request is invalid."
                    if service == "ec2":
                        text = (f"<Response><Errors><Error><Code>{proxy.code}</Code><Message>{msg}</Message></Error>"
                                "</Errors><RequestID>1</RequestID></Response>")
                    else:
                        text = (f"<ErrorResponse><Error><Type>Sender</Type><Code>{proxy.code}</Code>"
                                f"<Message>{msg}</Message></Error><RequestId>1</RequestId></ErrorResponse>")
                    self.reply(403, {"Content-Type": "text/xml"}, text.encode())
                    return
                req = urllib.request.Request(moto_url + self.path, data=body if method == "POST" else None,
                                             method=method, headers={k: v for k, v in self.headers.items() if k.lower() != "host"})
                try:
                    with urllib.request.urlopen(req, timeout=30) as r:
                        data = r.read()
                        if action and action.group(1) == b"GetSessionToken":
                            # moto hands out the same key for every session: a new
                            # session gets a new key here, as on AWS.
                            fresh = "ASIA" + secrets.token_hex(8).upper()
                            data = re.sub(rb"<AccessKeyId>[^<]+</AccessKeyId>",
                                          f"<AccessKeyId>{fresh}</AccessKeyId>".encode(), data)
                        self.reply(r.status, dict(r.headers), data)
                except urllib.error.HTTPError as e:
                    self.reply(e.code, dict(e.headers), e.read())

            def reply(self, status, headers, data):
                self.send_response(status)
                for k, v in headers.items():
                    if k.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def proxy(ws):
    p = RejectingProxy(ws.moto.url)
    yield p
    p.stop()


def cached_keys(ws):
    return {json.load(open(f))["Credentials"]["AccessKeyId"]: f for f in glob.glob(str(ws.cache_dir / "*.json"))}


def run(ws, proxy, *args, stdin=""):
    return ws.kestrel(*args, env={"AWS_ENDPOINT_URL": proxy.url, "AWS_ACCESS_KEY_ID": None,
                                  "AWS_SECRET_ACCESS_KEY": None}, stdin=stdin, timeout=120)


@pytest.mark.parametrize("code", ["InvalidClientTokenId", "ExpiredToken"])
@pytest.mark.parametrize("command", [
    ["whoami", "-p", "role"],
    ["aws", "-p", "role", "-f", "us-east-1", "-c", "iam_password_policy_minimum_length_14", "-z"],
])
def test_a_revoked_cached_session_is_assumed_again(ws, proxy, command, code):
    proxy.code = code
    ws.write(ROLE_CONFIG)
    first = run(ws, proxy, "whoami", "-p", "role")
    assert first.rc == 0, first
    (old_key,) = cached_keys(ws)
    proxy.rejected.add(old_key)
    proxy.actions.clear()
    r = run(ws, proxy, *command, "-o", str(ws.root / "out")) if command[0] == "aws" else run(ws, proxy, *command)
    assert r.rc == 0, r
    assert proxy.actions.count("AssumeRole") == 1, proxy.actions
    keys = cached_keys(ws)
    assert old_key not in keys and len(keys) == 1, keys  # the new session, for the AWS CLI too
    # The AWS CLI now reuses kestrel's new session (no AssumeRole of its own).
    proxy.actions.clear()
    cli = ws.aws("sts", "get-caller-identity", "--profile", "role",
                 env={"AWS_ENDPOINT_URL": proxy.url, "AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None})
    assert cli.rc == 0 and "assumed-role/audit/" in cli.out, cli
    assert "AssumeRole" not in proxy.actions, proxy.actions


def test_when_the_source_keys_are_revoked_too_one_clear_line(ws, proxy):
    ws.write(ROLE_CONFIG)
    assert run(ws, proxy, "whoami", "-p", "role").rc == 0
    (old_key,) = cached_keys(ws)
    proxy.rejected.update({old_key, "AKIDSOURCE0000000001"})
    r = run(ws, proxy, "whoami", "-p", "role")
    assert r.rc == 1, r
    lines = [line for line in r.err.splitlines() if line.strip()]
    assert len(lines) <= 2 and "InvalidClientTokenId" in lines[0] and "AssumeRole" in lines[0], r.err
    assert "panicked" not in r.err


def test_multi_account_run_reuses_a_still_valid_mfa_session(ws, proxy):
    # --mfa: one GetSessionToken session (asked once), then one role per account. A's
    # role session is revoked: only A's role is assumed again, with the cached MFA
    # session: no new code is asked (stdin is empty).
    ws.write("[default]\n" + KEYS.split("\n", 1)[1])
    serial = "arn:aws:iam::123456789012:mfa/auditor"
    a, b = "111111111111", "222222222222"
    args = ["aws", "--role-name", "Audit", "--account-ids", f"{a},{b}", "--mfa", "-c",
            "iam_password_policy_minimum_length_14", "-f", "us-east-1", "-o", str(ws.root / "out"), "-z"]
    r = run(ws, proxy, *args, stdin=f"{serial}\n123456\n")
    assert r.rc == 0, r
    entries = {k: json.load(open(f)) for k, f in cached_keys(ws).items()}
    role_a = [k for k, e in entries.items() if a in e.get("AssumedRoleUser", {}).get("Arn", "")]
    assert len(role_a) == 1, entries
    proxy.rejected.add(role_a[0])
    proxy.actions.clear()
    r = run(ws, proxy, *args, stdin=f"{serial}\n")
    assert r.rc == 0, r
    assert "Enter MFA code" not in r.err, r.err
    assert proxy.actions.count("AssumeRole") == 1 and "GetSessionToken" not in proxy.actions, proxy.actions
    assert role_a[0] not in cached_keys(ws)


def test_a_revoked_mfa_session_is_replaced_with_one_new_code(ws, proxy):
    # preflight assumes the roles afresh (it proves the trust) but reuses the cached
    # GetSessionToken session of --mfa. That session is revoked: dropped, one new code
    # asked, one GetSessionToken, and the run goes on.
    ws.write("[default]\n" + KEYS.split("\n", 1)[1])
    serial = "arn:aws:iam::123456789012:mfa/auditor"
    args = ["preflight", "--role-name", "Audit", "--account-ids", "111111111111,222222222222", "--mfa"]
    r = run(ws, proxy, *args, stdin=f"{serial}\n123456\n")
    assert r.rc == 0, r
    sessions = {k: json.load(open(f)) for k, f in cached_keys(ws).items()}
    (mfa_key,) = [k for k, e in sessions.items() if "AssumedRoleUser" not in e]
    proxy.rejected.add(mfa_key)
    for f in cached_keys(ws).values():  # the role sessions are expired: AssumeRole is needed
        if "AssumedRoleUser" in json.load(open(f)):
            os.remove(f)
    proxy.actions.clear()
    r = run(ws, proxy, *args, stdin=f"{serial}\n654321\n")
    assert r.rc == 0, r
    assert r.err.count("Enter MFA code") == 1, r.err
    assert proxy.actions.count("GetSessionToken") == 1, proxy.actions
    assert mfa_key not in cached_keys(ws)
