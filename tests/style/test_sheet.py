"""One presentation sheet for both writers: a spacing value changed in a style shows in the PDF
and in the DOCX alike, because both translate the same sheet."""
import re
import zipfile

import pdfplumber
import pytest

from briefmaker import build
from briefmaker.style import get_style
from briefmaker.style.sheet import make_sheet

BRIEF = """\
meta: {title: 街道工作动态, unit: 长兴路街道办事处, date: 2020-12-31}
style: pitch.yaml
opening:
  - {text}
"""
LONG = "今年以来，街道坚持以党的建设为引领，全力以赴抗击新冠肺炎疫情，保持了辖区经济社会各项事业稳定健康发展。" * 3


def _built(folder, pitch: int):
    folder.mkdir()
    (folder / "pitch.yaml").write_text(f"extends: report\npage: {{line_pitch: {pitch}}}\n", encoding="utf-8")
    (folder / "b.yaml").write_text(BRIEF.replace("{text}", LONG), encoding="utf-8")
    return build(folder / "b.yaml", folder / "out")


def _pdf_body_pitch(path) -> float:
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[-1]
        tops = sorted({round(c["top"], 1) for c in page.chars if abs(c["size"] - 15) < 0.1})
    steps = {round(b - a, 1) for a, b in zip(tops, tops[1:])}
    assert len(steps) == 1, steps  # the opening paragraph's lines, evenly spaced
    return steps.pop()


def _docx_body_pitch(path) -> float:
    styles = zipfile.ZipFile(path).read("word/styles.xml").decode()
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles).group(0)
    return int(re.search(r'w:line="(\d+)"', normal).group(1)) / 20


@pytest.mark.parametrize("pitch", [26, 31])
def test_a_line_pitch_changed_in_a_style_shows_in_both_formats(tmp_path, pitch):
    result = _built(tmp_path / str(pitch), pitch)
    docx_path, pdf_path = result.outputs
    assert _pdf_body_pitch(pdf_path) == pytest.approx(pitch, abs=0.1)
    assert _docx_body_pitch(docx_path) == pytest.approx(pitch, abs=0.05)


def test_indents_are_counted_in_the_paragraphs_own_characters():
    sheet = make_sheet(get_style("report"))
    heading, body = sheet.para("heading1"), sheet.para("body")
    assert heading.pt(heading.first_indent) == 2 * heading.font.size  # not the body's characters
    assert body.pt(body.first_indent) == 2 * body.font.size
    grid = make_sheet(get_style("gongwen"))
    assert grid.para("body").on_grid and grid.para("body").char_width == pytest.approx(156 * 72 / 25.4 / 28)
    assert not grid.para("table").on_grid
    assert grid.caption_place == {"table": "above", "chart": "below", "image": "below"}
