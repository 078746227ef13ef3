"""Plain text and Markdown (.txt, .md) as pieces: one per paragraph, located by line:col.

A paragraph is one non-blank line (text pasted from a web page or a word processor keeps one
paragraph per line); Markdown headings (``#``) and a leading ``**bold**`` lead sentence are read
as what they say. Bytes that are not UTF-8 text, or control characters, are refused where they are.
"""
from __future__ import annotations

import re
from ..errors import BriefError, Location, Problem
from .source import Piece

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BOLD_LEAD = re.compile(r"^(\*\*|__)(.+?)\1")
_MD_IMAGE = re.compile(r"^!\[([^\]]*)\]\([^)]*\)$")
_INDENT = " \t\u3000\u00a0"


def read_text(data: bytes, shown: str, markdown: bool = False) -> list[Piece]:
    """The paragraphs of a UTF-8 .txt/.md file's bytes; raises BriefError (located) for binary text."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    control = re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", data)
    try:
        text = data.decode("utf-8")
        bad = control.start() if control else None
    except UnicodeDecodeError as exc:
        bad = min(exc.start, control.start()) if control else exc.start
    if bad is not None:  # the first byte that is not text: a control character or invalid UTF-8
        line, col = _position(data, bad)
        raise BriefError([Problem(Location(shown, line, col, "text"), "import_binary",
                                  {"detail": f"byte 0x{data[bad]:02x}"})])
    pieces: list[Piece] = []
    table_line = -1
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        bad = _CONTROL.search(line)
        if bad:
            raise BriefError([Problem(Location(shown, number, bad.start() + 1, "text"), "import_binary",
                                      {"detail": f"U+{ord(bad.group()):04X}"})])
        stripped = line.strip(_INDENT)
        if not stripped:
            continue
        col = len(line) - len(line.lstrip(_INDENT)) + 1
        where = Location(shown, number, col, "text")
        cells = _cells(stripped, markdown)
        if cells is not None:
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):  # a Markdown |---| rule
                table_line = number
                continue
            if pieces and pieces[-1].kind == "table" and table_line == number - 1:
                pieces[-1].rows.append(cells)
            else:
                pieces.append(Piece(where, kind="table", rows=[cells]))
            table_line = number
            continue
        pieces.append(_piece(stripped, where, markdown or stripped.startswith("#")))
    for piece in pieces:
        if piece.kind == "table" and len(piece.rows) < 2:  # one tab-separated line is a paragraph
            piece.kind, piece.text, piece.rows = "text", "\t".join(piece.rows[0]), []
    return pieces


def _cells(line: str, markdown: bool) -> list[str] | None:
    """A table row: ``| a | b |`` in Markdown, or cells separated by tabs in plain text."""
    if markdown and line.startswith("|") and line.endswith("|") and len(line) > 1:
        return [c.strip() for c in line[1:-1].split("|")]
    if "\t" in line:
        return [c.strip(_INDENT) for c in line.split("\t")]
    return None


def _piece(line: str, where: Location, markdown: bool) -> Piece:
    if markdown:
        heading = _MD_HEADING.match(line)
        if heading:
            return Piece(where, _unmark(heading.group(2)), heading=len(heading.group(1)))
        if _MD_IMAGE.match(line):
            return Piece(where, "", kind="missing_image", alt=_MD_IMAGE.match(line).group(1))
        lead = _MD_BOLD_LEAD.match(line)
        if lead:
            inner = _unmark(lead.group(2))
            return Piece(where, inner + _unmark(line[lead.end():]), bold_lead=len(inner))
        return Piece(where, _unmark(line))
    return Piece(where, line)


def _unmark(text: str) -> str:
    """Markdown emphasis markers removed (the text inside kept)."""
    return re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    return line, len(before[start:].decode("utf-8", "replace")) + 1
