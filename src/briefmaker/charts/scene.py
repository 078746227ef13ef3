"""ChartSpec → Scene: a chart laid out in points as filled shapes, lines and text.

Over 400 lines on purpose: one layout function per chart kind, sharing the _Layout helpers.

The layout is done here once, with the bundled fonts' own metrics, so every writer draws the
same chart: the PDF as ReportLab vector graphics with real (searchable, copyable) text, the
DOCX picture as a PNG. No plotting library is involved, which keeps a build from importing one.

Coordinates are points with the origin at the bottom left; angles are degrees counter-clockwise
from 3 o'clock.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .. import document as d
from ..fonts import advances, runs_by_font, text_width
from ..style import Style
from ..text.linebreak import CANNOT_END, CANNOT_START, CLOSING, OPENING
from .labels import MINUS, share_text, value_text
from .plan import TRACK, muted, plan, progress_rings, progress_texts  # noqa: F401 - TRACK and muted: the painters' colours

AXIS = "#555555"
GRID = "#DDDDDD"
INK = "#000000"
LEADER = "#999999"


@dataclass(frozen=True)
class Text:
    """One line of text; (x, y) is on its baseline, at its start, middle or end (``anchor``)."""

    x: float
    y: float
    text: str
    font: str
    size: float
    color: str = INK
    anchor: str = "start"

    def runs(self) -> list[tuple[float, str, str]]:
        """(x, text, font key) of each run, left to right: the text cut where a character comes
        from the fallback font, placed by its anchor."""
        x = self.x - text_width(self.text, self.font, self.size) * {"start": 0, "middle": 0.5, "end": 1}[self.anchor]
        placed = []
        for run, font in runs_by_font(self.text, self.font):
            placed.append((x, run, font))
            x += text_width(run, font, self.size)
        return placed


@dataclass(frozen=True)
class Shape:
    """A path of ("M", x, y), ("L", x, y), ("C", x1, y1, x2, y2, x, y) and ("Z",) steps."""

    path: tuple
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.0


@dataclass(frozen=True)
class Scene:
    """A chart ready to draw: its size in points and its items, painted in order."""

    width: float
    height: float
    items: tuple
    ticks: tuple = ()  # the values the value axis labels (line charts), lowest first
    scale: float = 0.0  # points per unit of value, when the chart draws a lower bound's open end
    value_range: tuple = ()  # then also the values at the plot's two ends (bars)


def chart_size(spec: d.ChartSpec, style: Style) -> tuple[float, float]:
    """Width and height of the drawn chart in points."""
    width = style.type_width * spec.width
    ratio = {"pie": 0.5, "donut": 0.5, "progress": 0.42}.get(spec.kind, 0.5)
    if spec.kind == "hbar":
        ratio = min(0.5, 0.14 + 0.08 * len(spec.categories))
    return width, width * ratio


def layout(spec: d.ChartSpec, style: Style) -> Scene:
    """The chart of ``spec`` in ``style``, laid out; the same input always gives the same scene."""
    width, height = chart_size(spec, style)
    chart = _Layout(spec, style, width, height)
    _KINDS[spec.kind](chart)
    if not chart.plan.open_ends:
        return Scene(width, height, tuple(chart.items), tuple(chart.ticks))
    return Scene(width, height, tuple(chart.items), tuple(chart.ticks), chart.scale, tuple(chart.value_range))


class _Layout:
    """Drawing helpers and the room left for the plot as title, legend and labels take theirs."""

    def __init__(self, spec: d.ChartSpec, style: Style, width: float, height: float):
        role = style.role("chart")
        self.spec, self.font, self.size = spec, role.pdf, role.size
        self.palette = ["#" + c.upper() for c in style.palette]
        self.plan = plan(spec, style)
        self.width, self.height = width, height
        self.ascent = advances(role.pdf)[1]
        self.items: list = []
        self.ticks: list[float] = []
        self.scale = 0.0  # points per unit of value (column, bar and line charts)
        self.value_range: tuple[float, ...] = ()  # the values at the plot's ends (column and bar charts)
        pad = self.size * 0.3
        self.left, self.right, self.bottom, self.top = pad, width - pad, pad, height - pad
        self._title()

    # -- primitives ------------------------------------------------------------------------------
    def measure(self, text: str, size: float | None = None) -> float:
        return text_width(text, self.font, size or self.size)

    def text(self, x, y, text, size=None, color=INK, anchor="start") -> None:
        if text:
            self.items.append(Text(round(x, 3), round(y, 3), text, self.font, size or self.size, color, anchor))

    def centred_text(self, x, y_mid, text, size=None, color=INK, anchor="middle") -> None:
        """Text whose ideographs are vertically centred on ``y_mid``."""
        size = size or self.size
        self.text(x, y_mid - size * (self.ascent - 0.5) + size * 0.12, text, size, color, anchor)

    def shape(self, path, fill=None, stroke=None, width=0.0) -> None:
        rounded = tuple((step[0], *(round(v, 3) for v in step[1:])) for step in path)
        self.items.append(Shape(rounded, fill, stroke, width))

    def rect(self, x0, y0, x1, y1, fill) -> None:
        x0, x1 = sorted((x0, x1))
        y0, y1 = sorted((y0, y1))
        self.shape((("M", x0, y0), ("L", x1, y0), ("L", x1, y1), ("L", x0, y1), ("Z",)), fill=fill)

    def line(self, points, color=AXIS, width=0.8) -> None:
        path = (("M", *points[0]),) + tuple(("L", *p) for p in points[1:])
        self.shape(path, stroke=color, width=width)

    def circle(self, cx, cy, r, fill, stroke=None, width=0.0) -> None:
        path = (("M", cx + r, cy),) + _arc(cx, cy, r, 0, 360) + (("Z",),)
        self.shape(path, fill=fill, stroke=stroke, width=width)

    def wedge(self, cx, cy, outer, inner, start, end, fill, stroke=None, width=0.0) -> None:
        """The ring (``inner`` > 0) or pie slice between angles ``start`` and ``end``."""
        a0, a1 = math.radians(start), math.radians(end)
        if abs(end - start) >= 359.999:  # a whole disc or ring: no seam to the centre
            path = (("M", cx + outer, cy),) + _arc(cx, cy, outer, 0, 360) + (("Z",),)
            if inner:
                path += (("M", cx + inner, cy),) + _arc(cx, cy, inner, 360, 0) + (("Z",),)
        else:
            path = (("M", cx + outer * math.cos(a0), cy + outer * math.sin(a0)),) + _arc(cx, cy, outer, start, end)
            if inner:
                path += (("L", cx + inner * math.cos(a1), cy + inner * math.sin(a1)),) + _arc(cx, cy, inner, end, start)
            else:
                path += (("L", cx, cy),)
            path += (("Z",),)
        self.shape(path, fill=fill, stroke=stroke, width=width)

    def arrow(self, x0, y0, x1, y1, color) -> None:
        """A lower bound's open end: a stem from the value's end (x0, y0) to (x1, y1) with an
        arrowhead there, pointing away from the value (at least this much)."""
        length = math.hypot(x1 - x0, y1 - y0)
        if length <= 0:
            return
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        head = min(self.size * 0.55, length * 0.6)
        half = head * 0.45
        bx, by = x1 - ux * head, y1 - uy * head
        self.line([(x0, y0), (bx, by)], color, 1.2)
        self.shape((("M", x1, y1), ("L", bx - uy * half, by + ux * half), ("L", bx + uy * half, by - ux * half),
                    ("Z",)), fill=color)

    # -- shared parts ----------------------------------------------------------------------------
    def fmt(self, value: float) -> str:
        return value_text(value, self.spec, MINUS)

    def _title(self) -> None:
        title = self.plan.title
        if not title:
            return
        size = self.size + 1.5
        size = min(size, size * (self.right - self.left) / max(self.measure(title, size), 1))
        self.text(self.width / 2, self.top - size * self.ascent, title, size, anchor="middle")
        self.top -= size * 1.25 + self.size * 0.5

    def legend(self) -> None:
        """A row of colour keys and series names under the title (more rows when it is too wide)."""
        names = [entry.name for entry in self.plan.legend]
        box, gap, space = self.size * 0.7, self.size * 0.3, self.size * 1.2
        widths = [box + gap + self.measure(n) for n in names]
        rows: list[list[int]] = []
        row: list[int] = []
        for i, w in enumerate(widths):
            if row and sum(widths[j] for j in row) + space * len(row) + w > self.right - self.left:
                rows.append(row)
                row = []
            row.append(i)
        rows.append(row)
        for row in rows:
            total = sum(widths[i] for i in row) + space * (len(row) - 1)
            x = (self.left + self.right - total) / 2
            mid = self.top - self.size * 0.5
            for i in row:
                color = self.plan.legend[i].color
                if self.spec.kind == "line":
                    self.line([(x, mid), (x + box, mid)], color, 1.5)
                    self.circle(x + box / 2, mid, self.size * 0.18, color)
                else:
                    self.rect(x, mid - box / 2, x + box, mid + box / 2, color)
                self.centred_text(x + box + gap, mid, names[i], anchor="start")
                x += widths[i] + space
            self.top -= self.size * 1.4
        self.top -= self.size * 0.3

    def category_labels(self, centres: list[float], slot: float, baseline_top: float) -> None:
        """Each category's name centred under its slot, in up to two lines when it is too wide."""
        for x, label in zip(centres, self.spec.categories):
            lines = self.wrap(label, slot * 0.96)
            for k, line in enumerate(lines):
                self.text(x, baseline_top - self.size * (self.ascent + 1.2 * k), line, anchor="middle")

    def wrap(self, text: str, room: float) -> list[str]:
        """``text`` on one line, or on two cut near the middle where Chinese line breaking allows
        (no closing mark starts a line, no opening mark ends one, no number or word is split)."""
        if self.measure(text) <= room or len(text) < 2:
            return [text]
        allowed = [i for i in range(1, len(text))
                   if text[i] not in CANNOT_START and text[i - 1] not in CANNOT_END
                   and not (text[i - 1].isascii() and text[i - 1].isalnum() and text[i].isascii() and text[i].isalnum())]
        if not allowed:
            return [text]
        def cost(i: int) -> tuple:  # balanced lines, preferably cut at a bracket or mark
            at_mark = text[i - 1] in CLOSING or text[i] in OPENING
            return (max(self.measure(text[:i]), self.measure(text[i:])) - (self.size * 1.5 if at_mark else 0), i)

        cut = min(allowed, key=cost)
        return [text[:cut], text[cut:]]

    def label_rows(self, slot: float) -> int:
        return max((len(self.wrap(c, slot * 0.96)) for c in self.spec.categories), default=1)


