"""ChartSpec → matplotlib Figure → SVG (vector, for the PDF) and PNG (300 dpi, for the DOCX).

matplotlib is imported here only, and only when a chart must actually be drawn. The figure is
built with the object-oriented API (Figure + its canvas), never pyplot's global state.
"""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from .. import document as d
from ..fonts import FALLBACK, coverage, font_path
from ..style import Style
from ..text import numbers

MM_PER_INCH = 25.4
RENDERS = {"count": 0}  # charts actually drawn in this process (tests count cache misses with it)


@lru_cache(maxsize=None)
def _register(key: str) -> str:
    """Register bundled font ``key`` with matplotlib; returns its family name.

    matplotlib resolves family names against every font it knows, system fonts included — a
    machine with Noto CJK installed would draw with its own copy. So the first call forgets all
    fonts but matplotlib's own and ours: every machine then draws with the same files.
    """
    import matplotlib
    from matplotlib import font_manager

    manager = font_manager.fontManager
    if not _register.cache_info().currsize:
        own = Path(matplotlib.get_data_path()).resolve()
        manager.ttflist = [f for f in manager.ttflist if Path(f.fname).resolve().is_relative_to(own)]
        manager.afmlist = [f for f in manager.afmlist if Path(f.fname).resolve().is_relative_to(own)]
    path = str(font_path(key))
    manager.addfont(path)
    if hasattr(manager, "_findfont_cached"):
        manager._findfont_cached.cache_clear()
    return font_manager.FontProperties(fname=path).get_name()


def chart_size(spec: d.ChartSpec, style: Style) -> tuple[float, float]:
    """Width and height of the drawn chart in points."""
    width = style.type_width * spec.width
    ratio = {"pie": 0.5, "donut": 0.5, "progress": 0.42}.get(spec.kind, 0.5)
    if spec.kind == "hbar":
        ratio = min(0.5, 0.14 + 0.08 * len(spec.categories))
    return width, width * ratio


def _fmt(value: float) -> str:
    return numbers.number(value)


def render(spec: d.ChartSpec, style: Style) -> tuple[bytes, bytes]:
    """(SVG bytes, PNG bytes) for ``spec``; the same input always gives the same bytes."""
    import matplotlib

    from matplotlib.figure import Figure

    RENDERS["count"] += 1
    role = style.role("chart")
    families = [_register(role.pdf), _register(FALLBACK)]
    minus_ok = 0x2212 in coverage(role.pdf)
    width, height = chart_size(spec, style)
    params = {
        "font.family": families,
        "font.size": role.size,
        "axes.unicode_minus": minus_ok,
        "svg.fonttype": "path",
        "svg.hashsalt": "briefmaker",
        "path.simplify": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#555555",
        "axes.titlesize": role.size + 1.5,
        "axes.titleweight": "normal",
    }
    with matplotlib.rc_context(params):
        figure = Figure(figsize=(width / 72, height / 72), dpi=72)
        palette = ["#" + c for c in style.palette]
        _DRAW[spec.kind](figure, spec, palette)
        figure.set_layout_engine("constrained")
        svg = io.BytesIO()
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=300, metadata={"Software": None})
    return svg.getvalue(), png.getvalue()


def _title(ax, spec: d.ChartSpec) -> None:
    if spec.title:
        ax.set_title(spec.title + (f"（{spec.unit}）" if spec.unit and spec.kind not in ("progress",) else ""),
                     pad=14 if spec.kind in ("pie", "donut") else 6)


def _bar_labels(ax, bars, unit: str) -> None:
    ax.bar_label(bars, labels=[_fmt(b) for b in bars.datavalues], padding=2)


