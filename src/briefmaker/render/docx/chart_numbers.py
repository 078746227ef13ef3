"""The numbers a native Word chart shows, equal to the PDF chart's: per-point label text and an
exact value axis.

A number format cannot write what the PDF writes (1.75亿 and 3.6万 in one chart, 3 beside 1.25,
U+2212 minus signs): Excel's comma scales by 1000 only and every section has fixed decimals. So
each data label carries its text (``c:dLbl/c:tx``, which Word, WPS and LibreOffice draw as given)
while the series keep their true values, in the chart's caches and in the embedded workbook —
unless one format code writes every label exactly, when the labels stay linked to the values
(and follow an edit of the workbook in Word). A
value axis gets the PDF's ticks (min, max, step) and a format code only when that code writes
every tick exactly as the PDF does; otherwise its tick labels are left out (the gridlines stay).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ... import document as d
from ...charts.labels import MINUS, share_text, value_text
from ...charts.plan import progress_rings, progress_texts
from ...style import Style
from ...text import numbers


def _fmt(value: float, spec: d.ChartSpec) -> str:
    return value_text(value, spec, MINUS)


def point_labels(spec: d.ChartSpec, style: Style) -> list[list[str | None]]:
    """Per series (as the workbook holds them), per point: the label the PDF draws there, or None
    where it draws none. Pie and donut labels are ``category`` and ``value unit（share）`` on two
    lines; a progress ring labels its done part with the share and the counts."""
    kind = spec.kind
    if kind in ("pie", "donut"):
        values = spec.series[0][1]
        total = sum(values)
        return [[f"{c}\n{_fmt(v, spec)}{spec.unit}（{share_text(v, total)}）" for c, v in zip(spec.categories, values)]]
    if spec.progress is not None:  # on the outer ring's done part; the ring beyond the target has none
        share, counts = progress_texts(spec)
        rings = len(progress_rings(spec.progress))
        none: list[str | None] = [None, None]
        return [none] * (rings - 1) + [[f"{share}\n{counts}", None]]
    labels: list[list[str | None]] = [[_fmt(v, spec) for v in values] for _, values in spec.series]
    if kind == "stacked":  # a segment too small for its label has none in the PDF either
        drawn = iter(_segment_texts(spec, style))
        pending = next(drawn, None)
        for row in labels:
            for i, text in enumerate(row):
                if text == pending:
                    pending = next(drawn, None)
                else:
                    row[i] = None
    return labels


def _segment_texts(spec: d.ChartSpec, style: Style) -> list[str]:
    """The texts the PDF's scene writes inside stacked segments (white), in drawing order."""
    from ...charts.scene import layout

    return [item.text for item in layout(spec, style).items
            if getattr(item, "text", None) and getattr(item, "color", "").upper() == "#FFFFFF"]


def label_code(spec: d.ChartSpec) -> str | None:
    """The number format that writes every value label (and stacked total) as the PDF does, if
    one can: then the labels stay linked to the values and follow an edit in Word. None for pies,
    donuts and progress rings (their labels are composed texts) and for values no code writes."""
    if spec.kind in ("pie", "donut", "progress"):
        return None
    values = [v for _, vs in spec.series for v in vs]
    if spec.kind == "stacked":
        values += [sum(vs[i] for _, vs in spec.series) for i in range(len(spec.categories))]
    return _exact_code(values, spec)


def stacked_totals(spec: d.ChartSpec) -> list[str] | None:
    """The totals the PDF writes above each stacked column (several series), else None."""
    if spec.kind != "stacked" or len(spec.series) < 2:
        return None
    return [_fmt(sum(values[i] for _, values in spec.series), spec) for i in range(len(spec.categories))]


@dataclass(frozen=True)
class Axis:
    """A value axis as the PDF draws it: ticks from ``low`` every ``step`` up to ``high``; ``code``
    is the number format writing each tick as the PDF does, or None to show no tick labels."""

    low: float
    high: float
    step: float
    code: str | None


def value_axis(spec: d.ChartSpec, style: Style) -> Axis | None:
    """The line chart's value axis with the PDF's ticks (None for other kinds)."""
    if spec.kind != "line":
        return None
    ticks = _scene_ticks(spec, style)
    values = [v for _, vs in spec.series for v in vs]
    step = ticks[1] - ticks[0] if len(ticks) > 1 else abs(ticks[0]) or 1
    low, high = ticks[0], max(ticks[-1], max(values) + step / 4)
    if low > min(values):
        # Word's ticks start at the axis minimum, which must reach the lowest point: a tick below
        # the PDF's first, so no tick labels
        return Axis(math.floor(min(values) / step) * step, high, step, None)
    return Axis(low, high, step, _exact_code(ticks, spec))


def _scene_ticks(spec: d.ChartSpec, style: Style) -> list[float]:
    from ...charts.scene import layout

    return list(layout(spec, style).ticks)


def _exact_code(ticks: list[float], spec: d.ChartSpec) -> str | None:
    """A number format code that writes every tick as the PDF does, if there is one."""
    if spec.number_format == "plain" and all(abs(t) < 1e10 for t in ticks):
        # General writes as many decimals as a value has, like the PDF
        if all((MINUS if t < 0 else "") + numbers.number(abs(t), 6) == _fmt(t, spec) for t in ticks):
            return f'General;"{MINUS}"General'
    for decimals in range(4):
        frac = "." + "0" * decimals if decimals else ""
        if spec.number_format == "percent":
            body, shown = "0" + frac + "%", lambda t: f"{abs(t) * 100:.{decimals}f}%"
        elif spec.number_format == "thousands":
            body, shown = "#,##0" + frac, lambda t: f"{abs(t):,.{decimals}f}"
        elif spec.number_format == "wan" and any(abs(t) >= 10_000 for t in ticks):
            return None  # 万/亿 need a division by 10^4 or 10^8 no format code has
        else:
            body, shown = "0" + frac, lambda t: f"{abs(t):.{decimals}f}"
        code = f'{body};"{MINUS}"{body}'
        if all((MINUS if round(t, 10) < 0 and shown(t) != shown(0) else "") + shown(t) == _fmt(t, spec)
               for t in ticks):
            return code
    return None
