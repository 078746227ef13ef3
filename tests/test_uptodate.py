"""Builds whose outputs are already up to date are skipped (infra/uptodate.py): only when every
file the build read and every file it wrote is unchanged, and the options are the same."""
from __future__ import annotations

import json
import os
from pathlib import Path

from PIL import Image

from briefmaker.build import build, up_to_date
from briefmaker.infra import sealed
from briefmaker.infra.uptodate import Stamp

TEMPLATE = """meta: {title: "{{ unit.name }}工作总结", year: 2020, unit: 某区}
data:
  unit: {name: 示例街道}
  cases: 12
sections:
  - title: 一节
    body:
      - 办结{{ cases }}件。
"""
BRIEF = """extends: _t.yaml
style: house.yaml
data:
  unit: {name: 长兴路街道}
sections:
  - title: 一节
    body:
      - 办结{{ cases }}件。
      - image: {path: logo.png, caption: 图一}
"""
STYLE = "extends: gongwen\ndescription: 本单位\n"


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "_t.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(BRIEF, encoding="utf-8")
    (tmp_path / "house.yaml").write_text(STYLE, encoding="utf-8")
    Image.new("RGB", (40, 20), (200, 0, 0)).save(tmp_path / "logo.png")
    return tmp_path


def _identity(folder: Path) -> dict[str, tuple[int, int]]:
    """Each output's inode and mtime: a file rewritten, even with the same bytes, shows here."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.glob("b.*")}


def test_an_unchanged_build_is_skipped_and_every_input_change_builds(tmp_path):
    folder = _folder(tmp_path)
    out = folder / "out"
    first = build(folder / "b.yaml", out, reuse=True)
    assert not first.reused and [p.name for p in first.outputs] == ["b.docx", "b.pdf"]
    before = _identity(out)
    again = build(folder / "b.yaml", out, reuse=True)
    assert again.reused and again.outputs == first.outputs
    assert _identity(out) == before  # not even rewritten
    assert up_to_date(folder / "b.yaml", out) == first.outputs

    # every file the build read decides: the brief, the template it extends, its style, a picture
    for name, change in [("b.yaml", lambda p: p.write_text(BRIEF + "# 注释\n", encoding="utf-8")),
                         ("_t.yaml", lambda p: p.write_text(TEMPLATE.replace("12", "13"), encoding="utf-8")),
                         ("house.yaml", lambda p: p.write_text(STYLE + "# 注释\n", encoding="utf-8")),
                         ("logo.png", lambda p: Image.new("RGB", (40, 20), (0, 0, 200)).save(p))]:
        change(folder / name)
        assert up_to_date(folder / "b.yaml", out) is None, name
        rebuilt = build(folder / "b.yaml", out, reuse=True)
        assert not rebuilt.reused, name
        assert build(folder / "b.yaml", out, reuse=True).reused, name
    # the template's new number is in the new PDF: the rebuild was real
    assert (out / "b.pdf").read_bytes() != b"" and "13" in _pdf_text(out / "b.pdf")


def test_outputs_changed_or_missing_and_other_options_build(tmp_path):
    folder = _folder(tmp_path)
    out = folder / "out"
    build(folder / "b.yaml", out, reuse=True)
    good = (out / "b.docx").read_bytes()
    (out / "b.docx").write_bytes(good + b"saved by Word")
    result = build(folder / "b.yaml", out, reuse=True)
    assert not result.reused and (out / "b.docx").read_bytes() == good
    (out / "b.pdf").unlink()
    assert not build(folder / "b.yaml", out, reuse=True).reused and (out / "b.pdf").is_file()
    assert not build(folder / "b.yaml", out, reuse=True, style="jianbao").reused
    assert build(folder / "b.yaml", out, reuse=True, style="jianbao").reused
    assert not build(folder / "b.yaml", out, ("pdf",), reuse=True, style="jianbao", draft=True).reused
    assert not build(folder / "b.yaml", out, reuse=True, embed_fonts=True).reused
    # without reuse (the library's default, the service's builds) it always builds
    assert build(folder / "b.yaml", out, reuse=True, embed_fonts=True).reused
    assert not build(folder / "b.yaml", out).reused


def test_a_build_with_warnings_is_never_skipped(tmp_path):
    folder = _folder(tmp_path)
    (folder / "b.yaml").write_text(BRIEF.replace("办结{{ cases }}件。\n      - image", "办结\U000f0000件。\n      - image"),
                                   encoding="utf-8")
    out = folder / "out"
    first = build(folder / "b.yaml", out, reuse=True)
    assert first.warnings  # a character no bundled font draws
    second = build(folder / "b.yaml", out, reuse=True)
    assert not second.reused and second.warnings


def test_a_forged_stamp_cannot_name_other_files(tmp_path):
    """A stamp is only ever a reason to do nothing: one that lists other outputs, or whose seal
    does not verify, makes a build."""
    folder = _folder(tmp_path)
    out = folder / "out"
    build(folder / "b.yaml", out, reuse=True)
    stamp = next((out / ".cache" / "builds").glob("*.stamp"))
    secret = folder / "secret.pdf"
    secret.write_bytes(b"%PDF secret")
    key = Stamp.of(folder / "b.yaml", out, "b", ("docx", "pdf"), {"style": None, "draft": False,
                                                                   "embed_fonts": False, "row": None})
    assert key is not None
    payload = json.loads(sealed.load(stamp, key.key) or b"{}")
    payload["outputs"].append(["../secret.pdf", payload["outputs"][0][1]])
    sealed.store(stamp, key.key, json.dumps(payload).encode())
    result = build(folder / "b.yaml", out, reuse=True)
    assert not result.reused and secret.resolve() not in [p.resolve() for p in result.outputs]
    stamp.write_bytes(stamp.read_bytes()[:-5] + b"xxxxx")  # damaged
    assert not build(folder / "b.yaml", out, reuse=True).reused


def test_a_batch_builds_only_the_rows_that_changed(tmp_path, cli_here):
    folder = _folder(tmp_path)
    (folder / "u.csv").write_text("unit.name,cases\n甲街道,1\n乙街道,2\n", encoding="utf-8")
    args = ("build", "_t.yaml", "--data", "u.csv", "--name", "unit.name", "--format", "pdf", "--jobs", "1",
            "-o", "out")
    assert cli_here(*args, cwd=folder).returncode == 0
    before = {p.name: p.stat().st_mtime_ns for p in (folder / "out").glob("*.pdf")}
    (folder / "u.csv").write_text("unit.name,cases\n甲街道,1\n乙街道,3\n", encoding="utf-8")
    result = cli_here(*args, cwd=folder)
    assert result.returncode == 0 and "built 2 (1 already up to date), failed 0" in result.stderr
    assert "] u.csv:2 甲街道: up to date" in result.stderr and "] u.csv:3 乙街道: ok" in result.stderr
    after = {p.name: p.stat().st_mtime_ns for p in (folder / "out").glob("*.pdf")}
    assert after["甲街道.pdf"] == before["甲街道.pdf"]  # its row is as it was: left alone
    assert after["乙街道.pdf"] != before["乙街道.pdf"]
    assert "3" in _pdf_text(folder / "out" / "乙街道.pdf")


def test_the_cli_skips_an_up_to_date_build_and_prints_its_outputs(tmp_path, cli_here):
    folder = _folder(tmp_path)
    first = cli_here("build", "b.yaml", "-o", "out", cwd=folder)
    assert first.returncode == 0
    stamp_dir = folder / "out" / ".cache" / "builds"
    assert len(list(stamp_dir.glob("*.stamp"))) == 1
    before = _identity(folder / "out")
    second = cli_here("build", "b.yaml", "-o", "out", cwd=folder)
    assert second.returncode == 0 and second.stdout == first.stdout
    assert _identity(folder / "out") == before
    os.utime(folder / "b.yaml")  # touched, not changed: still up to date
    assert cli_here("build", "b.yaml", "-o", "out", cwd=folder).returncode == 0
    assert _identity(folder / "out") == before


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(path).pages).replace(" ", "")
