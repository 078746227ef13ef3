"""Titles and headings in the PDF break only between words: every title of the corpus
(tests/fixtures/titles.txt) set as a title and as a heading in every style, lines read back
from the characters' positions."""
from __future__ import annotations

import dataclasses
import io

import pdfplumber
import pytest

from briefmaker import document as d
from briefmaker.build import prepare
from briefmaker.render.pdf import write_pdf

from ..conftest import SEED_BRIEF
from ..text.test_titlebreak import breaks, corpus, gaps


def read_lines(pdf, fontname: str, size: float) -> list[list[dict]]:
    """Lines in reading order of the characters in ``fontname`` at ``size``."""
    lines = []
    for page in pdf.pages:
        rows: dict[float, list] = {}
        for char in page.chars:
            if char["fontname"].endswith(fontname) and abs(char["size"] - size) < 0.05:
                rows.setdefault(round(char["top"], 1), []).append(char)
        lines += [sorted(rows[top], key=lambda c: c["x0"]) for top in sorted(rows)]
    return lines


def grouped(lines: list[list[dict]], texts: list[str]) -> list[list[str]]:
    """The lines of each of ``texts``, in order."""
    out, current, want = [], [], iter(texts)
    target = next(want)
    for line in lines:
        current.append("".join(c["text"] for c in line))
        if "".join(current) == target:
            out.append(current)
            current, target = [], next(want, None)
    assert len(out) == len(texts), (len(out), current)
    return out


@pytest.fixture(scope="module", params=["gongwen", "jianbao", "report"])
def titles_pdf(request):
    _, style, seed = prepare(SEED_BRIEF, request.param)
    texts = [annotated.replace("/", "") for annotated in corpus()]
    blocks = []
    for i, text in enumerate(texts):
        blocks += [d.Title(text), d.Heading(1, "一、", text, key=f"h{i}"), d.Paragraph((d.Run(text),))]
    data = write_pdf(dataclasses.replace(seed, blocks=tuple(blocks), running_header=""), style)
    return style, pdfplumber.open(io.BytesIO(data))


def _font(style, role: str) -> str:
    return {"song-bold": "Song-Bold", "hei": "Hei-Regular", "kai": "Kai-Regular", "fang": "Fang-Regular"}[
        style.role(role).pdf]


@pytest.mark.parametrize("role", ["title", "heading1"])
def test_no_title_or_heading_line_is_broken_inside_a_word(titles_pdf, role):
    style, pdf = titles_pdf
    lines = read_lines(pdf, _font(style, role), style.role(role).size)
    annotated = corpus()
    prefix = "" if role == "title" else "一、"
    texts = [prefix + a.replace("/", "") for a in annotated]
    wrong, broken = [], 0
    for note, parts in zip(annotated, grouped(lines, texts)):
        offsets = [o - len(prefix) for o in breaks(parts)]
        broken += len(parts) > 1
        if not set(offsets) <= gaps(note):
            wrong.append(" | ".join(parts))
    assert wrong == []
    assert broken >= 20  # the corpus makes the writer break most of them


def test_titles_and_headings_stay_inside_the_type_area(titles_pdf):
    style, pdf = titles_pdf
    left, right = style.margin_left, style.page_width - style.margin_right
    for page in pdf.pages:
        for char in page.chars:
            if char["top"] < style.page_height - style.margin_bottom:
                assert left - 0.5 <= char["x0"] and char["x0"] + style.char_pitch / 2 <= right + 0.5, char["text"]
