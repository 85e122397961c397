"""MFA prompting on a real pseudo-terminal, and the credential cache shared with the
AWS CLI in both directions."""

import hashlib
import json
import os
import pty
import select
import signal
import termios
import time

from conftest import kestrel_bin

KEYS = "aws_access_key_id = AKIDSTATIC00000001\naws_secret_access_key = staticsecret\n"
SERIAL = "arn:aws:iam::123456789012:mfa/alice"
MFA_CONFIG = (
    "[profile k]\n" + KEYS +
    f"[profile m]\nrole_arn = arn:aws:iam::111111111111:role/mfa-role\nsource_profile = k\nmfa_serial = {SERIAL}\n"
)


def cache_key(args):
    """The AWS CLI's cache file name for these AssumeRole arguments."""
    text = json.dumps(args, sort_keys=True)
    return hashlib.sha1(text.encode()).hexdigest().replace(":", "_").replace("/", "_") + ".json"


def read_until(fd, needle, timeout=20):
    buf = b""
    deadline = time.time() + timeout
    while needle not in buf:
        left = deadline - time.time()
        assert left > 0, f"timed out waiting for {needle!r}; got {buf!r}"
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
    return buf


def reap(pid, timeout=30):
    """The child's exit status; killed after `timeout` s, so that a failed assertion
    above (a prompt that never came) ends the test instead of hanging the suite."""
    deadline = time.time() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        if time.time() > deadline:
            os.kill(pid, signal.SIGKILL)
            return os.waitpid(pid, 0)[1]
        time.sleep(0.05)


def read_rest(fd, timeout=30):
    buf = b""
    deadline = time.time() + timeout
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
    return buf


def test_mfa_prompt_on_a_terminal_has_echo_off(ws):
    ws.write(MFA_CONFIG)
    pid, fd = pty.fork()
    if pid == 0:  # child: the pty is its controlling terminal
        os.execve(kestrel_bin(), [kestrel_bin(), "whoami", "-p", "m"], ws.env)
    try:
        before = read_until(fd, b": ")
        assert f"Enter MFA code for {SERIAL}: ".encode() in before
        # Echo is off while the code is typed.
        lflag = termios.tcgetattr(fd)[3]
        assert not lflag & termios.ECHO
        os.write(fd, b"246813\n")
        rest = read_rest(fd)
    finally:
        status = reap(pid)
    assert os.waitstatus_to_exitcode(status) == 0, rest
    assert b"246813" not in before + rest, "the code must not be echoed"
    assert b"assumed-role/mfa-role/" in rest
    # The session is cached under the AWS CLI's key (no TokenCode in it).
    assert (ws.cache_dir / cache_key({"RoleArn": "arn:aws:iam::111111111111:role/mfa-role", "SerialNumber": SERIAL})).exists()


def test_ctrl_c_at_the_mfa_prompt_restores_echo(ws):
    ws.write(MFA_CONFIG)
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(kestrel_bin(), [kestrel_bin(), "whoami", "-p", "m"], ws.env)
    try:
        read_until(fd, b": ")
        assert not termios.tcgetattr(fd)[3] & termios.ECHO
        os.write(fd, b"\x03")  # Ctrl-C: SIGINT to the foreground process
        read_rest(fd, timeout=5)
    finally:
        status = reap(pid)
    assert os.waitstatus_to_exitcode(status) in (-2, 130), status
    assert termios.tcgetattr(fd)[3] & termios.ECHO, "the terminal was left without echo"


def test_mfa_code_is_checked_before_calling_sts(ws):
    ws.write(MFA_CONFIG)
    for bad in ["98765", "abcdef", "9876543"]:
        r = ws.kestrel("whoami", "-p", "m", stdin=bad + "\n")
        assert r.rc == 1, r
        assert "must be exactly 6 digits" in r.err, r
        assert bad not in r.err, "codes are never echoed back"
    assert not ws.cache_dir.exists(), "nothing was assumed"


def test_mfa_without_any_input_fails_fast(ws):
    ws.write(MFA_CONFIG)
    started = time.time()
    r = ws.kestrel("whoami", "-p", "m", stdin="")
    assert r.rc == 1, r
    assert "standard input is closed" in r.err
    assert time.time() - started < 10


def test_cli_writes_mfa_session_and_kestrel_reuses_it_without_asking(ws):
    ws.write(MFA_CONFIG)
    a = ws.aws("sts", "get-caller-identity", "--profile", "m", stdin="123456\n")
    assert a.rc == 0, a
    # No code on stdin: kestrel must not ask, and gets the very session the CLI made
    # (same timestamped session name).
    k = ws.kestrel("whoami", "-p", "m", "--explain", stdin="")
    assert k.rc == 0, k
    assert k.json()["Arn"] == a.json()["Arn"]
    assert "[from cache]" in k.err
    assert "Enter MFA code" not in k.err


def test_kestrel_writes_session_and_cli_reuses_it(ws):
    ws.write(MFA_CONFIG)
    k = ws.kestrel("whoami", "-p", "m", stdin="123456\n")
    assert k.rc == 0, k
    entry = ws.cache_dir / cache_key({"RoleArn": "arn:aws:iam::111111111111:role/mfa-role", "SerialNumber": SERIAL})
    written = entry.stat().st_mtime_ns
    # No code on stdin: the CLI would fail if it had to ask; it must not rewrite the entry.
    a = ws.aws("sts", "get-caller-identity", "--profile", "m", stdin="")
    assert a.rc == 0, a
    assert a.json()["Arn"] == k.json()["Arn"]
    assert entry.stat().st_mtime_ns == written
    assert oct(entry.stat().st_mode & 0o777) == "0o600"
    doc = json.loads(entry.read_text())
    assert doc["Credentials"]["Expiration"].endswith("Z")
    assert doc["AssumedRoleUser"]["Arn"] == k.json()["Arn"]


