"""The 44 compliance frameworks end to end on the demo account: which CSVs a run writes
(as Prowler), their headers (Prowler 5.46's, recorded), honest coverage (a requirement
whose checks did not run is NOT_ASSESSED, never PASS), the terminal overview, the HTML
section and the COMPLIANCE column."""

import csv
import json
import subprocess
import sys

import pytest

from conftest import ROOT

SEEDER = ROOT / "scripts" / "demo_account.py"
CREDS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
HEADERS = dict(
    line.split("\t", 1)
    for line in (ROOT / "crates/report/tests/data/prowler_5.46_compliance_headers.tsv").read_text().splitlines()
    if not line.startswith("#")
)


@pytest.fixture
def seeded(ws):
    subprocess.run([sys.executable, str(SEEDER), ws.moto.url], capture_output=True, text=True, check=True)


def scan(ws, *args):
    return ws.kestrel("aws", "-f", "us-east-1", "-o", str(ws.root / "out"), "-F", "scan", "-b", *args, env=CREDS, timeout=300)


def compliance_csv(ws, name):
    with open(ws.root / "out" / "compliance" / f"scan_{name}.csv", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def implemented(ws):
    out = ws.kestrel("aws", "--list-checks").out
    return {line[1:].split("]")[0] for line in out.splitlines() if line.startswith("[")}


def test_a_default_run_writes_all_44_with_prowlers_headers(ws, seeded):
    r = scan(ws)
    assert r.rc == 3, r
    files = sorted(p.name for p in (ws.root / "out" / "compliance").iterdir())
    assert len(HEADERS) == 44
    assert files == sorted(f"scan_{n}.csv" for n in HEADERS)
    ours = implemented(ws)
    for name, header in HEADERS.items():
        rows = compliance_csv(ws, name)
        assert ";".join(rows[0]) == header, name
        cols = rows[0]
        status, check = cols.index("STATUS"), cols.index("CHECKID")
        for row in rows[1:]:
            assert len(row) == len(cols), name
            # Findings come only from implemented checks; what is not implemented is
            # NOT_ASSESSED, with the reason.
            if row[status] in ("PASS", "FAIL", "ERROR"):
                assert row[check] in ours, (name, row[check])
            if row[status] == "NOT_ASSESSED":
                assert row[check] not in ours, (name, row[check])
                assert "does not implement" in row[cols.index("STATUSEXTENDED")]
    pci = compliance_csv(ws, "pci_4.0_aws")
    assert any(r[pci[0].index("STATUS")] == "NOT_ASSESSED" for r in pci[1:])
    # CIS 7.0 is fully implemented: nothing is NOT_ASSESSED there.
    cis = compliance_csv(ws, "cis_7.0_aws")
    assert all(r[cis[0].index("STATUS")] != "NOT_ASSESSED" for r in cis[1:])
    # The HTML compliance section lists every framework.
    html = (ws.root / "out" / "scan.html").read_text()
    section = html[html.index('<section id="compliance">'):]
    assert all(f'href="#fw-{n}"' in section for n in HEADERS)
    # The COMPLIANCE column names every framework that maps the check (Prowler's keys).
    with open(ws.root / "out" / "scan.csv", newline="") as f:
        row = next(x for x in csv.DictReader(f, delimiter=";") if x["CHECK_ID"] == "s3_bucket_default_encryption")
    keys = {part.split(": ")[0] for part in row["COMPLIANCE"].split(" | ")}
    assert {"CIS-1.4", "PCI-4.0", "SOC2", "HIPAA", "GDPR", "ENS-RD2022", "MITRE-ATTACK", "C5-2025"} <= keys, keys
    ocsf = json.loads((ws.root / "out" / "scan.ocsf.json").read_text())
    e = next(x for x in ocsf if x["metadata"]["event_code"] == "s3_bucket_default_encryption")
    assert "PCI-4.0" in e["unmapped"]["compliance"] and "SOC2" in e["unmapped"]["compliance"]


def test_selected_checks_write_no_compliance_csv_as_prowler(ws, seeded):
    r = scan(ws, "-c", "iam_password_policy_minimum_length_14")
    assert r.rc == 3, r
    assert not (ws.root / "out" / "compliance").exists() or not any((ws.root / "out" / "compliance").iterdir())


def test_asked_frameworks_get_an_overview_and_not_assessed_rows(ws, seeded):
    r = scan(ws, "--compliance", "pci_4.0_aws", "soc2_aws")
    assert r.rc == 3, r
    files = sorted(p.name for p in (ws.root / "out" / "compliance").iterdir())
    assert files == ["scan_pci_4.0_aws.csv", "scan_soc2_aws.csv"]
    for name in ("pci_4.0_aws", "soc2_aws"):
        assert f"Compliance {name} (" in r.err
    assert "NOT ASSESSED" in r.err
    # The overview's counts add up to the framework's requirements.
    line = r.err[r.err.index("Compliance soc2_aws"):].splitlines()
    assert line[0].endswith("27 requirements")
    nums = [int(w) for w in line[1].split() if w.isdigit()]
    assert sum(nums) == 27, line[1]


def test_listings_show_coverage(ws):
    r = ws.kestrel("aws", "--list-compliance")
    assert r.rc == 0, r
    rows = [l.split() for l in r.out.splitlines()[1:45]]
    assert len(rows) == 44 and {x[0] for x in rows} == set(HEADERS)
    for x in rows:
        reqs, full, part, none, manual = map(int, x[1:6])
        assert full + part + none + manual == reqs, x
    cis7 = next(x for x in rows if x[0] == "cis_7.0_aws")
    assert cis7[1:6] == ["70", "66", "0", "0", "4"]
    r = ws.kestrel("aws", "--list-compliance-requirements", "pci_4.0_aws")
    assert r.rc == 0 and "(not implemented)" in r.out and "1679 requirements" in r.out