def _arc(cx: float, cy: float, r: float, start: float, end: float) -> tuple:
    """Bézier steps along the circle from ``start`` to ``end`` degrees, at most 90° each."""
    steps = max(1, math.ceil(abs(end - start) / 90 - 1e-9))
    span = math.radians(end - start) / steps
    k = 4 / 3 * math.tan(span / 4)
    out = []
    a = math.radians(start)
    for _ in range(steps):
        b = a + span
        p0 = (math.cos(a), math.sin(a))
        p3 = (math.cos(b), math.sin(b))
        c1 = (p0[0] - k * p0[1], p0[1] + k * p0[0])
        c2 = (p3[0] + k * p3[1], p3[1] - k * p3[0])
        out.append(("C", cx + r * c1[0], cy + r * c1[1], cx + r * c2[0], cy + r * c2[1],
                    cx + r * p3[0], cy + r * p3[1]))
        a = b
    return tuple(out)


# -- column charts: bar, grouped, stacked ------------------------------------------------------
def _columns(chart: _Layout) -> None:
    spec, s = chart.spec, chart.size
    kind, count = spec.kind, len(spec.categories)
    ends = chart.plan.open_ends
    if chart.plan.legend:
        chart.legend()
    if ends:  # a lower bound's open end is drawn beyond its value: room for it
        highs = [max(v[i] + ends[j][i] for j, (_, v) in enumerate(spec.series)) for i in range(count)]
        lows = [min(v[i] for _, v in spec.series) for i in range(count)]
    elif kind == "stacked":
        highs = [sum(max(v[i], 0) for _, v in spec.series) for i in range(count)]
        lows = [sum(min(v[i], 0) for _, v in spec.series) for i in range(count)]
    else:
        highs = [max(v[i] for _, v in spec.series) for i in range(count)]
        lows = [min(v[i] for _, v in spec.series) for i in range(count)]
    vmax, vmin = max(max(highs), 0), min(min(lows), 0)
    slot = (chart.right - chart.left) / count
    label_h = s * 1.2 * chart.label_rows(slot)
    axis_floor = chart.bottom + label_h + s * 0.3
    room_above = s * 1.3
    room_below = s * 1.3 if vmin < 0 else 0
    span = (vmax - vmin) or 1
    scale = max(chart.top - axis_floor - room_above - room_below, s) / span
    zero = axis_floor + room_below + (-vmin) * scale
    chart.scale = scale
    chart.value_range = (round((axis_floor - zero) / scale, 6), round((chart.top - zero) / scale, 6))
    centres = [chart.left + slot * (i + 0.5) for i in range(count)]
    series = spec.series
    group = slot * (0.6 if kind == "bar" else 0.7)
    bar_w = group if kind in ("bar", "stacked") else group / len(series)
    label_size = min(s, s * bar_w * 1.6 / max(max(chart.measure(chart.fmt(v)) for _, vs in series for v in vs), 1))
    label_size = max(label_size, s * 0.7)
    pos, neg = [zero] * count, [zero] * count
    for j, (_, values) in enumerate(series):
        colours = chart.plan.colors[j]
        for i, value in enumerate(values):
            if kind == "stacked":
                x0 = centres[i] - bar_w / 2
                base = pos[i] if value >= 0 else neg[i]
                end = base + value * scale
                chart.rect(x0, base, x0 + bar_w, end, colours[i])
                if value >= 0:
                    pos[i] = end
                else:
                    neg[i] = end
                text = chart.fmt(value)
                if abs(end - base) >= s * 1.1 and chart.measure(text, label_size) <= bar_w - 2:
                    chart.centred_text(centres[i], (base + end) / 2, text, label_size, "#FFFFFF")
                continue
            x0 = centres[i] - group / 2 + bar_w * j
            end = zero + value * scale
            chart.rect(x0, zero, x0 + bar_w, end, colours[i])
            x_mid = x0 + bar_w / 2
            if ends and ends[j][i]:  # at least this much: an arrow up from the bar, the label above it
                tip = end + ends[j][i] * scale
                chart.arrow(x_mid, end, x_mid, tip, colours[i])
                chart.text(x_mid, tip + s * 0.25, chart.fmt(value), label_size, anchor="middle")
            elif value >= 0:
                chart.text(x_mid, end + s * 0.25, chart.fmt(value), label_size, anchor="middle")
            else:
                chart.text(x_mid, end - s * 0.25 - label_size * chart.ascent, chart.fmt(value), label_size,
                           anchor="middle")
    if kind == "stacked" and len(series) > 1:  # each column's total above it
        for i in range(count):
            total = sum(v[i] for _, v in series)
            chart.text(centres[i], pos[i] + s * 0.25, chart.fmt(total), anchor="middle")
    chart.line([(chart.left, zero), (chart.right, zero)])
    chart.category_labels(centres, slot, axis_floor - s * 0.3)


