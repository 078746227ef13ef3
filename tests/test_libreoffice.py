"""LibreOffice as a real client of our DOCX: it opens the file and lays out the whole text."""
from __future__ import annotations

import re
import shutil
import subprocess

import pdfplumber
import pytest

from briefmaker import build
from briefmaker.style import get_style

from .office import SOFFICE, convert
from .conftest import SEED_BRIEF, SEED_TEXT
from .seedtext import missing_in_order, seed_sentences

pytestmark = pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed (.ci/run installs it)")


def _no_marks(text: str) -> str:
    return re.sub(r"[，。、；：！？“”‘’（）《》]", "", text)


@pytest.mark.parametrize("style", ["gongwen", "jianbao", "report"])
def test_libreoffice_converts_the_seed_docx_with_all_its_text(tmp_path, style):
    result = build(SEED_BRIEF, tmp_path, formats=("docx", "pdf"), style=style)
    docx_path = tmp_path / "changxing-2020.docx"
    converted = tmp_path / "lo"
    pdf_path = convert(docx_path, converted)
    assert pdf_path.is_file()
    with pdfplumber.open(str(pdf_path)) as pdf:
        # the type area only: running headers and page numbers would cut sentences at page ends
        area = get_style(style)
        text = "\n".join(page.crop((0, area.margin_top - 8, page.width,
                                      page.height - area.margin_bottom + 8)).extract_text() or ""
                         for page in pdf.pages)
        pages = len(pdf.pages)
        shapes = sum(len(page.rects) + len(page.curves) for page in pdf.pages)
    with pdfplumber.open(str(result.outputs[1])) as ours:
        our_pages = len(ours.pages)
    # LibreOffice hangs some line-end marks into the margin, and text extraction then files them
    # on a neighbouring line; compare the words, which is what this test is about
    words = [_no_marks(s) for s in seed_sentences(SEED_TEXT)]
    assert missing_in_order(words, _no_marks(text)) == []
    assert shapes >= 10  # the charts (native Word charts, drawn as vector shapes) were drawn
    # same page setup, the same heights, figures where the PDF set them: the same pages
    # (tests/pages/test_same_pages.py checks every sample)
    assert pages == our_pages, (pages, our_pages)
