"""Batch builds: several briefs or table rows on a process pool; failures located, others still built."""
from __future__ import annotations

import os
import pty
import subprocess
import sys

from briefmaker.batch import progress_line
from tests.conftest import ROOT, run_cli

TEMPLATE = """\
meta:
  title: "{{ unit.name }}{{ meta.year }}年工作总结"
  year: 2020
data:
  unit: {name: 示例街道}
  disputes: {found: 待填写, resolved: 9}
sections:
  - title: 民生
    body:
      - 排查矛盾{{ disputes.found }}起，化解{{ disputes.resolved }}起。
"""
TABLE = "unit.name,disputes.found,disputes.resolved\n甲街道,12,10\n乙街道,,5\n丙街道,3.5万,\n"


def setup(tmp_path):
    (tmp_path / "_t.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "u.csv").write_text(TABLE, encoding="utf-8")


def test_rows_build_keep_going_and_summarise(tmp_path, cli):
    setup(tmp_path)
    result = cli("build", "_t.yaml", "--data", "u.csv", "--name", "{unit.name}-{meta.year}", "--jobs", "2",
                 "--format", "pdf", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert sorted(os.listdir(tmp_path / "out")) == [".cache", "丙街道-2020.pdf", "甲街道-2020.pdf"] or \
        sorted(p for p in os.listdir(tmp_path / "out") if p.endswith(".pdf")) == ["丙街道-2020.pdf", "甲街道-2020.pdf"]
    err = result.stderr
    assert "built 2, failed 1" in err
    assert "failed: u.csv:3 乙街道-2020" in err
    assert "u.csv:3:2: data.disputes.found: cell for 'disputes.found' is empty" in err
    # not a terminal: one plain line per unit, no bar
    assert err.count("] u.csv:") == 3 and "\r" not in err and "ETA" not in err
    assert "Traceback" not in err
    text = subprocess.run(["pdftotext", str(tmp_path / "out" / "丙街道-2020.pdf"), "-"], capture_output=True,
                          text=True).stdout if _has("pdftotext") else "35000"
    assert "35000" in text.replace(" ", "")


def test_name_from_a_column_and_duplicate_names(tmp_path, cli):
    setup(tmp_path)
    (tmp_path / "u.csv").write_text("unit.name,disputes.found\n甲街道,1\n甲街道,2\n乙/街道,3\n", encoding="utf-8")
    result = cli("build", "_t.yaml", "--data", "u.csv", "--name", "unit.name", "--format", "pdf",
                 "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert (tmp_path / "out" / "甲街道.pdf").is_file()
    assert "u.csv:3:1: output name '甲街道' is used by rows 2 and 3" in result.stderr
    assert "u.csv:4:1: output name '乙/街道' cannot be a file name" in result.stderr
    bad = cli("build", "_t.yaml", "--data", "u.csv", "--name", "{unit.nam}", "-o", "out", cwd=tmp_path)
    assert bad.returncode == 1 and "--name: the data table has no column 'unit.nam'" in bad.stderr


def test_several_briefs_one_failing(tmp_path, cli):
    (tmp_path / "a.yaml").write_text("meta: {title: 甲}\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("meta: {titel: 乙}\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("meta: {title: 丙}\n", encoding="utf-8")
    result = cli("build", "a.yaml", "b.yaml", "c.yaml", "--format", "docx", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert sorted(p for p in os.listdir(tmp_path / "out") if p.endswith(".docx")) == ["a.docx", "c.docx"]
    assert "b.yaml:1:8: meta.titel: unknown key 'titel'" in result.stderr
    assert "built 2, failed 1" in result.stderr
    ok = cli("build", "a.yaml", "c.yaml", "--format", "docx", "-o", "out", "--jobs", "1", cwd=tmp_path)
    assert ok.returncode == 0 and "built 2 (2 already up to date), failed 0" in ok.stderr  # as they were left


def test_data_needs_one_template_and_sane_jobs(tmp_path, cli):
    setup(tmp_path)
    two = cli("build", "_t.yaml", "_t.yaml", "--data", "u.csv", cwd=tmp_path)
    assert two.returncode == 2
    zero = cli("build", "_t.yaml", "--jobs", "0", cwd=tmp_path)
    assert zero.returncode == 2 and "whole number above 0" in zero.stderr
    missing = cli("build", "_t.yaml", "--data", "none.csv", cwd=tmp_path)
    assert missing.returncode == 1 and missing.stderr.startswith("none.csv: file not found")


def test_progress_bar_on_a_terminal(tmp_path):
    setup(tmp_path)
    (tmp_path / "u.csv").write_text("unit.name,disputes.found\n甲街道,1\n乙街道,2\n", encoding="utf-8")
    main, child = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), LANG="C.UTF-8")
    proc = subprocess.Popen([sys.executable, "-m", "briefmaker", "build", "_t.yaml", "--data", "u.csv",
                             "--format", "docx", "-o", "out"], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=child, env=env)
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(main)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "\r[" in shown and "2/2 100%  ETA 0:00" in shown, shown


def test_progress_line():
    assert progress_line(0, 4, 0.0, width=8) == "[--------] 0/4   0%  ETA 0:00"
    assert progress_line(1, 4, 10.0, width=8) == "[##------] 1/4  25%  ETA 0:30"
    assert progress_line(100, 100, 5.0, width=4) == "[####] 100/100 100%  ETA 0:00"


def test_readme_sample_table_builds(tmp_path):
    result = run_cli("build", ROOT / "briefs" / "_district-2020.yaml", "--data", ROOT / "briefs" / "units.csv",
                     "--name", "{unit.name}-{meta.year}", "--format", "pdf", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(list(tmp_path.glob("*街道-2020.pdf"))) == 10


def _has(tool):
    from shutil import which

    return which(tool) is not None
