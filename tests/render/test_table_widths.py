"""Tables that fit their content, read back from both outputs: the PDF's column rules, the
DOCX's w:tblGrid and cell widths, and the rules LibreOffice draws from the DOCX.

Columns take their widths from the content (min- and max-content, CSS 2.1 automatic layout): a
table whose cells all fit on one line is that wide and centred, one with long text fills the
type area, and the PDF and the DOCX have the same widths to the twip. Figures are right-aligned
in their cells, text left-aligned.
"""
from __future__ import annotations

import dataclasses
import io

import docx
import pdfplumber
import pytest

from briefmaker import document as d
from briefmaker.build import prepare
from briefmaker.render.docx import write_docx
from briefmaker.render.pdf import write_pdf
from briefmaker.style import MM

from ..conftest import SEED_BRIEF
from ..office import SOFFICE, convert

PAD = 6.0  # pt each side of a cell's text, in both writers
LONG = "按照“序化、洁化、绿化、亮化”要求，对辖区道路持续开展排查整治，加强绿化日常管养，全面提升辖区绿化景观品质"

TABLES = [
    ("表1 主要数据", ("项目", "数量", "单位"),
     (("道路综合改造工程", "19", "条"), ("王寨街工程进度", "90%", "—"), ("栽植月季", "12000多", "棵"),
      ("微景观绿化面积", "1300", "平方米"), ("规划车位", "700余", "个"))),
    ("表2 重点工作", ("工作", "完成量", "同比"),
     ((LONG, "1,300", "12.5%"), ("建成集中停车场", "4", "−3.2%"), (LONG[:30], "223", "100%"))),
    ("表3 各社区数据", ("社区", "2019年", "2020年", "增加", "增幅"),
     tuple((f"第{i}社区", f"{1000 + 37 * i:,}", f"{1200 + 41 * i:,}", f"{200 + 4 * i}", f"{16 + i / 10:.1f}%")
           for i in range(1, 7))),
    ("表4 各项任务", ("任务", "牵头单位", "配合单位", "完成时限"),
     (("老旧小区改造提质", "街道城建办和社区居委会", "区住建局、区城管局、各物业服务企业", "2021年6月底"),
      ("背街小巷环境整治", "街道城管科", "辖区各社区居委会及驻区单位", "2021年9月底"))),
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    _, style, seed = prepare(SEED_BRIEF, "gongwen")
    blocks: list = []
    for caption, columns, rows in TABLES:
        if blocks:
            blocks.append(d.PageBreak())
        blocks.append(d.Figure(d.TableData(columns, rows), caption, caption_place="above"))
    document = dataclasses.replace(seed, blocks=tuple(blocks), running_header="")
    folder = tmp_path_factory.mktemp("tables")
    (folder / "tables.docx").write_bytes(write_docx(document, style))
    return style, write_pdf(document, style), folder / "tables.docx"


def _tables_in_pdf(pdf) -> dict[str, tuple[list[float], list[list[dict]]]]:
    """Per caption: the x of each vertical rule of the table under it, and its lines of
    characters (top to bottom, the header's first), each line's characters left to right."""
    found = {}
    for page in pdf.pages:
        text = page.extract_text() or ""
        caption = next((c for c, _, _ in TABLES if c.replace(" ", "") in text.replace(" ", "")), None)
        if caption is None or caption in found:
            continue
        rules = sorted({round(line["x0"], 1) for line in page.lines if abs(line["x0"] - line["x1"]) < 0.01})
        top = min(line["top"] for line in page.lines)
        bottom = max(line["bottom"] for line in page.lines)
        rows: dict[int, list] = {}
        for char in page.chars:
            if top < char["top"] < bottom and rules[0] < char["x0"] < rules[-1] and char["text"].strip():
                rows.setdefault(round(char["top"]), []).append(char)
        found[caption] = (rules, [sorted(rows[t], key=lambda c: c["x0"]) for t in sorted(rows)])
    return found


def _docx_widths(path) -> list[tuple[list[int], list[list[int]], int]]:
    """Per table: w:gridCol widths, each row's w:tcW widths, and w:tblW (all twips)."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    out = []
    for table in docx.Document(str(path)).tables:
        grid = [int(col.get(w + "w")) for col in table._tbl.tblGrid]
        cells = [[int(tc.find(f"{w}tcPr/{w}tcW").get(w + "w")) for tc in tr.findall(w + "tc")]
                 for tr in table._tbl.findall(w + "tr")]
        width = int(table._tbl.tblPr.find(w + "tblW").get(w + "w"))
        out.append((grid, cells, width))
    return out


def _figures_right_text_left(rules: list[float], lines: list[list[dict]], numeric: list[bool],
                             tolerance: float) -> list[str]:
    """Where a body line's cell text is not where its column's alignment puts it."""
    wrong = []
    for line in lines[1:]:  # the header is centred
        for column, (left, right) in enumerate(zip(rules, rules[1:])):
            chars = [c for c in line if left < c["x0"] < right]
            if not chars:
                continue
            if numeric[column] and abs(right - PAD - chars[-1]["x1"]) > tolerance:
                wrong.append(f"{''.join(c['text'] for c in chars)} ends {right - chars[-1]['x1']:.2f} pt from its rule")
            if not numeric[column] and abs(chars[0]["x0"] - left - PAD) > tolerance:
                wrong.append(f"{''.join(c['text'] for c in chars)} starts {chars[0]['x0'] - left:.2f} pt in")
    return wrong


NUMERIC = {"表1 主要数据": [False, True, False], "表2 重点工作": [False, True, True],
           "表3 各社区数据": [False, True, True, True, True], "表4 各项任务": [False] * 4}


def test_pdf_columns_fit_their_content(outputs):
    style, pdf_bytes, _ = outputs
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        tables = _tables_in_pdf(pdf)
    assert set(tables) == {c for c, _, _ in TABLES}
    centre = style.margin_left + style.type_width / 2
    for (caption, columns, rows) in TABLES:
        rules, lines = tables[caption]
        widths = [b - a for a, b in zip(rules, rules[1:])]
        assert len(widths) == len(columns)
        assert (rules[0] + rules[-1]) / 2 == pytest.approx(centre, abs=0.2)  # centred
        if caption in ("表1 主要数据", "表3 各社区数据"):  # everything fits on one line: no wider than that
            assert rules[-1] - rules[0] < style.type_width - 20
            assert len(lines) == 1 + len(rows)  # one line per row: nothing wraps
        else:  # long text: the whole type area, the long column the widest
            assert rules[-1] - rules[0] == pytest.approx(style.type_width, abs=0.2)
        if caption == "表2 重点工作":
            assert widths[0] > 3 * (widths[1] + widths[2])
            for figure in ("1,300", "12.5%", "−3.2%", "完成量"):  # figures and their header unbroken
                assert any(figure in "".join(c["text"] for c in line) for line in lines), figure
        assert _figures_right_text_left(rules, lines, NUMERIC[caption], 0.3) == []


def test_docx_widths_are_the_pdfs(outputs):
    _, pdf_bytes, docx_path = outputs
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        tables = _tables_in_pdf(pdf)
    widths = _docx_widths(docx_path)
    assert len(widths) == len(TABLES)
    for (caption, _, rows), (grid, cells, total) in zip(TABLES, widths):
        rules = tables[caption][0]
        pdf_twips = [round((b - a) * 20) for a, b in zip(rules, rules[1:])]
        assert all(abs(g - p) <= 2 for g, p in zip(grid, pdf_twips)), (caption, grid, pdf_twips)  # 0.1 pt
        assert all(row == grid for row in cells)  # every cell agrees with w:tblGrid (WPS reads the grid)
        assert total == sum(grid) and len(cells) == 1 + len(rows)


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed (.ci/run installs it)")
def test_libreoffice_draws_the_pdfs_columns(outputs, tmp_path):
    _, pdf_bytes, docx_path = outputs
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        ours = _tables_in_pdf(pdf)
    with pdfplumber.open(str(convert(docx_path, tmp_path))) as pdf:
        theirs = _tables_in_pdf(pdf)
    assert set(theirs) == set(ours)
    for caption, (rules, lines) in theirs.items():
        assert rules == pytest.approx(ours[caption][0], abs=0.5 * MM), caption
        assert _figures_right_text_left(rules, lines, NUMERIC[caption], 0.5 * MM) == []
