"""A figure the PDF (and so the DOCX) set after the text that filled its page goes back to its
place in the brief when briefmaker's own DOCX is imported."""
from __future__ import annotations

import zipfile

from briefmaker import build
from briefmaker.brief.load import load_brief
from briefmaker.build import prepare
from briefmaker.render.pdf import PdfWriter

from ..conftest import SEED_BRIEF
from .roundtrip import import_and_build


def _kinds(sections) -> list[str]:
    out = []
    for section in sections:
        out += [type(item).__name__ for item in section.body]
        out += _kinds(section.sections)
    return out


def test_a_moved_figure_is_put_back_where_the_brief_has_it(tmp_path):
    _, style, document = prepare(SEED_BRIEF, "gongwen")
    writer = PdfWriter(document, style)
    writer.write()
    moved = writer.pagination.moved(len(document.blocks))
    assert moved  # the seed in gongwen has charts that do not fit their page

    built = build(SEED_BRIEF, tmp_path / "first", ("docx",), style="gongwen")
    docx_path = next(p for p in built.outputs if p.suffix == ".docx")
    xml = zipfile.ZipFile(docx_path).read("word/document.xml").decode()
    for index in moved:
        assert f'w:name="_FloatFrom{index}"' in xml and f'w:name="_Float{index}"' in xml
    # in the DOCX the moved chart stands after the paragraph that follows it in the brief
    chart = document.blocks[min(moved)]
    after = next(b for b in document.blocks[min(moved) + 1:] if type(b).__name__ == "Paragraph")
    assert xml.index(after.runs[-1].text[-8:]) < xml.index(chart.caption)

    brief, _, _ = import_and_build(docx_path, tmp_path / "again")
    seed = load_brief(SEED_BRIEF).brief
    # the importer files the closing paragraph under the last section
    want = _kinds(seed.sections) + [type(item).__name__ for item in seed.closing]
    assert _kinds(load_brief(brief).brief.sections) == want