# -- horizontal bars ---------------------------------------------------------------------------
def _hbar(chart: _Layout) -> None:
    spec, s = chart.spec, chart.size
    values = spec.series[0][1]
    count = len(values)
    labels_w = max(chart.measure(c) for c in spec.categories) + s * 0.5
    texts = [chart.fmt(v) for v in values]
    room_right = max((chart.measure(t) for t, v in zip(texts, values) if v >= 0), default=0) + s * 0.5
    room_left = max((chart.measure(t) for t, v in zip(texts, values) if v < 0), default=0)
    room_left += s * 0.5 if room_left else 0
    reach = chart.plan.open_ends[0] if chart.plan.open_ends else (0.0,) * count
    vmax, vmin = max(max(v + r for v, r in zip(values, reach)), 0), min(min(values), 0)
    span = (vmax - vmin) or 1
    plot_left = chart.left + labels_w + room_left
    scale = max(chart.right - plot_left - room_right, s) / span
    zero = plot_left + (-vmin) * scale
    chart.scale = scale
    chart.value_range = (round((plot_left - zero) / scale, 6), round((chart.right - zero) / scale, 6))
    slot = (chart.top - chart.bottom) / count
    bar_h = slot * 0.6
    colours = chart.plan.colors[0]
    for i, (value, text) in enumerate(zip(values, texts)):
        mid = chart.top - slot * (i + 0.5)  # the first category at the top
        end = zero + value * scale
        chart.rect(zero, mid - bar_h / 2, end, mid + bar_h / 2, colours[i])
        if reach[i]:  # at least this much: an arrow on from the bar, the label after it
            tip = end + reach[i] * scale
            chart.arrow(end, mid, tip, mid, colours[i])
            chart.centred_text(tip + s * 0.25, mid, text, anchor="start")
        elif value >= 0:
            chart.centred_text(end + s * 0.25, mid, text, anchor="start")
        else:
            chart.centred_text(end - s * 0.25, mid, text, anchor="end")
        chart.centred_text(chart.left + labels_w - s * 0.5, mid, spec.categories[i], anchor="end")
    chart.line([(zero, chart.bottom), (zero, chart.top)])


