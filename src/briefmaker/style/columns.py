"""Column widths of a table from its content, as browsers lay out automatic tables (CSS 2.1 17.5.2.2).

Each column is at least as wide as its widest unbreakable piece (min-content: a number, a word, a
character with its clinging marks) and at most as wide as its longest cell set on one line
(max-content), padding included. A table whose columns all fit at their max-content width is that
wide, centred; otherwise it takes the whole measure: a column that wants no more than an even share
of the room keeps its max-content width, and the others get their minimum plus a share of what is
left in proportion to how much more they would like (max − min), so a long text column wraps
while short columns of figures and units stay on one line. Where even the unbreakable pieces do
not fit, a column's minimum is at most an even share of the measure: the columns with pieces that
wide take what the others leave, and the writers cut those pieces. Columns of numbers are right-aligned.

Widths are whole twentieths of a point, so the PDF's columns and the DOCX's w:gridCol (twips) are
the same numbers.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .measure import max_width, min_width

#: a figure as tables print them: 1,300  60.5%  −3  1.75亿  700余  3000多  12个
_NUMBER = re.compile(r"[+\-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*[%‰％]?[\u4e00-\u9fff]{0,2}")
#: room a cell's text gets beyond its max-content width: LibreOffice takes the width of a cell's
#: rules from it, and Word's metrics may differ by a hair, either of which would wrap it
_ROOM = 1.0
#: cells that say "none" in a column of figures
_PLACEHOLDER = {"", "—", "——", "-", "－", "/", "／", "…", "无"}


@dataclass(frozen=True)
class ColumnLayout:
    """Per column: width in pt (padding included) and alignment of its cells ('left' or 'right')."""

    widths: tuple[float, ...]
    aligns: tuple[str, ...]

    @property
    def width(self) -> float:
        return sum(self.widths)


def is_number(text: str) -> bool:
    """Whether ``text`` is a figure (digits with an optional sign, decimals, per cent or a short
    unit such as 余, 万, 个), the kind of cell that lines up on the right."""
    return bool(_NUMBER.fullmatch(text.strip()))


def numeric_column(cells: list[str]) -> bool:
    """A column whose cells are all figures or placeholders (—), at least one a figure."""
    figures = [c for c in cells if c.strip() not in _PLACEHOLDER]
    return bool(figures) and all(is_number(c) for c in figures)


def _twentieths(points: float, up: bool) -> float:
    return (math.ceil(points * 20 - 1e-6) if up else math.floor(points * 20 + 1e-6)) / 20


def _share(low: list[float], high: list[float], available: float) -> list[float]:
    """Widths between ``low`` and ``high`` filling ``available``: a column that wants no more
    than an even share of the room keeps its whole max-content width (a column of figures stays
    on one line); the others get their minimum and the rest in proportion to max − min."""
    widths: list[float | None] = [None] * len(low)
    while True:
        open_ = [i for i, w in enumerate(widths) if w is None]
        room = available - sum(w for w in widths if w is not None)
        if not open_:
            return [w for w in widths if w is not None]
        fits = [i for i in open_ if high[i] <= room / len(open_)
                and sum(low[j] for j in open_ if j != i) <= room - high[i]]
        if not fits:
            break
        for i in fits:
            widths[i] = high[i]
    want = sum(high[i] - low[i] for i in open_)
    spare = (room - sum(low[i] for i in open_)) / want if want else 0.0
    return [w if w is not None else low[i] + (high[i] - low[i]) * spare for i, w in enumerate(widths)]


def layout_columns(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], *, font: str, size: float,
                   available: float, padding: float) -> ColumnLayout:
    """Widths and alignments for a table of ``header`` and ``rows`` set in bundled font ``font`` at
    ``size``, ``padding`` pt left plus right in each cell, on a measure ``available`` pt wide."""
    count = len(header)
    columns = [[header[i], *(row[i] if i < len(row) else "" for row in rows)] for i in range(count)]
    low = [max(min_width(c, font, size) for c in cells) + padding for cells in columns]
    high = [max(max_width(c, font, size) for c in cells) + padding + _ROOM for cells in columns]
    if sum(low) > available:  # pieces too wide to keep whole: at most an even share; the writers cut them
        low = [min(lo, available / count) for lo in low]
    if sum(high) <= available:
        widths = [_twentieths(w, up=True) for w in high]
        if sum(widths) > available:  # rounding up took the last twentieths
            widths = [_twentieths(w, up=False) for w in high]
    else:
        shared = _share(low, high, available)
        # a column at its max-content width must not lose a twentieth to rounding (its text
        # would wrap); the widest of the others gives it back
        widths = [_twentieths(w, up=w >= hi - 1e-9) for w, hi in zip(shared, high)]
        widest = max(range(count), key=lambda i: widths[i] if shared[i] < high[i] - 1e-9 else -1.0)
        widths[widest] = _twentieths(widths[widest] - max(0.0, sum(widths) - available), up=False)
    aligns = tuple("right" if numeric_column(cells[1:]) else "left" for cells in columns)
    return ColumnLayout(tuple(widths), aligns)
