"""Where a title or heading breaks: only between words (text/titlebreak.py), measured as the PDF
sets the text (style/measure.py), decided once so that both writers break it alike.

The result keeps what lay between two lines in the text: a line break written in it, or the
gap (a space, or nothing between two Han characters) where the breaker chose to break. The PDF
sets each line; the DOCX writes a written break as a line break and a chosen one as a line break
that ``briefmaker import`` reads back as the gap (render/docx/ooxml.py ``AUTO_BREAK``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..text.titlebreak import break_title
from .measure import line_width


@dataclass(frozen=True)
class Headline:
    """A title or heading as set: its lines, and after each line but the last what separated it
    from the next in the text (``"\\n"``: a break written there; else the gap it was broken at)."""

    lines: tuple[str, ...]
    gaps: tuple[str, ...]

    @property
    def text(self) -> str:
        """The lines joined by line breaks: what the PDF sets."""
        return "\n".join(self.lines)

    @property
    def broken(self) -> bool:
        return len(self.lines) > 1


def break_headline(text: str, *, font: str, size: float, pitch: float | None, compress: bool,
                   width: float | Sequence[float], balanced: bool) -> Headline:
    """``text`` broken between words into lines no wider than ``width`` (one per line, the last
    repeated) in ``font`` at ``size`` (``pitch``: the grid's advance of full-width characters);
    ``balanced``: lines of even length (titles), else filled (headings). Unbroken when it fits
    or when no gap between words can make it fit (the PDF's ordinary breaker then sets it)."""
    lines = break_title(text, lambda s: line_width(s, font, size, pitch, compress=compress), width,
                        pitch or size, balanced=balanced)
    if not lines or len(lines) == 1:
        return Headline((text,), ())
    gaps: list[str] = []
    at = text.find(lines[0]) + len(lines[0])
    for line in lines[1:]:
        start = text.find(line, at) if line else at
        if start < 0:  # not found as written: set it as the text is
            return Headline((text,), ())
        between = text[at:start]
        gaps.append("\n" if "\n" in between else between)
        at = start + len(line)
    return Headline(tuple(lines), tuple(gaps))
