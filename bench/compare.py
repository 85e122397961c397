#!/usr/bin/env python3
"""kestrel's verdicts against Prowler's on the same emulated account.

Starts moto, seeds it, runs kestrel (the debug or release build named by --kestrel) and
Prowler with the same check ids and regions, and compares the findings per (check,
resource, region): pairs both report with the same status, pairs whose statuses
differ (each listed), and findings only one tool reports. Prints a Markdown table.

  ./bench/compare --seed parity -f us-east-1 eu-west-1 -c CHECK...
  ./bench/compare --seed demo -f us-east-1 --compliance cis_7.0_aws
  ./bench/compare --seed bench -N 1 --compliance cis_7.0_aws

Seeds: `parity` (bench/parity_seed.py: the cases of issue #19), `demo`
(scripts/demo_account.py), `bench` (../shared/bench/seed_account.py -N N).
"""
import argparse
import csv
import os
import subprocess
import sys
import time
from pathlib import Path

from bench import ROOT, SHARED, Moto

PROWLER = Path.home() / ".cache/kestrel-bench/prowler-venv/bin/prowler"


def findings(csv_file):
    out = {}
    if csv_file is None:  # no findings at all: Prowler then writes no CSV
        return out
    with open(csv_file, newline="") as f:
        for r in csv.DictReader(f, delimiter=";"):
            out.setdefault((r["CHECK_ID"], r["RESOURCE_UID"], r["REGION"]), []).append(r["STATUS"])
    return {k: "/".join(sorted(v)) for k, v in out.items()}


