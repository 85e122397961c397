"""Shared fixtures for kestrel's end-to-end tests.

Everything here is real: a moto server started on a free loopback port, the kestrel
binary built by cargo, and the AWS CLI (awscli from PyPI, pinned in
tests/requirements.txt) as the reference client. Every command runs in its own
session (no controlling terminal, like CI) with a scrubbed environment and a
temporary HOME, so nothing from the developer's ~/.aws leaks in, and the EC2
metadata endpoint is never probed unless a test points it at a local server.
"""

import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import ssl
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def kestrel_bin():
    explicit = os.environ.get("KESTREL_BIN")
    if explicit:
        return explicit
    target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
    return str(Path(target) / "debug" / "kestrel")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ)
        env.update({"MOTO_IAM_LOAD_MANAGED_POLICIES": "false", "MOTO_EC2_LOAD_DEFAULT_AMIS": "false"})
        moto_server = shutil.which("moto_server", path=str(VENV_BIN)) or shutil.which("moto_server")
        if not moto_server:
            raise RuntimeError("moto_server not found: run the tests through ./scripts/test")
        self.proc = subprocess.Popen(
            [moto_server, "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/moto-api/", timeout=1)
                return
            except Exception:
                time.sleep(0.1)
        self.proc.kill()
        raise RuntimeError("moto server did not start")

    def reset(self):
        req = urllib.request.Request(self.url + "/moto-api/reset", method="POST")
        urllib.request.urlopen(req, timeout=10)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="session")
def moto():
    m = Moto()
    yield m
    m.stop()


class Result:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"rc={self.rc}\nstdout={self.out}\nstderr={self.err}"


class Workspace:
    """A HOME with its own ~/.aws, and runners for kestrel and the AWS CLI."""

    def __init__(self, root, moto):
        self.root = Path(root)
        self.home = self.root / "home"
        (self.home / ".aws").mkdir(parents=True)
        self.config = self.home / ".aws" / "config"
        self.credentials = self.home / ".aws" / "credentials"
        self.moto = moto
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "AWS_CONFIG_FILE": str(self.config),
            "AWS_SHARED_CREDENTIALS_FILE": str(self.credentials),
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true",
        }
        if moto is not None:
            self.env["AWS_ENDPOINT_URL"] = moto.url

    @property
    def cache_dir(self):
        return self.home / ".aws" / "cli" / "cache"

    def write(self, config="", credentials=""):
        self.config.write_text(config)
        self.credentials.write_text(credentials)

    def file(self, name, text, mode=0o644):
        p = self.root / name
        p.write_text(text)
        p.chmod(mode)
        return p

    def _run(self, argv, env_extra, stdin, timeout):
        env = dict(self.env)
        for k, v in (env_extra or {}).items():
            if v is None:
                env.pop(k, None)
            else:
                env[k] = v
        proc = subprocess.run(
            argv,
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            start_new_session=True,  # no controlling terminal: prompts fall back to stdin
            cwd=self.root,
        )
        return Result(proc)

    def kestrel(self, *args, env=None, stdin=None, timeout=60):
        return self._run([kestrel_bin(), *args], env, stdin, timeout)

    def aws(self, *args, env=None, stdin=None, timeout=60):
        return self._run([str(VENV_BIN / "aws"), *args], env, stdin, timeout)


@pytest.fixture
def ws(tmp_path, moto):
    moto.reset()
    return Workspace(tmp_path, moto)


SESSION_RE = re.compile(r"botocore-session-\d+")


def normalize_arn(arn):
    """Default session names carry a timestamp; two clients never share it."""
    return SESSION_RE.sub("botocore-session-N", arn)


def cli_error(result):
    """The AWS CLI's error message without its surrounding blank lines, and without the
    advice the CLI adds to botocore's message ("You can configure credentials by
    running "aws configure".", which is about the CLI, not about the credentials)."""
    if not result.err.strip():
        return ""
    line = result.err.strip().splitlines()[-1].strip()
    # Some errors reach the CLI's top level as a traceback ending in
    # "botocore.exceptions.ConfigParseError: <message>".
    line = re.sub(r"^botocore\.exceptions\.\w+: ", "", line)
    return line.replace('. You can configure credentials by running "aws configure".', "")


class _Handler(http.server.BaseHTTPRequestHandler):
    routes = {}

    def log_message(self, *a):
        pass

    def _dispatch(self, method):
        fn = self.server.routes.get((method, self.path.split("?")[0]))
        if fn is None:
            fn = self.server.routes.get((method, "*"))
        if fn is None:
            self.send_response(404)
            self.end_headers()
            return
        status, headers, body = fn(self)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        data = body.encode() if isinstance(body, str) else body
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self._dispatch("GET")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_POST(self):
        self._dispatch("POST")


class StandIn:
    """A tiny local HTTP server with fixed routes, for endpoints moto does not serve
    (IMDSv1-only metadata, the SSO portal) or behaviours it does not have."""

    def __init__(self, routes, tls=None):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.routes = routes
        self.server.requests = []
        scheme = "http"
        if tls:  # (certificate file, key file): serve HTTPS
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*tls)
            self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stand_in():
    started = []

    def make(routes, tls=None):
        s = StandIn(routes, tls)
        started.append(s)
        return s

    yield make
    for s in started:
        s.stop()
