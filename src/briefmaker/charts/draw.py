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
from .labels import MINUS, share_text, value_text

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


def _muted(color: str) -> str:
    """``color`` blended 65% towards white: what categories outside ``highlight`` are drawn in."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * 0.65):02X}" for c in (r, g, b))


def _colors(spec: d.ChartSpec, color: str, categories=None) -> list[str]:
    """One colour per category: ``color``, muted for categories not highlighted (when any are)."""
    categories = spec.categories if categories is None else categories
    if not spec.highlight:
        return [color] * len(categories)
    return [color if c in spec.highlight else _muted(color) for c in categories]


def render(spec: d.ChartSpec, style: Style) -> tuple[bytes, bytes]:
    """(SVG bytes, PNG bytes) for ``spec``; the same input always gives the same bytes."""
    import matplotlib

    from matplotlib.figure import Figure

    RENDERS["count"] += 1
    role = style.role("chart")
    families = [_register(role.pdf), _register(FALLBACK)]
    # U+2212 comes from the fallback font when the role's font lacks it (matplotlib falls back per glyph)
    minus_ok = any(0x2212 in coverage(key) for key in (role.pdf, FALLBACK))
    fmt = _formatter(spec, MINUS if minus_ok else "-")
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
        _DRAW[spec.kind](figure, spec, palette, fmt)
        figure.set_layout_engine("constrained")
        svg = io.BytesIO()
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=300, metadata={"Software": None})
    return svg.getvalue(), png.getvalue()


def _formatter(spec: d.ChartSpec, minus: str):
    """value → its label text in the chart's number format, negative signs written with ``minus``."""
    return lambda value: value_text(value, spec, minus)


def _title(ax, spec: d.ChartSpec) -> None:
    if spec.title:
        ax.set_title(spec.title + (f"（{spec.unit}）" if spec.unit and spec.kind not in ("progress",) else ""),
                     pad=14 if spec.kind in ("pie", "donut") else 6)


def _bar(figure, spec, palette, fmt, horizontal=False):
    ax = figure.add_subplot()
    name, values = spec.series[0]
    cats = list(spec.categories)
    if horizontal:  # the first category at the top
        cats, values = cats[::-1], values[::-1]
    colors = _colors(spec, palette[0], cats)
    if horizontal:
        bars = ax.barh(cats, values, color=colors, height=0.6)
        ax.spines["bottom"].set_visible(False)
        ax.set_xticks([])
        if min(values) < 0:
            ax.axvline(0, color="#555555", linewidth=0.8)
    else:
        bars = ax.bar(cats, values, color=colors, width=0.6)
        ax.spines["left"].set_visible(False)
        ax.set_yticks([])
        if min(values) < 0:
            ax.axhline(0, color="#555555", linewidth=0.8)
    ax.bar_label(bars, labels=[fmt(v) for v in values], padding=2)
    ax.margins(x=0.12 if horizontal else 0.05, y=0.05 if horizontal else 0.12)
    _title(ax, spec)


def _hbar(figure, spec, palette, fmt):
    _bar(figure, spec, palette, fmt, horizontal=True)


def _multi(figure, spec, palette, fmt, stacked=False):
    ax = figure.add_subplot()
    count = len(spec.series)
    positions = range(len(spec.categories))
    width = 0.7 / (1 if stacked else count)
    bottoms = [0.0] * len(spec.categories)
    for i, (name, values) in enumerate(spec.series):
        colors = _colors(spec, palette[i % len(palette)])
        if stacked:
            bars = ax.bar(list(positions), values, width, bottom=bottoms, label=name, color=colors)
            bottoms = [b + v for b, v in zip(bottoms, values)]
            ax.bar_label(bars, labels=[fmt(v) for v in values], label_type="center", color="white")
        else:
            offset = (i - (count - 1) / 2) * width
            bars = ax.bar([p + offset for p in positions], values, width, label=name, color=colors)
            ax.bar_label(bars, labels=[fmt(v) for v in values], padding=2)
    ax.set_xticks(list(positions), list(spec.categories))
    ax.spines["left"].set_visible(False)
    ax.set_yticks([])
    ax.margins(y=0.12)
    ax.legend(frameon=False, ncols=min(count, 4), loc="upper right")
    _title(ax, spec)


def _grouped(figure, spec, palette, fmt):
    _multi(figure, spec, palette, fmt)


def _stacked(figure, spec, palette, fmt):
    _multi(figure, spec, palette, fmt, stacked=True)


def _line(figure, spec, palette, fmt):
    from matplotlib.ticker import FuncFormatter

    ax = figure.add_subplot()
    positions = list(range(len(spec.categories)))
    for i, (name, values) in enumerate(spec.series):
        color = palette[i % len(palette)]
        ax.plot(positions, values, marker="o", color=color, label=name)
        for x, (category, y) in enumerate(zip(spec.categories, values)):
            strong = category in spec.highlight
            if strong:
                ax.plot([x], [y], marker="o", markersize=9, color=color)
            # no bold: the bundled fonts have one weight, and a faked bold would warn
            ax.annotate(fmt(y), (x, y), textcoords="offset points", xytext=(0, 7 if strong else 5), ha="center",
                        color=color if strong else "black", fontsize="large" if strong else "medium")
    ax.set_xticks(positions, list(spec.categories))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: fmt(value)))
    if len(spec.series) > 1:
        ax.legend(frameon=False)
    ax.margins(y=0.15)
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    _title(ax, spec)


def _pie(figure, spec, palette, fmt, hole=0.0):
    ax = figure.add_subplot()
    name, values = spec.series[0]
    total = sum(values)
    labels = [f"{c}\n{fmt(v)}{spec.unit}（{share_text(v, total)}）" for c, v in zip(spec.categories, values)]
    colors = [palette[i % len(palette)] for i in range(len(values))]
    if spec.highlight:
        colors = [col if c in spec.highlight else _muted(col) for c, col in zip(spec.categories, colors)]
    wedge = {"width": 1 - hole, "edgecolor": "white"} if hole else {"edgecolor": "white"}
    ax.pie(values, labels=labels, colors=colors, startangle=90, counterclock=False,
           wedgeprops=wedge, labeldistance=1.12, radius=0.9)
    ax.set_aspect("equal")
    _title(ax, spec)


def _donut(figure, spec, palette, fmt):
    _pie(figure, spec, palette, fmt, hole=0.45)


def _progress(figure, spec, palette, fmt):
    ax = figure.add_subplot()
    done, total = spec.series[0][1]
    ax.pie([done, total - done], colors=[palette[0], "#e6e6e6"], startangle=90, counterclock=False,
           wedgeprops={"width": 0.2, "edgecolor": "white"})
    # the share large above the centre, the counts small below it: they must not touch inside the ring
    ax.text(0, 0.14, share_text(done, total), ha="center", va="center", fontsize=ax.title.get_fontsize() * 1.4,
            color=palette[0])
    ax.text(0, -0.26, f"{spec.categories[0]}{fmt(done)}/{fmt(total)}{spec.unit}", ha="center", va="center",
            fontsize=ax.title.get_fontsize() * 0.6)
    ax.set_aspect("equal")
    _title(ax, spec)


_DRAW = {
    "bar": _bar, "hbar": _hbar, "grouped": _grouped, "stacked": _stacked, "line": _line,
    "pie": _pie, "donut": _donut, "progress": _progress,
}