def only_csv(out_dir):
    files = [p for p in Path(out_dir).glob("*.csv")]
    if not files:
        return None
    if len(files) != 1:
        sys.exit(f"expected one CSV in {out_dir}, found {files}")
    return files[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", choices=["parity", "demo", "bench"], required=True)
    ap.add_argument("-N", type=int, default=1)
    ap.add_argument("-f", nargs="+", default=["us-east-1"], metavar="REGION")
    sel = ap.add_mutually_exclusive_group(required=True)
    sel.add_argument("-c", nargs="+", metavar="CHECK")
    sel.add_argument("--compliance")
    sel.add_argument("--all", action="store_true",
                     help="a default run of both (every check, every compliance CSV); compares "
                          "the checks kestrel implements and the 44 compliance CSVs")
    ap.add_argument("--kestrel", default=os.environ.get("KESTREL_BIN"))
    ap.add_argument("--prowler", default=str(PROWLER))
    ap.add_argument("--work", default="/tmp/kestrel-compare")
    args = ap.parse_args()
    if not args.kestrel:
        sys.exit("--kestrel PATH (or KESTREL_BIN) is needed")
    if not Path(args.prowler).exists():
        sys.exit(f"Prowler not found at {args.prowler}: run ../shared/bench/install_prowler.sh first")
    work = Path(args.work)
    subprocess.run(["rm", "-rf", str(work)], check=True)
    work.mkdir(parents=True)
    python = sys.executable
    moto = Moto(work, python)
    try:
        seeders = {"parity": [python, str(ROOT / "bench" / "parity_seed.py"), moto.url],
                   "demo": [python, str(ROOT / "scripts" / "demo_account.py"), moto.url],
                   "bench": [python, str(SHARED / "seed_account.py"), "-N", str(args.N), "--endpoint", moto.url,
                             "--regions", *args.f]}
        # botocore puts the account id in S3 Control's host name: the shared DNS shim maps
        # <account>.127.0.0.1 back to loopback (for the seeder and for Prowler).
        shim = dict(os.environ, BENCH_DNS_SHIM="1", PYTHONPATH=str(SHARED / "pyshim"))
        subprocess.run(seeders[args.seed], check=True, stdout=subprocess.DEVNULL, env=shim)
        selection = ["-c", *args.c] if args.c else ["--compliance", args.compliance] if args.compliance else []
        env = {"PATH": os.environ["PATH"], "HOME": str(work), "AWS_ACCESS_KEY_ID": "testing",
               "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
               "AWS_ENDPOINT_URL": moto.url, "AWS_EC2_METADATA_DISABLED": "true",
               "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
        k_out, p_out = work / "kestrel", work / "prowler"
        before = moto.requests()
        subprocess.run([args.kestrel, "aws", "-f", *args.f, *selection, "-M", "csv", "-o", str(k_out), "-b"],
                       env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
        time.sleep(0.5)  # the request log is written as answers leave
        k_requests = moto.requests() - before
        before = moto.requests()
        subprocess.run([args.prowler, "aws", "-f", *args.f, *selection, "-M", "csv", "-o", str(p_out),
                        "--no-banner", "--no-color", "--log-level", "ERROR", "--aws-retries-max-attempts", "0"],
                       env=dict(env, BENCH_DNS_SHIM="1", PYTHONPATH=str(SHARED / "pyshim")),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)
        time.sleep(0.5)
        p_requests = moto.requests() - before
    finally:
        moto.stop()
    k = findings(only_csv(k_out))
    p = findings(only_csv(p_out))
    implemented = set(kestrel_ids(args.kestrel))
    if args.all:
        p = {key: v for key, v in p.items() if key[0] in implemented}
    checks = sorted({key[0] for key in k} | {key[0] for key in p})
    print(f"| check | both report | same verdict | differ | only kestrel | only Prowler |\n|---|---|---|---|---|---|")
    total_both = total_same = 0
    details = []
    for check in checks:
        kk = {key: v for key, v in k.items() if key[0] == check}
        pp = {key: v for key, v in p.items() if key[0] == check}
        both = kk.keys() & pp.keys()
        same = [key for key in both if kk[key] == pp[key]]
        total_both += len(both)
        total_same += len(same)
        print(f"| `{check}` | {len(both)} | {len(same)} | {len(both) - len(same)} | "
              f"{len(kk.keys() - pp.keys())} | {len(pp.keys() - kk.keys())} |")
        for key in sorted(both - set(same)):
            details.append(f"- differ: {key[0]} {key[1]} {key[2]}: kestrel {kk[key]}, Prowler {pp[key]}")
        for key in sorted(kk.keys() - pp.keys()):
            details.append(f"- only kestrel: {key[0]} {key[1]} {key[2]}: {kk[key]}")
        for key in sorted(pp.keys() - kk.keys()):
            details.append(f"- only Prowler: {key[0]} {key[1]} {key[2]}: {pp[key]}")
    share = 100.0 * total_same / total_both if total_both else 0.0
    print(f"\n{total_same} of {total_both} shared (check, resource, region) pairs agree ({share:.1f} %).")
    print(f"API requests: kestrel {k_requests}, Prowler {p_requests}.\n")
    print("\n".join(details))
    if args.all:
        compare_compliance(k_out / "compliance", p_out / "compliance", implemented)


def kestrel_ids(kestrel):
    out = subprocess.run([kestrel, "aws", "--list-checks"], capture_output=True, text=True).stdout
    return [line[1:].split("]")[0] for line in out.splitlines() if line.startswith("[")]


def compliance_rows(path):
    csv.field_size_limit(1 << 30)
    with open(path, newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def compare_compliance(k_dir, p_dir, implemented):
    """Per framework: the header, and the rows' STATUS per (requirement, check, resource,
    region) for the checks kestrel implements (and MANUAL requirements)."""
    def by_name(d):
        # <output name>_<framework>.csv; output names have no underscore.
        return {p.name.split("_", 1)[1][:-4]: p for p in Path(d).glob("*.csv")}
    k_files, p_files = by_name(k_dir), by_name(p_dir)
    print("\n| framework | header | rows both | same status | differ | only kestrel | only Prowler | kestrel NOT_ASSESSED |")
    print("|---|---|---|---|---|---|---|---|")
    tot_both = tot_same = 0
    details = []
    for name in sorted(k_files):
        if name not in p_files:
            print(f"| `{name}` | (no Prowler file) | | | | | | |")
            continue
        kh, kr = compliance_rows(k_files[name])
        ph, pr = compliance_rows(p_files[name])

        def keyed(rows):
            out = {}
            for r in rows:
                if r["CHECKID"] != "manual" and r["CHECKID"] not in implemented:
                    continue
                if r["STATUS"] == "NOT_ASSESSED":
                    continue
                key = (r["REQUIREMENTS_ID"], r["CHECKID"], r["RESOURCEID"], r["REGION"])
                out.setdefault(key, []).append(r["STATUS"])
            return {k: "/".join(sorted(v)) for k, v in out.items()}
        kk, pp = keyed(kr), keyed(pr)
        both = kk.keys() & pp.keys()
        same = [x for x in both if kk[x] == pp[x]]
        tot_both += len(both)
        tot_same += len(same)
        na = sum(1 for r in kr if r["STATUS"] == "NOT_ASSESSED")
        print(f"| `{name}` | {'same' if kh == ph else 'DIFFERENT'} | {len(both)} | {len(same)} | "
              f"{len(both) - len(same)} | {len(kk.keys() - pp.keys())} | {len(pp.keys() - kk.keys())} | {na} |")
        if kh != ph:
            details.append(f"- {name}: header kestrel {kh} vs Prowler {ph}")
        for x in sorted(both - set(same))[:5]:
            details.append(f"- {name} differ {x}: kestrel {kk[x]}, Prowler {pp[x]}")
    share = 100.0 * tot_same / tot_both if tot_both else 0.0
    print(f"\n{len(k_files)} kestrel compliance CSVs, {len(p_files)} Prowler ones; "
          f"{tot_same} of {tot_both} shared (requirement, check, resource, region) rows agree ({share:.1f} %).")
    print("\n".join(details))


if __name__ == "__main__":
    main()
