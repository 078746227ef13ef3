"""The seed article built end to end: both outputs carry the whole text, in order, drawable."""
from __future__ import annotations

import io
import zipfile

import docx
import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from briefmaker import build
from briefmaker.fonts import FONT_FILES, coverage, font_path

from .conftest import SEED_BRIEF, SEED_TEXT
from .seedtext import missing_in_order, seed_sentences


@pytest.fixture(scope="module")
def seed_outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    result = build(SEED_BRIEF, out)
    return out / "changxing-2020.docx", out / "changxing-2020.pdf", result


@pytest.fixture(scope="module")
def sentences():
    found = seed_sentences(SEED_TEXT)
    assert len(found) > 60
    return found


def docx_text(path) -> str:
    document = docx.Document(str(path))
    return "\n".join(p.text for p in document.paragraphs)


def pdf_text(path) -> str:
    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_docx_has_every_sentence_in_order(seed_outputs, sentences):
    assert missing_in_order(sentences, docx_text(seed_outputs[0])) == []


def test_pdf_has_every_sentence_in_order(seed_outputs, sentences):
    assert missing_in_order(sentences, pdf_text(seed_outputs[1])) == []


def test_the_comparison_would_notice_a_dropped_sentence(sentences, seed_outputs):
    text = docx_text(seed_outputs[0]).replace(sentences[40], "")
    assert missing_in_order(sentences, text) == [sentences[40]]


def _postscript_names() -> dict[str, str]:
    names = {}
    for key in FONT_FILES:
        with TTFont(font_path(key), lazy=True) as font:
            names[font["name"].getDebugName(6)] = key
    return names


def test_pdf_draws_every_character_from_a_font_that_has_it(seed_outputs):
    names = _postscript_names()
    with pdfplumber.open(str(seed_outputs[1])) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    assert len(chars) > 3000
    for char in chars:
        base = char["fontname"].split("+", 1)[-1]
        assert base in names, f"unexpected font {char['fontname']}"
        for ch in char["text"]:
            assert ord(ch) in coverage(names[base]), f"{ch!r} drawn from {base}, which lacks it"


def test_pdf_embeds_only_bundled_fonts(seed_outputs):
    names = _postscript_names()
    with pdfplumber.open(str(seed_outputs[1])) as pdf:
        fonts = {c["fontname"].split("+", 1)[-1] for page in pdf.pages for c in page.chars}
    assert fonts <= set(names)


def test_lead_sentences_are_bold_in_the_docx(seed_outputs):
    document = docx.Document(str(seed_outputs[0]))
    leads = [r.text for p in document.paragraphs for r in p.runs if r.style.name == "Lead Sentence"]
    assert "抓好支部建设，筑牢组织基础。" in leads
    assert document.styles["Lead Sentence"].font.bold is True


def test_charts_are_vector_in_pdf_and_pictures_with_alt_text_in_docx(seed_outputs):
    with pdfplumber.open(str(seed_outputs[1])) as pdf:
        assert sum(len(page.images) for page in pdf.pages) == 0
        shapes = sum(len(page.curves) + len(page.rects) + len(page.lines) for page in pdf.pages)
        text = "".join(page.extract_text() for page in pdf.pages).replace(" ", "")
    assert shapes > 20  # bars, wedges and axes drawn as paths
    for label in ("疫情防控投入力量（人）", "志愿者", "1200", "98%"):  # chart text is text
        assert label in text, label
    document = docx.Document(str(seed_outputs[0]))
    shapes = document.inline_shapes
    assert len(shapes) >= 5
    for shape in shapes:
        descr = shape._inline.docPr.get("descr")
        assert descr and "：" in descr


def test_pdf_text_is_extractable_chinese(seed_outputs):
    text = pdf_text(seed_outputs[1])
    assert "长兴路街道" in text
    assert "\ufffd" not in text


def test_docx_is_a_valid_zip_with_fixed_timestamps(seed_outputs):
    with zipfile.ZipFile(seed_outputs[0]) as archive:
        assert archive.testzip() is None
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