# -- line --------------------------------------------------------------------------------------
def _nice_step(span: float, parts: int = 4) -> float:
    raw = span / parts
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * power >= raw:
            return m * power
    return 10 * power


def _ticks(chart: _Layout, low: float, high: float) -> list[float]:
    """Round values between ``low`` and ``high`` for the value axis, told apart by the number format."""
    step = _nice_step(high - low)
    while True:
        first = math.ceil(low / step - 1e-9)
        ticks = [round((first + k) * step, 10) for k in range(int((high - first * step) / step + 1e-9) + 1)]
        texts = [chart.fmt(t) for t in ticks]
        if len(set(texts)) == len(texts):
            return ticks
        step *= 2


def _line(chart: _Layout) -> None:
    spec, s = chart.spec, chart.size
    if chart.plan.legend:
        chart.legend()
    ends = chart.plan.open_ends
    every = [v for _, values in spec.series for v in values]
    every += [v + r for j, (_, values) in enumerate(spec.series) for v, r in zip(values, ends[j] if ends else ())]
    vmin, vmax = min(every), max(every)
    if vmax == vmin:
        vmin, vmax = vmin - (abs(vmin) or 1) / 2, vmax + (abs(vmax) or 1) / 2
    count = len(spec.categories)
    # the points keep a label's room above and below them, inside the axes
    rows = max((len(chart.wrap(c, (chart.right - chart.left) / count * 0.8)) for c in spec.categories), default=1)
    axis_y = chart.bottom + s * 1.2 * rows + s * 0.3
    lowest, highest = axis_y + s * 1.7, chart.top - s * 2.0
    scale = (highest - lowest) / (vmax - vmin)
    low, high = vmin - (lowest - axis_y) / scale, vmax + (chart.top - highest) / scale
    chart.scale = scale
    ticks = chart.ticks = _ticks(chart, low, high)

    def y_of(value: float) -> float:
        return axis_y + (value - low) * scale

    tick_w = max(chart.measure(chart.fmt(t)) for t in ticks) + s * 0.5
    plot_left = chart.left + tick_w
    slot = (chart.right - plot_left) / count
    for t in ticks:
        chart.line([(plot_left, y_of(t)), (chart.right, y_of(t))], GRID, 0.5)
        chart.centred_text(plot_left - s * 0.3, y_of(t), chart.fmt(t), anchor="end")
    chart.line([(plot_left, axis_y), (plot_left, chart.top)])
    chart.line([(plot_left, axis_y), (chart.right, axis_y)])
    centres = [plot_left + slot * (i + 0.5) for i in range(count)]
    placed: dict[int, list[tuple[float, float]]] = {i: [] for i in range(count)}
    labels = []
    for j, (_, values) in enumerate(spec.series):
        color = chart.palette[j % len(chart.palette)]
        points = [(x, y_of(v)) for x, v in zip(centres, values)]
        chart.line(points, color, 1.5)
        for i, ((x, y), value, category) in enumerate(zip(points, values, spec.categories)):
            strong = category in spec.highlight
            chart.circle(x, y, s * (0.38 if strong else 0.22), color)
            near = [values[k] for k in (i - 1, i + 1) if 0 <= k < count]
            trough = bool(near) and all(value < other for other in near)
            if ends and ends[j][i]:  # at least this much: an arrow up from the point, the label above it
                tip = y_of(value + ends[j][i])
                chart.arrow(x, y + s * (0.38 if strong else 0.22), x, tip, color)
                labels.append((i, x, tip, value, strong, color, False))
                continue
            labels.append((i, x, y, value, strong, color, trough))
    # labels after every line, so no line crosses a label: above a point, below a trough (where
    # the line leaves upwards), and on the other side when that side holds another series' point
    # or label at the same category
    points_at = {i: [y for (k, _, y, *_rest) in labels if k == i] for i in range(count)}
    for i, x, y, value, strong, color, trough in sorted(labels, key=lambda item: (item[0], -item[3])):
        size = s * 1.2 if strong else s
        above = y + s * (0.55 if strong else 0.35)
        below = y - s * (0.55 if strong else 0.35) - size * chart.ascent

        def clear(spot: float) -> bool:
            low, high = spot - size * 0.12, spot + size * 0.88
            if any(low < other + s * 0.3 and other - s * 0.3 < high for other in points_at[i] if other != y):
                return False
            return not any(low < top and bottom < high for bottom, top in placed[i])

        spot = next((c for c in ((below, above) if trough else (above, below)) if clear(c)),
                    below if trough else above)
        placed[i].append((spot - size * 0.12, spot + size * 0.88))
        chart.text(x, spot, chart.fmt(value), size, color if strong else INK, anchor="middle")
    chart.category_labels(centres, slot, axis_y - s * 0.3)


