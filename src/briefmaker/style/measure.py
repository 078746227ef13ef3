"""Text measured as the PDF sets it on one line: what layout decisions made before writing need.

The PDF's text setter (render/pdf/text.py + text/linebreak.py) gives every full-width character
the grid pitch on a grid, every other character its font's advance, and a quarter em between a
Han character and a digit or Latin letter. These functions measure with the same rules from the
bundled fonts' own tables, so a position decided here is where the PDF draws, and the DOCX can be
told the same advances character by character.
"""
from __future__ import annotations

from ..fonts import text_width
from ..text.linebreak import char_class, make_boxes, natural_width, widest_cluster


def _boxes(text: str, font: str, size: float, pitch: float | None, compress: bool):
    def measure(unit: str, _style: str) -> float:
        if pitch and all(char_class(ch) in ("han", "open", "close") for ch in unit):
            return pitch * len(unit)
        return text_width(unit, font, size)

    return make_boxes([(text, "")], measure, lambda _style: pitch or size, compress=compress)


def line_width(text: str, font: str, size: float, pitch: float | None = None, *, compress: bool = False) -> float:
    """Width in pt of ``text`` set on one line in bundled font ``font`` at ``size``; ``pitch``: the
    advance of each full-width character on a grid (None: its natural width)."""
    return natural_width(_boxes(text, font, size, pitch, compress))


def min_width(text: str, font: str, size: float, pitch: float | None = None, *, compress: bool = False) -> float:
    """The narrowest measure ``text`` can be set in without cutting a unit (a number, a Latin
    word, a character with the marks that cling to it): the CSS min-content width."""
    return widest_cluster(_boxes(text, font, size, pitch, compress))


def max_width(text: str, font: str, size: float, pitch: float | None = None, *, compress: bool = False) -> float:
    """The width ``text`` takes with no line broken but where it has a line break: the CSS
    max-content width."""
    return max(line_width(line, font, size, pitch, compress=compress) for line in text.split("\n"))


def char_advances(text: str, font: str, size: float, pitch: float | None = None, *,
                  compress: bool = False) -> list[tuple[str, float, float]]:
    """Each character of ``text`` as :func:`line_width` sets it: (character, advance, gap), the
    gap being the space between scripts after it (a quarter em between Han and a digit)."""
    boxes = _boxes(text, font, size, pitch, compress)
    out: list[tuple[str, float, float]] = []
    for i, box in enumerate(boxes):
        gap = natural_width(boxes[i:i + 2]) - box.advance - boxes[i + 1].advance if i + 1 < len(boxes) else 0.0
        if box.cls in ("han", "open", "close"):
            step = box.advance / len(box.text)
            out += [(ch, step, 0.0) for ch in box.text]
        else:
            out += [(ch, text_width(ch, font, size), 0.0) for ch in box.text]
        out[-1] = (out[-1][0], out[-1][1], gap)
    return out
