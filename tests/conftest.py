"""Shared fixtures: paths, and runners for the CLI: as a user calls it (a subprocess) and in this
process (``cli.main``, for the many error cases: the same arguments, streams and exit status)."""
from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_BRIEF = ROOT / "briefs" / "changxing-2020.yaml"
# a copy of ../shared/reference/changxing-2020.txt, so the suite runs from any checkout
SEED_TEXT = ROOT / "tests" / "fixtures" / "changxing-2020.txt"


def run_cli(*args, cwd=None, lang="C.UTF-8", env=None):
    """Run ``python -m briefmaker ARGS`` in a subprocess; returns the CompletedProcess."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    full_env["LANG"] = lang
    # the package from this checkout, whether or not it is installed, from any working directory
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "briefmaker", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=full_env, timeout=300)


def run_cli_here(*args, cwd=None, lang="C.UTF-8", env=None):
    """``briefmaker ARGS`` through ``cli.main`` in this process, with the environment run_cli
    gives (locale, ``env``) and working folder ``cwd``, both restored afterwards; stdout and
    stderr captured. Returns a CompletedProcess like run_cli's. An exception that escapes the CLI
    propagates (a subprocess would print its traceback and exit 1: a failing test either way)."""
    from briefmaker import cli

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    try:
        for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
            os.environ.pop(name, None)
        os.environ["LANG"] = lang
        os.environ.update(env or {})
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main([str(a) for a in args])
            except SystemExit as exc:  # argparse: usage errors (2) and --help (0)
                code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["briefmaker", *map(str, args)], code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def cli_here():
    return run_cli_here
