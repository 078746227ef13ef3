"""Document properties (DOCX core properties, PDF info) shaped from the brief's meta text.

A property is one line of at most 255 characters (the limit of the DOCX core-property schema
and of Word); the document itself keeps the whole text. Shaping is pure: the writers only set
what :func:`core_properties` returns.
"""
from __future__ import annotations

import re

LIMIT = 255  # characters in one core property (counted in UTF-16 units, as Word counts them)
_SPACE = re.compile(r"\s+")


def property_text(text: str | None, limit: int = LIMIT) -> str:
    """``text`` as one property value: runs of white space (line breaks, tabs) become one space,
    the ends are trimmed, and text longer than ``limit`` UTF-16 units is cut at a character
    boundary and ends in '…'. Characters XML cannot hold are refused earlier, in the brief model."""
    text = _SPACE.sub(" ", text or "").strip()
    if _units(text) <= limit:
        return text
    out, used = [], 1  # room for the ellipsis
    for char in text:
        size = 2 if ord(char) > 0xFFFF else 1
        if used + size > limit:
            break
        out.append(char)
        used += size
    return "".join(out).rstrip() + "…"


def core_properties(meta) -> dict[str, str]:
    """The DOCX core properties (title, subject, author, keywords) for a document's ``meta``."""
    return {
        "title": property_text(meta.title),
        "subject": property_text(meta.subject or meta.subtitle or ""),
        "author": property_text(meta.author or meta.unit or ""),
        "keywords": property_text(", ".join(property_text(k) for k in meta.keywords)),
    }


def _units(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
