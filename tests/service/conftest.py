"""A real ``briefmaker serve`` process on a free loopback port, over a workspace made for the tests,
with accounts of every role and a real SMTP server (aiosmtpd) on loopback behind it."""
from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")

PASSWORD = "correct horse battery"
UNIT = "长兴路街道办事处"
OTHER_UNIT = "枫林街道办事处"
MAIL_BRIEF = """\
meta:
  title: 长兴路街道办事处2020年工作简报
  unit: 长兴路街道办事处
  year: 2020
data:
  disputes: {found: 246, resolved: 241}
sections:
  - title: 社会大局保持和谐稳定
    body:
      - 排查矛盾{{ disputes.found }}起，化解各类纠纷{{ disputes.resolved }}起。
email:
  to: [区委办公室 <leader@example.org>, gov@example.org]
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Mailbox:
    """Accepts every message; ``received`` holds (recipients, raw bytes)."""

    received: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        self.received.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK queued"


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Server:
    """The running service: its URL parts, workspace, tokens by role, and the SMTP mailbox."""

    port: int
    workspace: Path
    tokens: dict
    mailbox: Mailbox
    process: subprocess.Popen
    env: dict

    def request(self, method: str, path: str, *, token: str | None = None, body: bytes | None = None,
                headers: dict | None = None, timeout: float = 180) -> Answer:
        """One HTTP request with the path sent exactly as given (no client-side normalising)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = f"Bearer {token}"
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            conn.close()

    def as_role(self, role: str):
        return self.tokens[role]

    def cli(self, *args, stdin: str | None = None) -> subprocess.CompletedProcess:
        """``python -m briefmaker ARGS`` run in the workspace, as a person at the server would."""
        return subprocess.run([sys.executable, "-m", "briefmaker", *map(str, args)], cwd=self.workspace,
                              env=self.env, input=stdin, capture_output=True, text=True, timeout=300)


def _env(extra: dict) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env["LANG"] = "C.UTF-8"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    env.update(extra)
    return env


def start_server(workspace: Path, env: dict, *extra: str) -> tuple[subprocess.Popen, int]:
    """Start ``briefmaker serve`` on a free port and wait until /healthz answers."""
    port = free_port()
    log = open(workspace.parent / f"serve-{port}.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "briefmaker", "serve", "--workspace", str(workspace),
                                "--port", str(port), *extra], env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"serve exited: {(workspace.parent / f'serve-{port}.log').read_text()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("serve did not start within 180 s")


def stop_server(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=90)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The service over a copy of briefs/ plus a brief to email; accounts admin, editor (长兴路),
    other (an editor of 枫林), viewer; SMTP on loopback."""
    base = tmp_path_factory.mktemp("service")
    workspace = base / "ws"
    shutil.copytree(ROOT / "briefs", workspace / "briefs")
    (workspace / "briefs" / "mail-2020.yaml").write_text(MAIL_BRIEF, encoding="utf-8")
    mailbox = Mailbox()
    smtp = aiosmtpd_controller.Controller(mailbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = _env({"BRIEFMAKER_SMTP_HOST": "127.0.0.1", "BRIEFMAKER_SMTP_PORT": str(smtp.port),
                "BRIEFMAKER_SMTP_SECURITY": "none", "BRIEFMAKER_SMTP_FROM": "街道办 <office@example.org>",
                "BRIEFMAKER_SMTP_RETRY_DELAY": "0.01"})
    tokens = {}
    for name, role, units in (("admin", "admin", []), ("editor", "editor", [UNIT]),
                              ("other", "editor", [OTHER_UNIT]), ("viewer", "viewer", [])):
        added = subprocess.run([sys.executable, "-m", "briefmaker", "users", "add", name, "--role", role,
                                *(["--units", *units] if units else []), "--password-stdin",
                                "--workspace", str(workspace)], input=PASSWORD + "\n", env=env,
                               capture_output=True, text=True, timeout=60)
        assert added.returncode == 0, added.stderr
        made = subprocess.run([sys.executable, "-m", "briefmaker", "users", "token", name, "--workspace",
                               str(workspace)], env=env, capture_output=True, text=True, timeout=60)
        assert made.returncode == 0, made.stderr
        tokens[name] = made.stdout.strip().splitlines()[-1]
    process, port = start_server(workspace, env, "--workers", "2", "--build-timeout", "30")
    try:
        yield Server(port, workspace, tokens, mailbox, process, env)
    finally:
        code = stop_server(process)
        smtp.stop()
        assert code in (0, -signal.SIGTERM), (base / f"serve-{port}.log").read_text()
