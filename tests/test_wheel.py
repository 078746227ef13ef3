"""briefmaker installs like a package: a wheel built from a clean copy of the source, installed
into a fresh venv and run from another folder, builds the seed to the checkout's bytes (the fonts
travel inside the wheel as package data)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from briefmaker import build

from .conftest import SEED_BRIEF

ROOT = Path(__file__).resolve().parents[1]
_SKIP = shutil.ignore_patterns(".venv", "out", "*.egg-info", "__pycache__", ".git", "build", "dist", ".pytest_cache")


def _clean_copy(target: Path) -> Path:
    """The source as a fresh clone has it: tracked files (with their current content) when this is
    a git checkout, else the tree without virtualenvs, outputs and build leftovers."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True)
    if listed.returncode != 0:
        shutil.copytree(ROOT, target, ignore=_SKIP)
        return target
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_a_wheel_in_a_fresh_venv_builds_the_seed_to_the_checkouts_bytes(tmp_path):
    source = _clean_copy(tmp_path / "clone")
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--disable-pip-version-check", "-w", str(dist), str(source)], check=True, timeout=600)
    (wheel,) = dist.glob("briefmaker-*.whl")
    fresh = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(fresh)
    python = fresh / ("Scripts" if os.name == "nt" else "bin") / "python"
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  capture_output=True, text=True, check=True).stdout.strip())
    # the dependencies from this environment, as a plain path entry (its own .pth files, such as
    # the editable install of this checkout, are not read from there)
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--disable-pip-version-check", str(wheel)], check=True, timeout=600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "BRIEFMAKER_FONTS")}
    where = subprocess.run([str(python), "-c", "import briefmaker.fonts as f; print(f.font_path('fang'))"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(fresh), where  # the wheel's own copy of the fonts
    ran = subprocess.run([str(python), "-m", "briefmaker", "build", str(SEED_BRIEF), "-o", "out"],
                         cwd=elsewhere, env=env, capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, ran.stderr
    ours = build(SEED_BRIEF, tmp_path / "ours")
    for path in ours.outputs:
        assert (elsewhere / "out" / path.name).read_bytes() == path.read_bytes(), path.name
