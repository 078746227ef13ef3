"""The text of a chart's numbers, in the chart's number format (shared by drawing and alt text)."""
from __future__ import annotations

from .. import document as d
from ..text import numbers

MINUS = "\u2212"


def thousands(value, digits: int = 2) -> str:
    """A figure with thousands separators: 12000 → 12,000, -1234.5 → -1,234.5."""
    text = numbers.number(value, digits)
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}"
    return sign + grouped + ("." + fraction if fraction else "")


def value_text(value: float, spec: d.ChartSpec, minus: str = "-") -> str:
    """``value`` written in ``spec``'s number format; a negative sign is written as ``minus``.

    plain → 1200 / 3.14, wan → 3.5万 / 1.2亿, thousands → 12,000, percent (a ratio) → 98%.
    """
    if spec.number_format == "wan":
        text = numbers.wan(value, spec.digits)
    elif spec.number_format == "thousands":
        text = thousands(value, spec.digits)
    elif spec.number_format == "percent":
        text = numbers.percent(value, spec.digits)
    else:
        text = numbers.number(value, spec.digits)
    return text.replace("-", minus) if text.startswith("-") else text


def share_text(part: float, whole: float, digits: int = 0) -> str:
    """``part`` as a percentage of ``whole`` with ``digits`` decimals (half-up): 241 of 246 → 98%,
    993 of 1000 with 1 → 99.3%, 530 of 500 → 106%."""
    return numbers.percent(part / whole, digits)