# -- pie, donut, progress ----------------------------------------------------------------------
def _pie(chart: _Layout, hole: float = 0.0) -> None:
    spec, s = chart.spec, chart.size
    values = spec.series[0][1]
    total = sum(values)
    cy = (chart.top + chart.bottom) / 2
    cx = chart.width / 2
    r = min((chart.top - chart.bottom) / 2 * 0.92, chart.width * 0.22)
    colours = chart.plan.colors[0]
    angle = 90.0
    sides: dict[str, list] = {"left": [], "right": []}
    for category, value, colour in zip(spec.categories, values, colours):
        sweep = 360 * value / total
        if sweep > 0:
            chart.wedge(cx, cy, r, r * hole, angle, angle - sweep, colour, "#FFFFFF", 1.0)
        mid = math.radians(angle - sweep / 2)
        side = "right" if math.cos(mid) >= -1e-9 else "left"
        lines = [category, f"{chart.fmt(value)}{spec.unit}（{share_text(value, total)}）"]
        sides[side].append([cy + (r + s) * math.sin(mid), mid, lines])
        angle -= sweep
    block = s * 1.25 * 2
    for side, labels in sides.items():
        labels.sort(key=lambda item: -item[0])
        # push labels apart top-down, then pull them back inside the chart bottom-up
        ceiling = chart.top - block / 2
        for k in range(len(labels)):
            labels[k][0] = min(labels[k][0], ceiling)
            ceiling = labels[k][0] - block
        floor = chart.bottom + block / 2
        for k in range(len(labels) - 1, -1, -1):
            labels[k][0] = max(labels[k][0], floor)
            floor = labels[k][0] + block
        sign = 1 if side == "right" else -1
        for y, mid, lines in labels:
            edge = (cx + r * math.cos(mid), cy + r * math.sin(mid))
            x = cx + sign * (r + s * 1.2)
            chart.line([(edge[0] + (r * 0.04) * math.cos(mid), edge[1] + (r * 0.04) * math.sin(mid)),
                        (x - sign * s * 0.3, y)], LEADER, 0.5)
            anchor = "start" if side == "right" else "end"
            chart.centred_text(x, y + s * 0.62, lines[0], anchor=anchor)
            chart.centred_text(x, y - s * 0.62, lines[1], anchor=anchor)


