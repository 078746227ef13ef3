"""The chart plan: what a chart says, decided once for the vector scene and the native Word chart.

Title text, legend entries, the colour of every point and the value labels' texts come from
here; charts/scene.py lays them out and render/docx/chartspace.py writes them as chart XML, so
the two cannot disagree on them (they did: a one-series stacked chart had a legend in Word only).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .. import document as d
from ..style import Style
from ..text.bounds import Bound
from .labels import MINUS, share_text, value_text

TRACK = "#E6E6E6"  # the unfinished part of a progress ring

#: the bounds drawn with an open end: at least / more than / a little more than the value
#: (``about`` is only its label's 约)
OPEN_KINDS = ("at_least", "more_than", "over")
#: how far an open end reaches beyond its value, as a share of the chart's largest value
OPEN_REACH = 0.15
#: the kinds that draw an open end (a stacked segment, a wedge or a ring has no end of its own)
OPEN_CHARTS = ("bar", "hbar", "grouped", "line")

LegendPlace = Literal["top", "right"]


@dataclass(frozen=True)
class LegendEntry:
    name: str
    color: str  # "#RRGGBB"


@dataclass(frozen=True)
class ChartPlan:
    """``series[j]``: series j's own colour; ``colors[j][i]``: its colour at category i (muted
    outside ``highlight``); ``labels[j][i]``: its value label; ``open_ends[j][i]``: how far the
    open end of a lower bound reaches beyond its value, in the chart's units (0: an exact value,
    or ``about``; the tuple is empty when no value of the chart is a lower bound)."""

    title: str
    series: tuple[str, ...]
    legend: tuple[LegendEntry, ...]
    legend_place: LegendPlace
    colors: tuple[tuple[str, ...], ...]
    labels: tuple[tuple[str, ...], ...]
    open_ends: tuple[tuple[float, ...], ...] = ()


def muted(color: str) -> str:
    """``color`` blended 65% towards white: what categories outside ``highlight`` are drawn in."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * 0.65):02X}" for c in (r, g, b))


def deeper(color: str) -> str:
    """``color`` blended 35% towards black: a progress ring's part beyond its target."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * 0.65):02X}" for c in (r, g, b))


def progress_rings(progress: d.Progress) -> tuple[tuple[float, float], ...]:
    """A progress chart's rings, innermost first (the order Word draws a doughnut's series in),
    each (part filled, part left): one ring of the target; over the target, the full ring of the
    target outside and the part beyond it on a ring inside (full from two laps on: 234% draws two
    full rings; the true value stays, for the workbook)."""
    done, target = progress.done, progress.target
    if done <= target:
        return ((done, target - done),)
    beyond = done - target
    return ((beyond, max(target - beyond, 0.0)), (target, 0.0))


def progress_texts(spec: d.ChartSpec) -> tuple[str, str]:
    """(share, counts) a progress chart writes in its ring: 99.3% (``digits`` decimals; 106%
    over the target) and 已完成993/1000件 (in the chart's number format)."""
    progress = spec.progress
    assert progress is not None
    share = share_text(progress.done, progress.target, spec.digits)
    counts = (f"{progress.done_label}{value_text(progress.done, spec, MINUS)}/"
              f"{value_text(progress.target, spec, MINUS)}{spec.unit}")
    return share, counts


def is_open(value: float) -> bool:
    """Whether ``value`` is a lower bound drawn with an open end (10%以上, 突破25亿, 20余; not 约)."""
    return isinstance(value, Bound) and value.kind in OPEN_KINDS and value > 0


def open_ends(spec: d.ChartSpec) -> tuple[tuple[float, ...], ...]:
    """Per series, per category: how far the open end of a lower bound reaches beyond its value
    (:data:`OPEN_REACH` of the largest value), 0 elsewhere; () when the chart draws none."""
    if spec.kind not in OPEN_CHARTS or not any(is_open(v) for _, values in spec.series for v in values):
        return ()
    reach = OPEN_REACH * max(abs(v) for _, values in spec.series for v in values)
    return tuple(tuple(reach if is_open(v) else 0.0 for v in values) for _, values in spec.series)


def has_legend(spec: d.ChartSpec) -> bool:
    """Whether ``spec`` names its series in a legend: several series, or grouped bars."""
    return spec.kind == "grouped" or (spec.kind in ("stacked", "line") and len(spec.series) > 1)


def plan(spec: d.ChartSpec, style: Style) -> ChartPlan:
    """The plan of ``spec`` in ``style``."""
    palette = ["#" + c.upper() for c in style.palette]
    title = spec.title + (f"（{spec.unit}）" if spec.title and spec.unit and spec.kind != "progress" else "")
    kind = spec.kind
    if spec.progress is not None:  # per ring, innermost first: its filled part, its track
        rings = progress_rings(spec.progress)
        colors: tuple[tuple[str, ...], ...] = ((palette[0], TRACK),) if len(rings) == 1 else (
            (deeper(palette[0]), TRACK), (palette[0], TRACK))
    elif kind in ("pie", "donut"):
        row = [palette[i % len(palette)] for i in range(len(spec.categories))]
        if spec.highlight:
            row = [c if cat in spec.highlight else muted(c) for cat, c in zip(spec.categories, row)]
        colors = (tuple(row),)
    else:
        def series_colors(color: str) -> tuple[str, ...]:
            if not spec.highlight or kind == "line":
                return (color,) * len(spec.categories)
            return tuple(color if c in spec.highlight else muted(color) for c in spec.categories)
        colors = tuple(series_colors(palette[j % len(palette)]) for j in range(len(spec.series)))
    legend: tuple[LegendEntry, ...] = ()
    place: LegendPlace = "top"
    if has_legend(spec):
        legend = tuple(LegendEntry(name, palette[j % len(palette)]) for j, (name, _) in enumerate(spec.series))
    elif kind == "donut":
        # Word cannot put labels outside a ring, so its points are named in a legend at the right;
        # the scene writes the same names beside the ring (pie labels)
        legend, place = tuple(LegendEntry(c, col) for c, col in zip(spec.categories, colors[0])), "right"
    labels = tuple(tuple(value_text(v, spec, MINUS) for v in values) for _, values in spec.series)
    own = tuple(palette[j % len(palette)] for j in range(len(spec.series)))
    return ChartPlan(title, own, legend, place, colors, labels, open_ends(spec))
