"""The signature and date where GB/T 9704-2012 7.3.5.2 puts them, read back from character
positions: in our PDF, and in the PDF LibreOffice lays out from our DOCX.

The rule (unsealed, one organ): the organ's name ends two characters in from the type area's
right edge; the date, on the next line, starts two characters right of the name's first
character; when the date is longer than the name, the date ends two characters in and the name
moves in to keep the date's start two characters right of its own.
"""
from __future__ import annotations

import dataclasses
import io

import pdfplumber
import pytest

from briefmaker import document as d
from briefmaker.build import prepare
from briefmaker.render.docx import write_docx
from briefmaker.render.pdf import write_pdf
from briefmaker.style import MM

from ..conftest import SEED_BRIEF
from ..office import SOFFICE, convert

TOLERANCE = 0.5 * MM

# (organ, date): names shorter and longer than their dates, Han only and with digits
CASES = [
    ("长兴路街道办事处", "2020年12月31日"),  # the seed's: the date (gaps around its digits) is longer
    ("某某市发展和改革委员会", "2021年1月5日"),  # the name is longer
    ("财政局", "2019年10月8日"),  # a short name
    ("中共某某区委员会办公室", "2022年7月1日"),
    ("第2中学", "2018年11月30日"),  # digits in the name
]


def _document(style_name: str):
    _, style, seed = prepare(SEED_BRIEF, style_name)
    blocks = []
    for unit, date in CASES:
        blocks += [d.Paragraph((d.Run("以上报告，请审阅。" * 3),)), d.Signature(unit, date)]
    return style, dataclasses.replace(seed, blocks=tuple(blocks), running_header="")


def _lines(pdf) -> dict[str, tuple[float, float, float, int]]:
    """Each line of text: (first character's x0, last character's x1, top, page)."""
    lines = {}
    for page in pdf.pages:
        rows: dict[int, list] = {}
        for char in page.chars:
            if char["text"].strip():
                rows.setdefault(round(char["top"]), []).append(char)
        for top, chars in rows.items():
            chars.sort(key=lambda c: c["x0"])
            lines["".join(c["text"] for c in chars)] = (chars[0]["x0"], chars[-1]["x1"], top, page.page_number)
    return lines


def _check(pdf, style) -> list[str]:
    """What of 7.3.5.2 ``pdf`` breaks, in words (empty: every case within 0.5 mm)."""
    role = style.role("signature")
    char = style.char_pitch if style.grid and abs(role.size - style.role("body").size) < 0.01 else role.size
    right = style.page_width - style.margin_right
    lines = _lines(pdf)
    wrong = []
    for unit, date in CASES:
        assert unit in lines and date in lines, (unit, date, sorted(lines)[:20])
        (u0, u1, u_top, u_page), (d0, d1, d_top, d_page) = lines[unit], lines[date]
        assert u_page == d_page and 0 < d_top - u_top < 2 * style.line_pitch, (unit, u_top, d_top)
        offsets = {"date start - name start": d0 - u0}
        if d1 - d0 > u1 - u0:
            offsets["date's right space"] = right - d1
        else:
            offsets["name's right space"] = right - u1
        for what, value in offsets.items():
            if abs(value - 2 * char) > TOLERANCE:
                wrong.append(f"{unit}/{date}: {what} {value / MM:.2f} mm, not {2 * char / MM:.2f} mm")
    return wrong


@pytest.mark.parametrize("style_name", ["gongwen", "jianbao", "report"])
def test_pdf_signature_follows_7_3_5_2(style_name):
    style, document = _document(style_name)
    with pdfplumber.open(io.BytesIO(write_pdf(document, style))) as pdf:
        assert _check(pdf, style) == []


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed (.ci/run installs it)")
@pytest.mark.parametrize("style_name", ["gongwen", "report"])
def test_docx_signature_follows_7_3_5_2_in_libreoffice(tmp_path, style_name):
    style, document = _document(style_name)
    source = tmp_path / "signature.docx"
    source.write_bytes(write_docx(document, style))
    with pdfplumber.open(str(convert(source, tmp_path / "lo"))) as pdf:
        assert _check(pdf, style) == []


def test_docx_signature_lines_are_placed_from_the_left_in_twips():
    """Word reads the same numbers: a left indent per line, no character-based indent left to
    override it, left alignment (no right alignment to move the line when a font differs)."""
    import docx

    style, document = _document("gongwen")
    word = docx.Document(io.BytesIO(write_docx(document, style)))
    lines = {p.text: p for p in word.paragraphs if p.style.name == "Signature Block" and p.text}
    assert set(lines) == {text for case in CASES for text in case}
    for unit, date in CASES:
        indents = []
        for text in (unit, date):
            ind = lines[text]._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ind")
            attrs = {k.split("}")[1]: int(v) for k, v in ind.attrib.items()}
            assert attrs["leftChars"] == attrs["firstLineChars"] == attrs["rightChars"] == 0
            indents.append(attrs["left"])
        assert indents[1] - indents[0] == round(2 * style.char_pitch * 20)  # two characters, in twips
