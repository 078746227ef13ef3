"""Where the signature and date of an unsealed single-organ document go (GB/T 9704-2012 7.3.5.2).

The organ's name ends two characters in from the right edge of the type area; the date, on the
next line, starts two characters right of the name's first character. When the date is longer
than the name, the date ends two characters in from the right and the name moves in so that the
date still starts two characters right of it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .measure import line_width


@dataclass(frozen=True)
class SignaturePlace:
    """Left edges (pt from the type area's left edge) of the name's and the date's first
    characters, and the widths the PDF sets them in."""

    unit_x: float
    date_x: float
    unit_width: float
    date_width: float


def place_signature(unit: str, date: str, *, font: str, size: float, char: float, pitch: float | None,
                    type_width: float) -> SignaturePlace:
    """The 7.3.5.2 positions of ``unit`` and ``date`` set in bundled font ``font`` at ``size`` on a
    type area ``type_width`` wide; ``char`` is one character's width (the grid pitch on a grid),
    ``pitch`` the grid pitch full-width characters advance by (None: their natural width). A line
    too long for the rule starts at the left edge."""
    unit_width = line_width(unit, font, size, pitch)
    date_width = line_width(date, font, size, pitch)
    if date_width > unit_width:
        date_x = type_width - 2 * char - date_width
        unit_x = date_x - 2 * char
    else:
        unit_x = type_width - 2 * char - unit_width
        date_x = unit_x + 2 * char
    return SignaturePlace(max(unit_x, 0.0), max(date_x, 0.0), unit_width, date_width)
