"""Graceful shutdown of a real server: a running build finishes and is answered, nothing half-written."""
from __future__ import annotations

import shutil
import signal
import threading
import time

from tests.conftest import ROOT

from .conftest import Server, _env, start_server, stop_server


def test_sigterm_lets_the_running_build_finish(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(ROOT / "briefs", workspace / "briefs")
    env = _env({})
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "briefmaker", "users", "add", "a", "--role", "admin", "--password-stdin",
                    "--workspace", str(workspace)], input="long enough\n", text=True, env=env, check=True)
    token = subprocess.run([sys.executable, "-m", "briefmaker", "users", "token", "a", "--workspace",
                            str(workspace)], text=True, env=env, check=True, capture_output=True).stdout.split()[-1]
    process, port = start_server(workspace, env, "--workers", "1")
    server = Server(port, workspace, {"admin": token}, None, process, env)
    answers = []
    thread = threading.Thread(target=lambda: answers.append(
        server.request("POST", "/api/briefs/changxing-2020/build?format=docx", token=token)))
    thread.start()
    deadline = time.monotonic() + 60
    while server.request("GET", "/healthz").json()["busy"] == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    code = stop_server(process)
    thread.join(120)
    assert code in (0, -signal.SIGTERM)
    assert answers and answers[0].status == 200 and answers[0].body[:2] == b"PK"
    assert answers[0].body == (workspace / "out" / "changxing-2020.docx").read_bytes()
    assert not [p for p in (workspace / "out").iterdir() if p.name.endswith(".tmp")]
    assert "Application shutdown complete" in (tmp_path / f"serve-{port}.log").read_text()
