"""The gongwen style measured from the files, not from the style: GB/T 9704 to the millimetre."""
from __future__ import annotations

import collections
import zipfile

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from briefmaker import build

MM = 72 / 25.4
PITCH = 156 * MM / 28  # one grid character
LINE = 225 * MM / 22  # one grid line
TEXT = "党建引领扛稳责任凝心聚力砥砺奋进长兴路街道着力绘好高质量发展时代工笔画坚持站稳立场巩固提升高位推进"


@pytest.fixture(scope="module")
def grid_pdf(tmp_path_factory):
    """A brief of plain long paragraphs: every page but the last must be a full grid page."""
    folder = tmp_path_factory.mktemp("grid")
    paragraphs = "\n".join(f"  - {TEXT * 3}{i}。" for i in range(30))
    (folder / "grid.yaml").write_text(f"meta: {{title: 网格测试}}\nopening:\n{paragraphs}\n", encoding="utf-8")
    result = build(folder / "grid.yaml", folder / "out", formats=("pdf", "docx"))
    return result.outputs[1], result.outputs[0]


def body_lines(page):
    lines = collections.defaultdict(list)
    for char in page.chars:
        if 15.9 < char["size"] < 16.1 and char["top"] < (297 - 35) * MM:
            lines[round(char["top"], 1)].append(char)
    return [sorted(lines[top], key=lambda c: c["x0"]) for top in sorted(lines)]


def test_pages_are_a4(grid_pdf):
    with pdfplumber.open(str(grid_pdf[0])) as pdf:
        for page in pdf.pages:
            assert (round(page.width / MM), round(page.height / MM)) == (210, 297)


def test_full_pages_hold_22_lines_on_the_grid(grid_pdf):
    with pdfplumber.open(str(grid_pdf[0])) as pdf:
        pages = pdf.pages
        assert len(pages) >= 3
        for page in pages[1:-1]:
            lines = body_lines(page)
            assert len(lines) == 22, page.page_number
            first = lines[0][0]["top"]
            assert abs(first / MM - 37) <= 1.0  # first line's top at 37 mm ± 1
            for index, line in enumerate(lines):
                assert abs(line[0]["top"] - (first + index * LINE)) < 0.3


def test_full_lines_hold_28_characters_flush_to_both_edges(grid_pdf):
    with pdfplumber.open(str(grid_pdf[0])) as pdf:
        checked = 0
        for page in pdf.pages[1:-1]:
            for line in body_lines(page):
                if len(line) < 20:
                    continue  # a paragraph's last line
                text = "".join(c["text"] for c in line)
                indented = abs(line[0]["x0"] / MM - 28 - 2 * PITCH / MM) <= 0.5
                assert indented or abs(line[0]["x0"] / MM - 28) <= 0.5
                full = 26 if indented else 28  # a first line starts two characters in
                assert len(text) in (full - 1, full, full + 1), text
                right = line[-1]["x0"] + (PITCH if line[-1]["text"] not in "，。、" else PITCH / 2)
                assert abs(right / MM - 184) <= 0.5, text
                checked += 1
        assert checked > 40


def test_page_numbers_odd_right_even_left_7mm_below(grid_pdf):
    with pdfplumber.open(str(grid_pdf[0])) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if c["top"] > (297 - 35) * MM]
            text = "".join(c["text"] for c in chars).replace(" ", "")
            assert text == f"—{page.page_number}—"
            one_char = 14  # 4号
            if page.page_number % 2:
                assert abs(max(c["x1"] for c in chars) - (184 * MM - one_char)) < 1.5
            else:
                assert abs(min(c["x0"] for c in chars) - (28 * MM + one_char)) < 1.5
            below = min(c["top"] for c in chars) / MM - (297 - 35)
            assert 6 <= below <= 8


def test_docx_page_setup_and_body_style(grid_pdf):
    document = docx.Document(str(grid_pdf[1]))
    section = document.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    margins = (section.top_margin.twips, section.left_margin.twips, section.right_margin.twips,
               section.bottom_margin.twips)
    for got, want in zip(margins, (2098, 1588, 1474, 1984)):
        assert abs(got - want) <= 20
    grid = section._sectPr.find(qn("w:docGrid"))
    assert abs(int(grid.get(qn("w:linePitch"))) - round(LINE * 20)) <= 1
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert not [a for a in fonts.attrib if a.endswith("Theme}") or "Theme" in a]
    indent = normal.element.pPr.find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200"
    for level, family in ((1, "黑体"), (2, "楷体_GB2312")):
        rfonts = document.styles[f"Heading {level}"].element.rPr.find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsia")) == family
        assert not [a for a in rfonts.attrib if "Theme" in a]


def test_docx_odd_and_even_footers_hold_page_fields(grid_pdf):
    with zipfile.ZipFile(grid_pdf[1]) as archive:
        settings = archive.read("word/settings.xml").decode()
        footers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")]
    assert "evenAndOddHeaders" in settings
    with_page = [f for f in footers if "PAGE" in f and "—" in f]
    assert len(with_page) >= 2
    assert any('w:val="right"' in f for f in with_page) and any('w:val="left"' in f for f in with_page)