def test_every_hop_of_a_chain_is_cached(ws):
    ws.write("[profile k]\n" + KEYS +
             "[profile a]\nrole_arn = arn:aws:iam::111111111111:role/a\nsource_profile = k\nexternal_id = ext-a\n"
             "[profile b]\nrole_arn = arn:aws:iam::222222222222:role/b\nsource_profile = a\nduration_seconds = 1800\n")
    k = ws.kestrel("whoami", "-p", "b")
    assert k.rc == 0, k
    assert (ws.cache_dir / cache_key({"RoleArn": "arn:aws:iam::111111111111:role/a", "ExternalId": "ext-a"})).exists()
    assert (ws.cache_dir / cache_key({"RoleArn": "arn:aws:iam::222222222222:role/b", "DurationSeconds": 1800})).exists()
    before = {p.name: p.stat().st_mtime_ns for p in ws.cache_dir.iterdir()}
    a = ws.aws("sts", "get-caller-identity", "--profile", "b")
    assert a.json()["Arn"] == k.json()["Arn"]
    after = {p.name: p.stat().st_mtime_ns for p in ws.cache_dir.iterdir()}
    assert before == after, "the AWS CLI used kestrel's entries instead of assuming again"


def fake_entry(arn, minutes, suffix="Z"):
    exp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() + minutes * 60)) + suffix
    return json.dumps({"Credentials": {"AccessKeyId": "ASIACACHED00000001", "SecretAccessKey": "cachedsecret",
                                       "SessionToken": "cachedtoken", "Expiration": exp},
                       "AssumedRoleUser": {"AssumedRoleId": "AROACACHED:s", "Arn": arn}})


def test_all_expiration_shapes_and_the_15_minute_window(ws):
    ws.write("[profile k]\n" + KEYS + "[profile r]\nrole_arn = arn:aws:iam::111111111111:role/r\nsource_profile = k\n")
    ws.cache_dir.mkdir(parents=True)
    entry = ws.cache_dir / cache_key({"RoleArn": "arn:aws:iam::111111111111:role/r"})
    for suffix in ["Z", "+00:00", "UTC"]:
        entry.write_text(fake_entry("arn:aws:sts::111111111111:assumed-role/r/from-cache", 60, suffix))
        k = ws.kestrel("whoami", "-p", "r", "--explain")
        assert k.rc == 0, k
        assert "-> arn:aws:sts::111111111111:assumed-role/r/from-cache" in k.err and "[from cache]" in k.err, (suffix, k)
    entry.write_text(fake_entry("arn:aws:sts::111111111111:assumed-role/r/nearly-expired", 10))
    k = ws.kestrel("whoami", "-p", "r", "--explain")
    assert k.rc == 0 and "[from cache]" not in k.err and "nearly-expired" not in k.err, k


def test_corrupt_entry_is_a_miss_with_one_warning_and_is_replaced(ws):
    ws.write("[profile k]\n" + KEYS + "[profile r]\nrole_arn = arn:aws:iam::111111111111:role/r\nsource_profile = k\n")
    ws.cache_dir.mkdir(parents=True)
    entry = ws.cache_dir / cache_key({"RoleArn": "arn:aws:iam::111111111111:role/r"})
    entry.write_text("{this is not json")
    k = ws.kestrel("whoami", "-p", "r")
    assert k.rc == 0, k
    assert k.err.count("corrupt credential cache entry") == 1, k
    json.loads(entry.read_text())  # replaced with a valid entry
    # The AWS CLI fails on a corrupt entry; on the replaced one it works.
    a = ws.aws("sts", "get-caller-identity", "--profile", "r")
    assert a.rc == 0 and a.json()["Arn"] == k.json()["Arn"], a


def test_no_cache_flag(ws):
    ws.write("[profile k]\n" + KEYS + "[profile r]\nrole_arn = arn:aws:iam::111111111111:role/r\nsource_profile = k\n")
    k = ws.kestrel("whoami", "-p", "r", "--no-cache")
    assert k.rc == 0, k
    assert not ws.cache_dir.exists() or not list(ws.cache_dir.iterdir())


def test_cache_clear_removes_both_tools_entries(ws):
    ws.write(MFA_CONFIG + "[profile r]\nrole_arn = arn:aws:iam::111111111111:role/r\nsource_profile = k\n")
    assert ws.aws("sts", "get-caller-identity", "--profile", "m", stdin="123456\n").rc == 0
    assert ws.kestrel("whoami", "-p", "r").rc == 0
    assert len(list(ws.cache_dir.glob("*.json"))) == 2
    r = ws.kestrel("cache", "clear")
    assert r.rc == 0, r
    assert "Removed 2 cached sessions" in r.out
    assert r.out.count("removed ") == 2
    assert not list(ws.cache_dir.glob("*.json"))
    r = ws.kestrel("cache", "clear")
    assert "No cached credentials" in r.out
