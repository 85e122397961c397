#!/usr/bin/env python3
"""kestrel's benchmark: seeds a moto account with ../shared/bench/seed_account.py at the
given sizes, runs the release build of kestrel (and, with --vs-prowler, Prowler,
alternating) on it with the same checks, and reports wall time, peak RSS, the number of
API requests made, the emulator's CPU time while serving them, and the findings.

  ./bench/run -N 1 10 50 --selection cis_6.0 cis_7.0 services --latency 0 50 [--vs-prowler]

--latency MS puts a small proxy of the benchmark's own between the tool and moto that
holds every request for MS milliseconds without serializing them (real AWS answers in
30-150 ms, in parallel). Results are printed as a Markdown table (and appended to
--markdown FILE when given).
"""
import argparse
import http.server
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
REGIONS = ["us-east-1", "eu-west-1", "us-west-2"]
SELECTIONS = {
    "cis_6.0": (["--compliance", "cis_6.0_aws"], ["--compliance", "cis_6.0_aws"]),
    "cis_7.0": (["--compliance", "cis_7.0_aws"], ["--compliance", "cis_7.0_aws"]),
    "services": (["-s", "iam", "s3", "ec2", "cloudtrail", "kms", "rds"],
                 ["--services", "iam", "s3", "ec2", "cloudtrail", "kms", "rds"]),
}
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    """moto server with the shared per-request log (service, region, action, status)."""

    def __init__(self, workdir, python):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.reqlog = workdir / "requests.tsv"
        env = dict(os.environ, MOTO_IAM_LOAD_MANAGED_POLICIES="true", MOTO_EC2_LOAD_DEFAULT_AMIS="false")
        self.proc = subprocess.Popen([python, str(SHARED / "moto_logged_server.py"), "127.0.0.1", str(self.port),
                                      str(self.reqlog)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        for _ in range(300):
            try:
                urllib.request.urlopen(self.url + "/moto-api/", timeout=1)
                return
            except Exception:
                time.sleep(0.1)
        raise RuntimeError("moto did not start")

    def cpu_seconds(self):
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def requests(self):
        return sum(1 for _ in open(self.reqlog)) if self.reqlog.exists() else 0

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


class DelayProxy:
    """Holds each request for `ms` then forwards it; requests are handled in parallel."""

    def __init__(self, target, ms):
        self.target, self.delay = target, ms / 1000.0
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes: with Nagle's algorithm the body
            # would wait for the client's delayed ACK (40 ms) — latency AWS does not add.
            disable_nagle_algorithm = True

            def log_message(self, *a):
                pass

            def forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                time.sleep(proxy.delay)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("content-length", "connection")}
                req = urllib.request.Request(proxy.target + self.path, data=body or None, headers=headers,
                                             method=self.command)
                try:
                    with urllib.request.urlopen(req, timeout=120) as r:
                        status, rh, payload = r.status, r.headers, r.read()
                except urllib.error.HTTPError as e:
                    status, rh, payload = e.code, e.headers, e.read()
                self.send_response(status)
                for k, v in rh.items():
                    if k.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = forward

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def measure(argv, env, moto, timeout):
    """Runs a tool; wall time, peak RSS (MiB), requests and moto CPU seconds it caused.
    A run still going after `timeout` seconds is killed and marked `timed_out`."""
    req0, cpu0 = moto.requests(), moto.cpu_seconds()
    self0 = resource.getrusage(resource.RUSAGE_SELF)
    # Peak RSS through /usr/bin/time: Linux carries the RSS high-water mark across
    # fork, so a tool forked straight from this (large) Python process would report
    # this process's memory as its own.
    rss_file = Path(f"/tmp/kestrel-bench-rss-{os.getpid()}")
    rss_file.unlink(missing_ok=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", str(rss_file), *argv], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    timed_out = False
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(proc.pid, 9)
        _, err = proc.communicate()
    wall = time.perf_counter() - t0
    err = err.decode(errors="replace")
    lines = rss_file.read_text().strip().splitlines() if rss_file.exists() else []
    rss_kb = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    self1 = resource.getrusage(resource.RUSAGE_SELF)
    time.sleep(0.3)  # let the request log flush
    return {
        # The harness's own CPU while the tool ran: the delay proxy's, when there is one.
        "proxy_cpu_s": round(self1.ru_utime + self1.ru_stime - self0.ru_utime - self0.ru_stime, 2),
        "wall_s": round(wall, 2),
        "rss_mib": round(rss_kb / 1024, 1),
        "requests": moto.requests() - req0,
        "moto_cpu_s": round(moto.cpu_seconds() - cpu0, 2),
        "exit": proc.returncode,
        "timed_out": timed_out,
        "stderr_tail": err[-400:],
    }


def count_findings(outdir):
    files = list(Path(outdir).glob("*.ocsf.json"))
    total, fails = 0, 0
    for f in files:
        for e in json.loads(f.read_text() or "[]"):
            total += 1
            fails += e.get("status_code") == "FAIL"
    return total, fails


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-N", type=int, nargs="+", default=[1, 10])
    ap.add_argument("--selection", nargs="+", default=["cis_6.0", "cis_7.0", "services"], choices=SELECTIONS)
    ap.add_argument("--latency", type=int, nargs="+", default=[0, 50])
    ap.add_argument("--vs-prowler", action="store_true")
    ap.add_argument("--prowler", default=str(Path.home() / ".cache/kestrel-bench/prowler-venv/bin/prowler"))
    ap.add_argument("--kestrel", default=None, help="kestrel binary (default: cargo build --release)")
    ap.add_argument("--work", default="/tmp/kestrel-bench")
    ap.add_argument("--markdown", default=None, help="append the results table to this file")
    ap.add_argument("--timeout", type=float, default=600,
                    help="kill a run still going after this many seconds (Prowler has hung on moto)")
    args = ap.parse_args()

    python = sys.executable
    kestrel = args.kestrel
    if not kestrel:
        target = os.environ.get("CARGO_TARGET_DIR", str(Path.home() / ".cache/kestrel/target"))
        subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "kestrel"], cwd=ROOT, check=True,
                       env=dict(os.environ, CARGO_TARGET_DIR=target))
        kestrel = str(Path(target) / "release" / "kestrel")
    if args.vs_prowler and not Path(args.prowler).exists():
        sys.exit(f"Prowler not found at {args.prowler}: run ../shared/bench/install_prowler.sh first")

    work = Path(args.work)
    rows = []
    for n in args.N:
        run_dir = work / f"N{n}"
        shutil.rmtree(run_dir, ignore_errors=True)
        run_dir.mkdir(parents=True)
        moto = Moto(run_dir, python)
        try:
            t0 = time.perf_counter()
            subprocess.run([python, str(SHARED / "seed_account.py"), "-N", str(n), "--endpoint", moto.url,
                            "--regions", *REGIONS], check=True, stdout=subprocess.DEVNULL)
            print(f"N={n}: seeded in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
            for latency in args.latency:
                proxy = DelayProxy(moto.url, latency) if latency else None
                endpoint = proxy.url if proxy else moto.url
                base_env = {"PATH": os.environ["PATH"], "HOME": str(run_dir), "AWS_ACCESS_KEY_ID": "testing",
                            "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
                            "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": endpoint, "AWS_EC2_METADATA_DISABLED": "true",
                            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
                for sel in args.selection:
                    k_sel, p_sel = SELECTIONS[sel]
                    tools = ["kestrel", "prowler"] if args.vs_prowler else ["kestrel"]
                    for tool in tools:
                        out = run_dir / f"{tool}-{sel}-{latency}ms"
                        if tool == "kestrel":
                            argv = [kestrel, "aws", "-f", *REGIONS, *k_sel, "-M", "json-ocsf", "csv", "-o", str(out), "-b",
                                    "--aws-retries-max-attempts", "1"]
                            env = base_env
                        else:
                            argv = [args.prowler, "aws", "-f", *REGIONS, *p_sel, "-M", "json-ocsf", "csv", "-o", str(out),
                                    "--no-banner", "--no-color", "--log-level", "ERROR", "--aws-retries-max-attempts", "0"]
                            env = dict(base_env, BENCH_DNS_SHIM="1", PYTHONPATH=str(SHARED / "pyshim"))
                        m = measure(argv, env, moto, args.timeout)
                        total, fails = count_findings(out)
                        m.update(tool=tool, N=n, selection=sel, latency_ms=latency, findings=total, fails=fails)
                        rows.append(m)
                        print(json.dumps({k: v for k, v in m.items() if k != "stderr_tail"}), file=sys.stderr)
                if proxy:
                    proxy.stop()
        finally:
            moto.stop()

    table = render(rows)
    print(table)
    if args.markdown:
        with open(args.markdown, "a") as f:
            f.write(table + "\n")
    (work / "results.json").write_text(json.dumps(rows, indent=1))


def render(rows):
    lines = ["| N | checks | latency | tool | wall s | moto CPU s | wall / moto CPU | peak RSS MiB | requests | findings (FAIL) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        ratio = r["wall_s"] / r["moto_cpu_s"] if r["moto_cpu_s"] else 0
        wall = f"{r['wall_s']} (hung, killed)" if r.get("timed_out") else r["wall_s"]
        lines.append(f"| {r['N']} | {r['selection']} | {r['latency_ms']} ms | {r['tool']} | {wall} | {r['moto_cpu_s']} | "
                     f"{ratio:.2f} | {r['rss_mib']} | {r['requests']} | {r['findings']} ({r['fails']}) |")
    # Ratios kestrel vs Prowler for the same (N, checks, latency).
    pairs = {}
    for r in rows:
        pairs.setdefault((r["N"], r["selection"], r["latency_ms"]), {})[r["tool"]] = r
    ratio_lines = []
    for key, tools in pairs.items():
        if "kestrel" in tools and "prowler" in tools:
            k, p = tools["kestrel"], tools["prowler"]
            faster = "– (Prowler hung)" if p.get("timed_out") else f"{p['wall_s'] / max(k['wall_s'], 0.01):.1f}x"
            ratio_lines.append(f"| {key[0]} | {key[1]} | {key[2]} ms | {faster} | "
                               f"{p['rss_mib'] / max(k['rss_mib'], 0.1):.1f}x | {k['requests']} vs {p['requests']} |")
    if ratio_lines:
        lines += ["", "| N | checks | latency | Prowler wall / kestrel wall | Prowler RSS / kestrel RSS | requests kestrel vs Prowler |",
                  "|---|---|---|---|---|---|"] + ratio_lines
    return "\n".join(lines)


if __name__ == "__main__":
    main()
