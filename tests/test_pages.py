"""The same pages: LibreOffice lays our DOCX out on as many pages as our PDF has, for every
sample brief in every built-in style, and the DOCX contents list the pages it puts headings on."""
from __future__ import annotations

import re

import pdfplumber
import pytest

from briefmaker import build

from .conftest import ROOT
from .office import SOFFICE, convert

pytestmark = pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed (.ci/run installs it)")

BRIEFS = sorted(p for p in (ROOT / "briefs").glob("*.yaml") if not p.name.startswith("_"))
# measured 5 pages against 4: the report style's last page holds the distribution list alone
LONGER = {("qingtong-2020", "report")}


def _texts(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [(page.extract_text() or "").replace(" ", "") for page in pdf.pages]


@pytest.mark.parametrize("style", ["gongwen", "jianbao", "report"])
@pytest.mark.parametrize("brief", BRIEFS, ids=lambda p: p.stem)
def test_libreoffice_paginates_the_docx_as_the_pdf(tmp_path, brief, style):
    if (brief.stem, style) in LONGER:
        pytest.xfail("one page more in LibreOffice (measured); see the issue's report")
    docx, pdf = build(brief, tmp_path, style=style).outputs
    office = _texts(convert(docx, tmp_path / "lo"))
    ours = _texts(pdf)
    assert len(office) == len(ours)
    if style == "report":  # the contents' page numbers are where LibreOffice puts the headings
        contents = next(i for i, text in enumerate(office) if "目" in text and "录" in text)
        entries = re.findall(r"^(.+?)[.…]{2,}(\d+)$", office[contents], re.M)
        assert entries
        for text, number in entries:
            text = text.strip(".…")
            page = next(i + 1 for i in range(contents + 1, len(office)) if text in office[i].replace("\n", ""))
            assert page == int(number), (text, page, number)
