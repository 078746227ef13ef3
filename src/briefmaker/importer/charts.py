"""A native Word chart (a chart part's cached categories and values) as a chart block's spec."""
from __future__ import annotations

import math
import re

from ..errors import BriefError
from .numbering import number

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _points(element) -> list[str]:
    if element is None:
        return []
    points = sorted(element.iter(C + "pt"), key=lambda p: number(p.get("idx")))
    return [(p.findtext(C + "v") or "").strip() for p in points]


def read_chart(package, name: str) -> dict | None:
    """{'kind', 'title', 'unit', 'categories', 'series': {name: [numbers]}, 'hole'} or None when
    the part is missing or holds no chart type a brief can draw."""
    try:
        root = package.xml(name)
    except BriefError:
        return None
    plot = next(root.iter(C + "plotArea"), None)
    if plot is None:
        return None
    kinds = {"barChart": None, "bar3DChart": None, "lineChart": "line", "pieChart": "pie", "pie3DChart": "pie",
             "doughnutChart": "donut"}
    chart = next((child for child in plot if child.tag[len(C):] in kinds), None)
    if chart is None:
        return None
    tag = chart.tag[len(C):]
    kind = kinds[tag]
    series: dict[str, list[float]] = {}
    categories: list[str] = []
    if tag.startswith("bar"):
        direction = chart.find(C + "barDir")
        grouping = chart.find(C + "grouping")
        horizontal = direction is not None and direction.get("val") == "bar"
        stacked = grouping is not None and grouping.get("val") in ("stacked", "percentStacked")
    for n, ser in enumerate(chart.findall(C + "ser"), 1):
        label = " ".join(_points(ser.find(C + "tx"))) or (ser.findtext(f"{C}tx/{C}v") or f"系列{n}")
        categories = categories or _points(ser.find(C + "cat"))
        try:
            values = [float(v) for v in _points(ser.find(C + "val"))]
        except ValueError:
            return None
        if not all(math.isfinite(v) and abs(v) < 1e15 for v in values):
            return None
        series[label] = [int(v) if v == int(v) else v for v in values]
    if not series or not all(series.values()):
        return None
    if not categories:
        categories = [str(i + 1) for i in range(len(next(iter(series.values()))))]
    if tag.startswith("bar"):
        kind = "stacked" if stacked else ("grouped" if len(series) > 1 else ("hbar" if horizontal else "bar"))
    title = "".join(t.text or "" for t in root.iter(A + "t") if _in_title(root, t))
    unit = ""
    match = re.match(r"^(.*)（([^（）]{1,6})）$", title)
    if match:
        title, unit = match.group(1), match.group(2)
    hole = chart.find(C + "holeSize")
    if kind == "donut" and hole is not None and hole.get("val") == "72" and len(series) in (1, 2) \
            and all(len(values) == 2 for values in series.values()):
        rings = list(series.items())
        if len(rings) == 1:
            kind = "progress"
        elif rings[1][1][1] == 0:  # over the target: the part beyond it inside, the target's full ring
            kind = "progress"
            target, beyond = rings[1][1][0], rings[0][1][0]
            series = {rings[1][0]: [target + beyond, -beyond]}  # done, and total − done
    return {"kind": kind, "title": title, "unit": unit, "categories": categories, "series": series}


def _in_title(root, text) -> bool:
    title = next(root.iter(C + "title"), None)
    return title is not None and any(t is text for t in title.iter(A + "t"))
