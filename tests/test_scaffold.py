"""`briefmaker new`: a brief for another unit; `check` lists what is to fill; `build` needs --draft."""
from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT


@pytest.fixture
def briefs(tmp_path):
    for name in ("_district-2020.yaml", "fenglin-2020.yaml"):
        shutil.copy(ROOT / "briefs" / name, tmp_path / name)
    return tmp_path


def test_new_check_build_draft(briefs, cli):
    made = cli("new", "--from", "fenglin-2020.yaml", "new.yaml", cwd=briefs)
    assert made.returncode == 0, made.stderr
    text = (briefs / "new.yaml").read_text(encoding="utf-8")
    assert text.count("待填写  #") == 17  # 2 meta values + every one of fenglin's 15 data values
    assert "extends: _district-2020.yaml" in text
    assert "    volunteers: 待填写  # 640" in text

    check = cli("check", "new.yaml", cwd=briefs)
    assert check.returncode == 1
    lines = check.stderr.splitlines()
    assert len(lines) == 17 and all("value still to fill" in line for line in lines)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("  households:"))
    assert f"new.yaml:{line}:15: data.households: value still to fill" in check.stderr

    refused = cli("build", "new.yaml", "-o", "out", cwd=briefs)
    assert refused.returncode == 1 and not (briefs / "out" / "new.pdf").exists()

    draft = cli("build", "new.yaml", "--draft", "-o", "out", cwd=briefs)
    assert draft.returncode == 0, draft.stderr
    import docx
    import pdfplumber

    with pdfplumber.open(briefs / "out" / "new.pdf") as pdf:
        assert len(pdf.pages) >= 2
        for page in pdf.pages:
            assert "草稿" in "".join(c["text"] for c in page.chars)
    header = docx.Document(briefs / "out" / "new.docx").sections[0].header
    assert "草稿" in [p.text for p in header.paragraphs]


def test_filled_scaffold_builds_without_stamp(briefs, cli):
    cli("new", "--from", "fenglin-2020.yaml", "new.yaml", cwd=briefs)
    text = (briefs / "new.yaml").read_text(encoding="utf-8")
    filled = "\n".join(line.replace("待填写", line.split("# ", 1)[1]) if "待填写  #" in line else line
                       for line in text.splitlines())
    (briefs / "new.yaml").write_text(filled, encoding="utf-8")
    assert cli("check", "new.yaml", cwd=briefs).returncode == 0
    built = cli("build", "new.yaml", "--format", "pdf", "-o", "out", cwd=briefs)
    assert built.returncode == 0, built.stderr
    import pdfplumber

    with pdfplumber.open(briefs / "out" / "new.pdf") as pdf:
        assert "草稿" not in "".join(c["text"] for c in pdf.pages[0].chars)


def test_new_from_a_brief_without_template_and_existing_target(tmp_path, cli):
    made = cli("new", "--from", ROOT / "briefs" / "changxing-2020.yaml", "x.yaml", cwd=tmp_path)
    assert made.returncode == 0
    text = (tmp_path / "x.yaml").read_text(encoding="utf-8")
    assert "title: 待填写  # 党建引领扛稳责任 凝心聚力砥砺奋进" in text
    check = cli("check", "x.yaml", cwd=tmp_path)
    assert check.returncode == 1 and "wrong type" not in check.stderr and "expected" not in check.stderr
    again = cli("new", "--from", ROOT / "briefs" / "changxing-2020.yaml", "x.yaml", cwd=tmp_path)
    assert again.returncode == 1 and "x.yaml: 'x.yaml' already exists" in again.stderr
    missing = cli("new", "--from", "nope.yaml", "y.yaml", cwd=tmp_path)
    assert missing.returncode == 1 and missing.stderr.startswith("nope.yaml: file not found")
