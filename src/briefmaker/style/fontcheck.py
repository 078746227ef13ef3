"""Checking a user's own font file before a style may use it for the PDF."""
from __future__ import annotations

from pathlib import Path

from ..errors import Location, Problem
from ..infra.files import file_kind, note_read

# What every role's font must draw: ASCII, the marks Chinese text uses, and GB2312's level-1
# hanzi (the 3755 most common characters). Rarer characters fall back to the bundled font.
_MARKS = "，。、；：？！“”‘’（）《》〈〉【】〔〕—…·％"


def _needed() -> set[int]:
    chars = {c for c in range(0x21, 0x7F)} | {ord(c) for c in _MARKS}
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return chars


def check_font_file(path: Path, where: Location) -> Problem | None:
    """None when ``path`` is a TrueType font covering what the style needs, else the problem."""
    try:
        kind = file_kind(path)
    except OSError:
        return Problem(where, "font_missing", {"path": str(path)})
    if kind:
        return Problem(where, "not_regular", {"name": str(path), "kind": kind})
    note_read(path)
    try:
        from fontTools.ttLib import TTFont, TTLibError

        with TTFont(path, lazy=True, fontNumber=0) as font:
            if "glyf" not in font:
                return Problem(where, "font_not_truetype", {"path": str(path)})
            cmap = set(font.getBestCmap() or {})
    except (TTLibError, OSError, ValueError) as exc:
        return Problem(where, "font_unreadable", {"path": str(path), "detail": str(exc)})
    missing = sorted(_needed() - cmap)
    if missing:
        sample = "".join(chr(c) for c in missing[:10])
        return Problem(where, "font_lacks_glyphs", {"path": str(path), "count": len(missing), "sample": sample})
    return None
