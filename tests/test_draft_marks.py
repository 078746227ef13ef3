"""Drafts that show what is missing (1.1): `new --from` + `build --draft` prints the template's
value for each value still to fill, set apart where it appears, and flags prose naming it."""
import zipfile

import pdfplumber
import pytest

from briefmaker import build
from briefmaker.build import prepare
from briefmaker.scaffold import scaffold

TEMPLATE = """\
version: 1.1
meta: {title: "{{ unit.name }}工作总结", unit: 示例街道办事处, year: 2020}
data:
  unit: {name: 示例街道}
  households: 30000
  cadres: 200
opening:
  - 对辖区{{ households | wan }}户居民开展“敲门行动”，组织干部{{ cadres }}人。
  - 示例街道全体干部奋力拼搏。
sections:
  - title: 组织有力。
    run_in: true
    body: ["{{ unit.name }}的{{ cadres }}名干部。"]
"""
UNIT = "extends: _t.yaml\nmeta: {unit: 甲街道办事处}\ndata: {unit: {name: 甲街道}, households: 18500, cadres: 150}\n"


@pytest.fixture
def draft(tmp_path):
    (tmp_path / "_t.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(UNIT, encoding="utf-8")
    scaffold(tmp_path / "a.yaml", tmp_path / "new.yaml")
    return tmp_path / "new.yaml"


def test_each_value_still_to_fill_is_a_run_of_its_own(draft):
    _, _, document = prepare(draft, draft=True)
    first = document.blocks[1]
    assert [(r.text, r.role) for r in first.runs] == [
        ("对辖区", "plain"), ("3万", "unfilled"), ("户居民开展“敲门行动”，组织干部", "plain"), ("200", "unfilled"), ("人。", "plain")]
    heading = next(b for b in document.blocks if type(b).__name__ == "Heading")
    assert [r.role for r in heading.runs] == ["unfilled", "plain", "unfilled", "plain"]
    assert document.blocks[0].text == "示例街道工作总结"  # titles print the value, without marks


def test_the_pdf_colours_them_and_the_docx_highlights_them(draft, tmp_path):
    result = build(draft, tmp_path / "out", draft=True)
    pdf = next(p for p in result.outputs if p.suffix == ".pdf")
    with pdfplumber.open(str(pdf)) as document:
        chars = document.pages[0].chars
    coloured = "".join(c["text"] for c in chars if c["non_stroking_color"] not in ((0,), (0, 0, 0), [0], [0, 0, 0], 0))
    assert "3万" in coloured and "200" in coloured and "敲门" not in coloured
    docx = next(p for p in result.outputs if p.suffix == ".docx")
    with zipfile.ZipFile(docx) as z:
        body, styles = z.read("word/document.xml").decode(), z.read("word/styles.xml").decode()
    assert body.count('<w:rStyle w:val="Unfilled"/>') == 4
    assert '<w:highlight w:val="yellow"/>' in styles


def test_prose_naming_the_template_unit_is_flagged_for_review(draft, tmp_path):
    result = build(draft, tmp_path / "out", draft=True)
    flagged = [(w.location.path, w.code, w.params["name"]) for w in result.warnings]
    assert flagged == [("opening[1]", "draft_names_source", "示例街道")]
    assert "示例街道" in result.warnings[0].text("zh") and result.warnings[0].severity == "warning"


def test_a_version_1_draft_is_unchanged(tmp_path):
    (tmp_path / "_t.yaml").write_text(TEMPLATE.replace("version: 1.1\n", "").replace("    run_in: true\n", ""),
                                      encoding="utf-8")
    (tmp_path / "a.yaml").write_text(UNIT, encoding="utf-8")
    scaffold(tmp_path / "a.yaml", tmp_path / "new.yaml")
    loaded, _, document = prepare(tmp_path / "new.yaml", draft=True)
    assert loaded.unfilled == ()
    assert all(r.role == "plain" for r in document.blocks[1].runs)
