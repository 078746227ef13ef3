"""`briefmaker users …` and the refusals of `briefmaker serve` that need no running server."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from .conftest import _env


@pytest.fixture
def cli():
    def run(*args, input_text=None, env=None):
        return subprocess.run([sys.executable, "-m", "briefmaker", *map(str, args)], input=input_text, text=True,
                              capture_output=True, env=_env(env or {}), timeout=120)

    return run


def test_users_add_token_list_passwd_remove(cli, tmp_path):
    ws = tmp_path / "ws"
    added = cli("users", "add", "li", "--role", "editor", "--units", "长兴路街道办事处,枫林街道办事处",
                "--password-stdin", "--workspace", ws, input_text="a long password\n")
    assert added.returncode == 0, added.stderr
    token = cli("users", "token", "li", "--workspace", ws).stdout.strip().splitlines()[-1]
    assert token.startswith("bm_") and len(token) > 40
    listed = cli("users", "list", "--workspace", ws).stdout
    assert listed.strip() == "li\teditor\t长兴路街道办事处,枫林街道办事处"
    db = sqlite3.connect(ws / ".briefmaker" / "service.sqlite")
    stored = db.execute("SELECT hash FROM tokens").fetchall()
    assert stored and token not in str(stored)  # only the token's hash is kept
    assert "a long password" not in str(db.execute("SELECT password FROM users").fetchall())
    db.close()
    assert cli("users", "passwd", "li", "--password-stdin", "--workspace", ws, input_text="another long one\n").returncode == 0
    assert cli("users", "remove", "li", "--workspace", ws).returncode == 0
    assert cli("users", "list", "--workspace", ws).stdout.strip() == ""


def test_users_refuses_bad_accounts(cli, tmp_path):
    ws = tmp_path / "ws"
    short = cli("users", "add", "wang", "--role", "admin", "--password-stdin", "--workspace", ws, input_text="short\n")
    assert short.returncode == 1 and "at least 8" in short.stderr
    no_units = cli("users", "add", "wang", "--role", "editor", "--password-stdin", "--workspace", ws,
                   input_text="long enough\n")
    assert no_units.returncode == 1 and "--units" in no_units.stderr
    bad_name = cli("users", "add", "../x", "--role", "admin", "--password-stdin", "--workspace", ws,
                   input_text="long enough\n")
    assert bad_name.returncode == 1
    assert cli("users", "token", "nobody", "--workspace", ws).returncode == 1
    assert "Traceback" not in short.stderr + no_units.stderr + bad_name.stderr


def test_serve_refuses_a_public_address_without_tls(cli, tmp_path):
    refused = cli("serve", "--workspace", tmp_path, "--host", "0.0.0.0", "--port", "1")
    assert refused.returncode == 2 and "--behind-proxy" in refused.stderr
    half = cli("serve", "--workspace", tmp_path, "--tls-cert", tmp_path / "c.pem")
    assert half.returncode == 2 and "--tls-key" in half.stderr
