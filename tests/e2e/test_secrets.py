"""No secret reaches stdout, stderr, logs at any level, reports or saved inventories:
planted values (static secret, session token, MFA code, credential_process output) and
the real session secrets STS hands out are grepped for everywhere kestrel writes."""

import json
import stat
import subprocess
import sys

from conftest import ROOT

PLANTED = {
    "static secret": "PLANTEDstaticSECRETkey0000000000000000001",
    "env session token": "PLANTEDenvSESSIONtoken0000000000000000002",
    "process secret": "PLANTEDprocessSECRET00000000000000000003",
    "process token": "PLANTEDprocessTOKEN000000000000000000004",
    "mfa code": "918273",
}


def test_no_secret_is_ever_printed_or_written(ws):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "demo_account.py"), ws.moto.url], check=True, capture_output=True)
    proc = ws.file("proc.sh", "#!/bin/sh\ncat <<'EOF'\n" + json.dumps({
        "Version": 1, "AccessKeyId": "AKIDPROCESS000000001", "SecretAccessKey": PLANTED["process secret"],
        "SessionToken": PLANTED["process token"]}) + "\nEOF\n", 0o755)
    ws.write(
        "[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/Audit\nsource_profile = keys\n"
        "mfa_serial = arn:aws:iam::123456789012:mfa/auditor\n"
        f"[profile proc]\ncredential_process = {proc}\n",
        f"[keys]\naws_access_key_id = AKIDSTATIC00000000001\naws_secret_access_key = {PLANTED['static secret']}\n",
    )
    outputs = []
    runs = [
        (["whoami", "-p", "mfa", "--explain", "--log-level", "trace"], {}, PLANTED["mfa code"] + "\n"),
        (["whoami", "-p", "proc", "--explain", "--log-level", "trace"], {}, ""),
        (["whoami", "--explain", "--log-level", "trace"],
         {"AWS_ACCESS_KEY_ID": "AKIDENV0000000000001", "AWS_SECRET_ACCESS_KEY": PLANTED["static secret"],
          "AWS_SESSION_TOKEN": PLANTED["env session token"]}, ""),
        (["aws", "-p", "mfa", "-f", "us-east-1", "-s", "iam", "s3", "ec2", "-o", str(ws.root / "out"),
          "--save-inventory", str(ws.root / "inv.json"), "--log-level", "trace",
          "--compliance", "cis_7.0_aws", "pci_4.0_aws"], {}, ""),
        (["aws", "-p", "proc", "-f", "us-east-1", "-c", "kms_cmk_rotation_enabled", "-o", str(ws.root / "out2"),
          "--log-level", "debug"], {}, ""),
    ]
    for argv, env, stdin in runs:
        r = ws.kestrel(*argv, env=env, stdin=stdin, timeout=300)
        assert r.rc in (0, 3), r
        outputs.append(r.out + r.err)
    # The session secrets STS handed out (kestrel cached them for the AWS CLI).
    sessions = []
    for entry in ws.cache_dir.glob("*.json"):
        c = json.loads(entry.read_text())["Credentials"]
        sessions += [c["SecretAccessKey"], c["SessionToken"]]
        assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert sessions, "the MFA role session was cached"
    files = [p for d in ("out", "out2") for p in (ws.root / d).rglob("*") if p.is_file()] + [ws.root / "inv.json"]
    assert len(files) >= 8
    written = [p.read_text(errors="replace") for p in files]
    for label, value in list(PLANTED.items()) + [(f"session secret {i}", v) for i, v in enumerate(sessions)]:
        for text in outputs + written:
            assert value not in text, f"{label} leaked"
    # Files with account data: 0600, directories kestrel made: 0700.
    for p in files:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    for d in (ws.root / "out", ws.root / "out" / "compliance"):
        assert stat.S_IMODE(d.stat().st_mode) == 0o700, d
