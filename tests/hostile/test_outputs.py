"""Outputs come in pairs: a full disk, a read-only folder or a failed rename leaves the previous
DOCX and PDF both as they were (or nothing, on a first build), with a located message and no
temporary files. Real file systems: small tmpfs mounts (skipped where mounting is not allowed)."""
from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

BRIEF = """\
meta:
  title: 测试简报
  unit: 测试街道
data:
  disputes:
    found: 246
    resolved: 241
sections:
  - title: 概况
    body:
      - 排查矛盾{{ disputes.found }}起，化解{{ disputes.resolved }}起。
      - chart:
          kind: bar
          title: 矛盾纠纷
          unit: 起
          data:
            排查: disputes.found
            化解: disputes.resolved
"""


@pytest.fixture
def mount(tmp_path):
    """mount(options) → a fresh tmpfs folder; unmounted afterwards."""
    mounted = []

    def _mount(options: str) -> Path:
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True, text=True)
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'not permitted'})")
        mounted.append(point)
        return point

    yield _mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _fill(folder: Path, leave: int) -> None:
    """Fill ``folder``'s file system until only about ``leave`` bytes are free."""
    with open(folder / "filler", "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    with open(folder / "filler", "r+b") as handle:
        handle.truncate(max(0, os.path.getsize(folder / "filler") - leave))


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_full_disk_leaves_the_previous_pair(mount, tmp_path, cli):
    disk = mount("size=4m")
    (tmp_path / "b.yaml").write_text(BRIEF, encoding="utf-8")
    out = disk / "out"
    first = cli("build", tmp_path / "b.yaml", "-o", out, env={"BRIEFMAKER_CACHE": str(tmp_path / "c")})
    assert first.returncode == 0, first.stderr
    old = {name: (out / name).read_bytes() for name in ("b.docx", "b.pdf")}
    (tmp_path / "b.yaml").write_text(BRIEF.replace("246", "300").replace("测试简报", "新的简报"), encoding="utf-8")
    for cache in list((out / ".cache" / "charts").iterdir()):
        cache.unlink()  # the chart cache must be written again, on the full disk
    # room for the new DOCX but not the PDF as well
    _fill(disk, leave=len(old["b.docx"]) + 4096)
    second = cli("build", tmp_path / "b.yaml", "-o", out, env={"BRIEFMAKER_CACHE": str(tmp_path / "c")})
    assert second.returncode == 1, second.stderr
    assert "Traceback" not in second.stderr
    assert "No space left on device" in second.stderr and second.stderr.startswith(str(out)), second.stderr
    assert {name: (out / name).read_bytes() for name in ("b.docx", "b.pdf")} == old
    assert _names(out) == [".cache", "b.docx", "b.pdf"]


def test_a_read_only_output_folder_with_no_cache_yet(mount, tmp_path, cli):
    folder = mount("size=1m,ro")
    (tmp_path / "b.yaml").write_text(BRIEF, encoding="utf-8")
    for lang, word in (("C.UTF-8", "cannot write output"), ("zh_CN.UTF-8", "无法写入输出文件")):
        result = cli("build", tmp_path / "b.yaml", "-o", folder, lang=lang, env={"BRIEFMAKER_CACHE": str(tmp_path / "c")})
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.startswith(str(folder / "b.docx") + ": ") and word in result.stderr, result.stderr
    assert _names(folder) == []


def test_a_failed_second_rename_puts_the_first_file_back(tmp_path, cli):
    (tmp_path / "b.yaml").write_text(BRIEF, encoding="utf-8")
    out = tmp_path / "out"
    assert cli("build", tmp_path / "b.yaml", "-o", out, "--format", "docx").returncode == 0
    old_docx = (out / "b.docx").read_bytes()
    (out / "b.pdf").mkdir()  # the PDF cannot replace a folder: its rename fails after the DOCX's
    (out / "b.pdf" / "keep").write_text("x")
    (tmp_path / "b.yaml").write_text(BRIEF.replace("246", "300"), encoding="utf-8")
    result = cli("build", tmp_path / "b.yaml", "-o", out)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(str(out / "b.pdf") + ": "), result.stderr
    assert (out / "b.docx").read_bytes() == old_docx
    assert _names(out) == [".cache", "b.docx", "b.pdf"]


def test_a_first_build_that_fails_leaves_neither_file(tmp_path, cli):
    (tmp_path / "b.yaml").write_text(BRIEF, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "b.pdf").mkdir()
    result = cli("build", tmp_path / "b.yaml", "-o", out)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert not (out / "b.docx").exists()
    assert [p.name for p in out.iterdir() if p.name.startswith(".bm-")] == []