def _donut(chart: _Layout) -> None:
    _pie(chart, hole=0.55)


def _progress(chart: _Layout) -> None:
    """The rings of charts/plan.py (over the target: the full ring, and the part beyond it on a
    ring inside, in a deeper colour), the share and the counts in the middle."""
    spec = chart.spec
    assert spec.progress is not None
    cy = (chart.top + chart.bottom) / 2
    cx = chart.width / 2
    r = (chart.top - chart.bottom) / 2
    inner = r * 0.8
    rings = progress_rings(spec.progress)
    band = (r - inner) / len(rings)
    for k, ((filled, rest), (colour, track)) in enumerate(zip(rings, chart.plan.colors)):
        low = inner + k * band
        chart.wedge(cx, cy, low + band, low, 90, 90 - 360, track)
        if filled > 0:
            chart.wedge(cx, cy, low + band, low, 90, 90 - 360 * filled / (filled + rest), colour)
    done_colour = chart.plan.colors[-1][0]
    title_size = chart.size + 1.5
    share, counts = progress_texts(spec)
    room = inner * 1.7
    big = min(title_size * 1.4, title_size * 1.4 * room / max(chart.measure(share, title_size * 1.4), 1))
    small = min(title_size * 0.6, title_size * 0.6 * room / max(chart.measure(counts, title_size * 0.6), 1))
    chart.centred_text(cx, cy + inner * 0.2, share, big, done_colour)
    chart.centred_text(cx, cy - inner * 0.33, counts, small)


_KINDS = {
    "bar": _columns, "grouped": _columns, "stacked": _columns, "hbar": _hbar, "line": _line,
    "pie": _pie, "donut": _donut, "progress": _progress,
}
