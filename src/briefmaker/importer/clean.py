"""Text as the brief should hold it: GB/T 15834 punctuation, page furniture dropped, broken
sentences joined again.

Text pasted from a web page or a PDF carries ASCII ``, ( ) : ;`` between Chinese characters, page
numbers (— 3 —) as paragraphs, and sentences cut in two at a page end (严 / 把党员发展关). Each
repair here keeps the words and their order exactly.
"""
from __future__ import annotations

import re

from .source import Piece

_ASCII_TO_FULL = {",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "?": "？", "!": "！"}
_PAGE_NUMBER = re.compile(r"^(?:[—－\-–]\s*\d{1,4}\s*[—－\-–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$")
# what a finished paragraph ends with; anything else at the end of a long paragraph is a cut
_ENDS = set("。！？；：…”’）」』】》.!?;:)") | {"——"}
_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|\d{1,3}[.．、]|[（(]\d{1,3}[）)]|#)")


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph or full-width punctuation (text the ASCII marks sit between)."""
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef" \
        or "\u3000" <= ch <= "\u303f" or ch in "“”‘’…—" or "\U00020000" <= ch <= "\U0003134f"


def full_width(text: str) -> str:
    """ASCII , ( ) : ; ? ! next to Chinese text as their full-width forms; the rest unchanged."""
    out = list(text)
    for i, ch in enumerate(text):
        if ch not in _ASCII_TO_FULL:
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if ch in "()":
            if is_cjk(before) or is_cjk(after):
                out[i] = _ASCII_TO_FULL[ch]
        elif is_cjk(before) or (is_cjk(after) and not before.isdigit()):
            out[i] = _ASCII_TO_FULL[ch]
    # a label such as (1) or (一) opening a paragraph
    return re.sub(r"^\((\d{1,3}|[一二三四五六七八九十]+)[)）]", r"（\1）", "".join(out))


def tables_from_tabs(pieces: list[Piece]) -> list[Piece]:
    """Consecutive paragraphs of tab-separated cells (a table saved as text) as one table."""
    out: list[Piece] = []
    for piece in pieces:
        cells = [c.strip(" \u3000") for c in piece.text.split("\t")] if piece.kind == "text" and "\t" in piece.text else None
        if cells and len(cells) >= 2:
            if out and out[-1].kind == "table" and out[-1].where.path != "text" and len(out[-1].rows[0]) == len(cells):
                out[-1].rows.append(cells)
                continue
            out.append(Piece(piece.where, kind="table", rows=[cells]))
            continue
        out.append(piece)
    for i, piece in enumerate(out):
        if piece.kind == "table" and len(piece.rows) == 1 and piece.where.path != "text":
            out[i] = Piece(piece.where, "\t".join(piece.rows[0]))  # one line with tabs is a paragraph
    return out


def clean(pieces: list[Piece]) -> list[Piece]:
    """Pieces with punctuation made full-width, page numbers dropped and cut sentences joined."""
    pieces = tables_from_tabs(pieces)
    kept: list[Piece] = []
    for piece in pieces:
        if piece.kind == "text":
            piece.text = full_width(piece.text)
            if _PAGE_NUMBER.match(piece.text.replace(" ", "")) or _PAGE_NUMBER.match(piece.text):
                continue
        if kept and _continues(kept[-1], piece):
            previous = kept[-1]
            if previous.bold_lead >= len(previous.text) and not piece.bold_lead:
                previous.bold_lead = len(previous.text)
            previous.text += piece.text
            continue
        kept.append(piece)
    return kept


def _continues(previous: Piece, piece: Piece) -> bool:
    """True when ``piece`` is the rest of a sentence that ``previous`` breaks off."""
    if previous.kind != "text" or piece.kind != "text" or previous.heading is not None or piece.heading is not None:
        return False
    if previous.style or piece.style or piece.label or not piece.text or not previous.text:
        return False
    text = previous.text
    if text[-1] in _ENDS or text.endswith("——"):
        return False
    if _HEADING_START.match(piece.text):
        return False
    # a short line without any sentence mark is a title, a byline or a signature, never a cut
    inner_marks = sum(text.count(m) for m in "，。；：")
    return len(text) >= 30 or inner_marks >= 2 or (inner_marks and len(text) >= 12)
