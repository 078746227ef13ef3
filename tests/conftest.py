"""Shared fixtures: paths, and a runner for the CLI as a user would call it."""
from __future__ import annotations

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


@pytest.fixture
def cli():
    return run_cli
