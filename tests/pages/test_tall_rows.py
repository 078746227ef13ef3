"""A table row taller than the room left on a page is cut where the page ends (issue 15 item 5),
its header repeated above the rest on the next page; the DOCX lets exactly the rows the PDF cut
break (no w:cantSplit), so LibreOffice cuts them too and lays the DOCX out on as many pages."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from briefmaker import document as d
from briefmaker.build import build, prepare
from briefmaker.render.pdf import PdfWriter

from ..office import SOFFICE
from .same import compare, texts

BRIEF = Path(__file__).parent / "briefs" / "tall-rows.yaml"
# measured: LibreOffice fits one character more on a body line with several digit runs (its gap
# between Han and digits is a fifth of the size, the PDF's a quarter em), so a paragraph above
# the first table is a line shorter there and the pages part differently
NOT_YET = {"jianbao": "a body line with four digit runs holds one character more in LibreOffice"}


def _rows(docx: Path) -> list[str]:
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    return re.findall(r"<w:tr>(?:<w:trPr/>|<w:trPr>.*?</w:trPr>)", xml)


@pytest.mark.parametrize("style", ["gongwen", "jianbao", "report"])
def test_the_pdf_cuts_rows_and_the_docx_lets_exactly_those_break(style, tmp_path):
    _, resolved, document = prepare(BRIEF, style)
    writer = PdfWriter(document, resolved)
    writer.write()
    cut = writer.pagination.split_rows
    assert sum(len(rows) for rows in cut.values()) >= 1
    docx, pdf = build(BRIEF, tmp_path, style=style).outputs
    rows = _rows(docx)
    assert sum("cantSplit" not in row for row in rows) == sum(len(r) for r in cut.values())
    tables = sum(isinstance(b, d.Figure) and isinstance(b.content, d.TableData) for b in document.blocks)
    assert sum("tblHeader" in row for row in rows) == tables  # each table's header row repeats
    # a page a table runs on to shows its header row again: more headers than tables
    assert sum(page.count("项目数量单位备注") for page in texts(pdf)) > tables


def _cases():
    for style in ["gongwen", "jianbao", "report"]:
        marks = [pytest.mark.xfail(reason=NOT_YET[style], strict=True)] if style in NOT_YET else []
        yield pytest.param(style, marks=marks, id=style)


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed (.ci/run installs it)")
@pytest.mark.parametrize("style", list(_cases()))
def test_libreoffice_cuts_the_same_rows(style, tmp_path):
    docx, pdf = build(BRIEF, tmp_path, style=style).outputs
    ours, office, _, _ = compare(docx, pdf, tmp_path / "lo")
    assert office == ours
