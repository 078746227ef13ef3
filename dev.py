#!/usr/bin/env python3
"""Set-up and everyday tasks on a machine that has only python3 (3.11+).

    python3 dev.py build   # build every sample brief in briefs/ into out/, and briefs/units.csv into out/units/
    python3 dev.py test    # run the whole test suite on every core (extra pytest arguments pass through)
    python3 dev.py lint    # ruff check src, mypy src (with the project's configuration)

Each task first makes .venv/ and installs briefmaker into it (with the test extras for `test`),
re-installing only when pyproject.toml changed. Nothing is installed outside .venv/.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def ensure_env(extras: str = "") -> None:
    """Create .venv and install the project (editable) with ``extras`` when not yet done."""
    if sys.version_info < (3, 11):
        sys.exit("briefmaker needs Python 3.11 or newer")
    if not (BIN / "python").exists():
        print("creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed{('-' + extras) if extras else ''}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".[{extras}]" if extras else "."
    print(f"installing briefmaker{f'[{extras}]' if extras else ''} into .venv …", flush=True)
    subprocess.run([str(BIN / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "-e", target], cwd=ROOT, check=True)
    stamp.write_text(digest)


def samples() -> list[str]:
    """The sample briefs: every briefs/*.yaml that is a complete brief (not a template to extend)."""
    return [str(p.relative_to(ROOT)) for p in sorted((ROOT / "briefs").glob("*.yaml"))
            if not p.name.startswith("_")]


def main(argv: list[str]) -> int:
    task = argv[0] if argv else "help"
    if task == "build":
        ensure_env()
        code = subprocess.run([str(BIN / "briefmaker"), "build", *samples(), "-o", "out", *argv[1:]],
                              cwd=ROOT).returncode
        # the district template once per row of the sample data table (one report per subdistrict)
        table = subprocess.run([str(BIN / "briefmaker"), "build", "briefs/_district-2020.yaml", "--data",
                                "briefs/units.csv", "--name", "{unit.name}-{meta.year}", "-o", "out/units",
                                *argv[1:]], cwd=ROOT).returncode
        return code or table
    if task == "test":
        ensure_env("test")
        args = argv[1:]
        if not any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in args) and "no:xdist" not in args:
            args = ["-n", "auto", *args]  # pytest-xdist: one worker per core
        return subprocess.run([str(BIN / "python"), "-m", "pytest", *args], cwd=ROOT).returncode
    if task == "lint":
        ensure_env("test")
        ruff = subprocess.run([str(BIN / "ruff"), "check", "src"], cwd=ROOT).returncode
        mypy = subprocess.run([str(BIN / "mypy"), "src"], cwd=ROOT).returncode
        return ruff or mypy
    print(__doc__)
    return 0 if task == "help" else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
