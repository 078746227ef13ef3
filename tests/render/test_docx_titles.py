"""Titles and headings in the DOCX break where the PDF breaks them (the sheet's headline): only
between words, also as LibreOffice lays the DOCX out, and `briefmaker import` reads a broken
heading back as the one heading it is."""
from __future__ import annotations

import dataclasses
import re
import zipfile

import pdfplumber
import pytest

from briefmaker import document as d
from briefmaker.build import build, prepare
from briefmaker.importer import import_document
from briefmaker.render.docx import write_docx
from briefmaker.render.docx.ooxml import AUTO_BREAK_XML
from briefmaker.style.sheet import make_sheet

from ..conftest import SEED_BRIEF
from ..office import SOFFICE, convert
from ..text.test_titlebreak import breaks, corpus, gaps
from .test_pdf_titles import grouped

needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def _paragraph_lines(xml: str) -> list[list[str]]:
    """Each paragraph's text, split at the line breaks the writer chose."""
    out = []
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
        text = re.sub(r"<w:t[^>]*>([^<]*)</w:t>", r"\1", paragraph.replace(AUTO_BREAK_XML, "\x00"))
        out.append(re.sub(r"<[^>]+>", "", text).split("\x00"))
    return out


@pytest.fixture(scope="module")
def corpus_docx(tmp_path_factory):
    """The title corpus as titles and headings in a gongwen DOCX, and LibreOffice's PDF of it."""
    _, style, seed = prepare(SEED_BRIEF, "gongwen")
    texts = [annotated.replace("/", "") for annotated in corpus()]
    blocks: list = []
    for i, text in enumerate(texts):
        blocks += [d.Title(text), d.Heading(1, "一、", text, key=f"h{i}")]
    document = dataclasses.replace(seed, blocks=tuple(blocks), running_header="")
    folder = tmp_path_factory.mktemp("titles")
    path = folder / "titles.docx"
    path.write_bytes(write_docx(document, style))
    return style, texts, path, folder


def test_the_docx_breaks_each_title_and_heading_where_the_pdf_does(corpus_docx):
    style, texts, path, _ = corpus_docx
    sheet = make_sheet(style)
    paragraphs = _paragraph_lines(zipfile.ZipFile(path).read("word/document.xml").decode())
    expected = []
    for text in texts:
        expected += [sheet.headline("title", text), sheet.headline("heading1", "一、" + text)]
    found = [p for p in paragraphs if "".join(p).replace(" ", "") in {t.replace(" ", "") for t in
                                                                       [*texts, *("一、" + t for t in texts)]}]
    assert len(found) == len(expected)
    broken = 0
    for lines, headline in zip(found, expected):
        assert [line.strip(" ") for line in lines] == list(headline.lines)
        broken += headline.broken
    assert broken >= 40  # most of the corpus is too long for one line


@needs_office
def test_libreoffice_breaks_no_title_or_heading_inside_a_word(corpus_docx):
    style, texts, path, folder = corpus_docx
    pdf = pdfplumber.open(convert(path, folder / "lo"))
    annotated = corpus()
    for role, prefix in (("title", ""), ("heading1", "一、")):
        lines = _lines_of_size(pdf, style.role(role).size)
        wrong = []
        for note, parts in zip(annotated, grouped(lines, [prefix + t for t in texts])):
            offsets = [o - len(prefix) for o in breaks(parts)]
            if not set(offsets) <= gaps(note):
                wrong.append(" | ".join(parts))
        assert wrong == [], role


def _lines_of_size(pdf, size: float) -> list[list[dict]]:
    """Lines in reading order of the characters at ``size``, in any font (LibreOffice sets the
    digits in the DOCX's Latin font)."""
    lines = []
    for page in pdf.pages:
        rows: dict[float, list] = {}
        for char in page.chars:
            if abs(char["size"] - size) < 0.05 and char["text"].strip():
                rows.setdefault(round(char["bottom"]), []).append(char)
        lines += [sorted(rows[bottom], key=lambda c: c["x0"]) for bottom in sorted(rows)]
    return lines


def test_import_reads_a_broken_heading_back_whole(tmp_path):
    docx = build(SEED_BRIEF, tmp_path, formats=("docx",)).outputs[0]
    assert AUTO_BREAK_XML in zipfile.ZipFile(docx).read("word/document.xml").decode()
    imported = import_document(docx).yaml
    assert "坚持站稳立场 巩固提升 高位推进 不断夯实基层党建基础 确保党的建设高质量发展" in imported