def _bar(figure, spec, palette, horizontal=False):
    ax = figure.add_subplot()
    name, values = spec.series[0]
    cats = list(spec.categories)
    if horizontal:
        cats, values = cats[::-1], values[::-1]
        bars = ax.barh(cats, values, color=palette[0], height=0.6)
        ax.spines["bottom"].set_visible(False)
        ax.set_xticks([])
    else:
        bars = ax.bar(cats, values, color=palette[0], width=0.6)
        ax.spines["left"].set_visible(False)
        ax.set_yticks([])
    _bar_labels(ax, bars, spec.unit)
    ax.margins(x=0.12 if horizontal else 0.05, y=0.05 if horizontal else 0.12)
    _title(ax, spec)


def _hbar(figure, spec, palette):
    _bar(figure, spec, palette, horizontal=True)


def _multi(figure, spec, palette, stacked=False):
    ax = figure.add_subplot()
    count = len(spec.series)
    positions = range(len(spec.categories))
    width = 0.7 / (1 if stacked else count)
    bottoms = [0.0] * len(spec.categories)
    for i, (name, values) in enumerate(spec.series):
        if stacked:
            bars = ax.bar(list(positions), values, width, bottom=bottoms, label=name, color=palette[i % len(palette)])
            bottoms = [b + v for b, v in zip(bottoms, values)]
            ax.bar_label(bars, labels=[_fmt(v) for v in values], label_type="center", color="white")
        else:
            offset = (i - (count - 1) / 2) * width
            bars = ax.bar([p + offset for p in positions], values, width, label=name,
                          color=palette[i % len(palette)])
            _bar_labels(ax, bars, spec.unit)
    ax.set_xticks(list(positions), list(spec.categories))
    ax.spines["left"].set_visible(False)
    ax.set_yticks([])
    ax.margins(y=0.12)
    ax.legend(frameon=False, ncols=min(count, 4), loc="upper right")
    _title(ax, spec)


def _grouped(figure, spec, palette):
    _multi(figure, spec, palette)


def _stacked(figure, spec, palette):
    _multi(figure, spec, palette, stacked=True)


def _line(figure, spec, palette):
    ax = figure.add_subplot()
    for i, (name, values) in enumerate(spec.series):
        ax.plot(list(spec.categories), values, marker="o", color=palette[i % len(palette)], label=name)
        for x, y in zip(spec.categories, values):
            ax.annotate(_fmt(y), (x, y), textcoords="offset points", xytext=(0, 5), ha="center")
    if len(spec.series) > 1:
        ax.legend(frameon=False)
    ax.margins(y=0.15)
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    _title(ax, spec)


def _pie(figure, spec, palette, hole=0.0):
    ax = figure.add_subplot()
    name, values = spec.series[0]
    total = sum(values)
    labels = [f"{c}\n{_fmt(v)}{spec.unit}（{numbers.percent(v / total)}）" for c, v in zip(spec.categories, values)]
    wedge = {"width": 1 - hole, "edgecolor": "white"} if hole else {"edgecolor": "white"}
    ax.pie(values, labels=labels, colors=palette[: len(values)], startangle=90, counterclock=False,
           wedgeprops=wedge, labeldistance=1.12, radius=0.9)
    ax.set_aspect("equal")
    _title(ax, spec)


def _donut(figure, spec, palette):
    _pie(figure, spec, palette, hole=0.45)


def _progress(figure, spec, palette):
    ax = figure.add_subplot()
    done, total = spec.series[0][1]
    ax.pie([done, total - done], colors=[palette[0], "#e6e6e6"], startangle=90, counterclock=False,
           wedgeprops={"width": 0.28, "edgecolor": "white"})
    ax.text(0, 0.08, numbers.percent(done / total), ha="center", va="center", fontsize=ax.title.get_fontsize() * 1.6,
            color=palette[0])
    ax.text(0, -0.22, f"{spec.categories[0]}{_fmt(done)}/{_fmt(total)}{spec.unit}", ha="center", va="center")
    ax.set_aspect("equal")
    _title(ax, spec)


_DRAW = {
    "bar": _bar, "hbar": _hbar, "grouped": _grouped, "stacked": _stacked, "line": _line,
    "pie": _pie, "donut": _donut, "progress": _progress,
}
