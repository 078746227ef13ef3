"""The same pages (issue 16 item 2): LibreOffice lays our DOCX out on as many pages as our PDF
has, for every sample brief in every built-in style, and the report style's contents list the
pages LibreOffice puts the headings on (same.py)."""
from __future__ import annotations

import pytest

from briefmaker.build import build

from ..office import SOFFICE
from .same import compare
from .test_full_pages import SAMPLES, STYLES

pytestmark = pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed (.ci/run installs it)")


NOT_YET: dict[tuple[str, str], str] = {}  # measured: every sample in every style


def _cases():
    for brief in SAMPLES:
        for style in STYLES:
            reason = NOT_YET.get((brief.stem, style))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            yield pytest.param(brief, style, marks=marks, id=f"{brief.stem}-{style}")


@pytest.mark.parametrize("brief, style", list(_cases()))
def test_libreoffice_paginates_the_docx_as_the_pdf(brief, style, tmp_path):
    docx, pdf = build(brief, tmp_path, style=style).outputs
    ours, office, entries, wrong = compare(docx, pdf, tmp_path / "lo")
    assert office == ours
    if style == "report":
        assert entries >= 4 and wrong == []
