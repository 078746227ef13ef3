"""One chart plan for both writers: the native Word chart says what the plan says (title, legend,
every series' and point's colour), and so does the vector scene."""
from __future__ import annotations

import pytest
from lxml import etree

from briefmaker.charts.plan import plan
from briefmaker.charts.scene import Shape, Text, layout
from briefmaker.document import ChartSpec, Progress
from briefmaker.render.docx.chartspace import chart_xml
from briefmaker.style import get_style

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
CATS = ("一季度", "二季度", "三季度")
SPECS = {
    "bar": ChartSpec("bar", "投入", CATS, (("投入", (3.0, 5.0, 4.0)),), unit="万元", highlight=("二季度",)),
    "hbar": ChartSpec("hbar", "投入", CATS, (("投入", (3.0, 5.0, 4.0)),)),
    "grouped": ChartSpec("grouped", "人数", CATS, (("男", (1.0, 2.0, 3.0)), ("女", (2.0, 3.0, 1.0)))),
    "stacked-one": ChartSpec("stacked", "人数", CATS, (("合计", (1.0, 2.0, 3.0)),)),
    "stacked": ChartSpec("stacked", "人数", CATS, (("男", (1.0, 2.0, 3.0)), ("女", (2.0, 3.0, 1.0)))),
    "line": ChartSpec("line", "", CATS, (("增速", (0.1, 0.2, 0.15)),), unit="%"),
    "lines": ChartSpec("line", "增速", CATS, (("甲", (1.0, 2.0, 1.5)), ("乙", (2.0, 1.0, 3.0)))),
    "pie": ChartSpec("pie", "构成", CATS, (("构成", (1.0, 2.0, 3.0)),), highlight=("一季度",)),
    "donut": ChartSpec("donut", "构成", CATS, (("构成", (1.0, 2.0, 3.0)),)),
    "progress": ChartSpec("progress", "化解", unit="起", progress=Progress(241.0, 246.0, "已化解", "未化解", "化解")),
}


def _fill(element) -> str | None:
    found = element.find("c:spPr/a:solidFill/a:srgbClr", NS)
    return None if found is None else found.get("val")


@pytest.mark.parametrize("name", sorted(SPECS))
def test_the_word_chart_says_what_the_plan_says(name):
    spec, style = SPECS[name], get_style("gongwen")
    drawn = plan(spec, style)
    space = etree.fromstring(chart_xml(spec, style, "rId1"))
    title = "".join(space.xpath("c:chart/c:title//a:t/text()", namespaces=NS))
    assert title == drawn.title
    legend = space.find("c:chart/c:legend", NS)
    assert (legend is not None) == bool(drawn.legend)
    if legend is not None:
        assert legend.find("c:legendPos", NS).get("val", "r") == {"top": "t", "right": "r"}[drawn.legend_place]
    # the plot of the spec's own kind: a stacked chart's totals ride on an invisible line series
    plot = {"line": "lineChart", "pie": "pieChart", "donut": "doughnutChart", "progress": "doughnutChart"}
    series = space.findall(f".//c:{plot.get(spec.kind, 'barChart')}/c:ser", NS)
    assert len(series) == len(drawn.series) or spec.kind in ("pie", "donut", "progress")
    if spec.kind in ("pie", "donut", "progress"):
        points = {int(p.find("c:idx", NS).get("val")): _fill(p) for p in series[0].findall("c:dPt", NS)}
        assert [points[i] for i in range(len(drawn.colors[0]))] == [c[1:] for c in drawn.colors[0]]
        return
    for j, ser in enumerate(series):
        own = drawn.series[j][1:]
        if spec.kind == "line":
            assert ser.find("c:spPr/a:ln/a:solidFill/a:srgbClr", NS).get("val") == own
            continue
        assert _fill(ser) == own
        points = {int(p.find("c:idx", NS).get("val")): _fill(p) for p in ser.findall("c:dPt", NS)}
        assert [points.get(i, own) for i in range(len(CATS))] == [c[1:] for c in drawn.colors[j]]


@pytest.mark.parametrize("name", ["stacked-one", "stacked", "grouped", "bar"])
def test_the_scene_shows_a_legend_exactly_when_the_plan_has_one(name):
    spec, style = SPECS[name], get_style("gongwen")
    drawn = plan(spec, style)
    scene = layout(spec, style)
    texts = {item.text for item in scene.items if isinstance(item, Text)}
    assert {e.name for e in drawn.legend} <= texts
    if not drawn.legend:
        assert not {n for n, _ in spec.series} & texts
    fills = {item.fill for item in scene.items if isinstance(item, Shape) and item.fill}
    assert {c for row in drawn.colors for c in row} <= fills


def test_a_one_series_stacked_chart_has_no_legend_in_either_writer():
    assert plan(SPECS["stacked-one"], get_style("gongwen")).legend == ()


# -- a lower bound's open end (brief format 1.1) --------------------------------------------------
from briefmaker.text.bounds import Bound  # noqa: E402

BOUNDED = {
    "bar": ChartSpec("bar", "场次", CATS, (("场次", (Bound(120, "at_least"), Bound(90, "about"), Bound(20, "over"))),)),
    "hbar": ChartSpec("hbar", "收入", CATS, (("收入", (3.0, Bound(5.0, "more_than", "突破"), 4.0)),)),
    "grouped": ChartSpec("grouped", "人数", CATS, (("男", (1.0, 2.0, 3.0)), ("女", (2.0, Bound(3.0, "over"), 1.0)))),
    "line": ChartSpec("line", "增速", CATS, (("甲", (1.0, Bound(2.0, "at_least"), 1.5)),)),
}


def _arrows(scene) -> int:
    """Filled triangles: the arrowheads of open ends (no other shape of these kinds has three corners)."""
    return sum(1 for item in scene.items if isinstance(item, Shape) and item.fill and len(item.path) == 4
               and item.path[-1] == ("Z",))


@pytest.mark.parametrize("name", sorted(BOUNDED))
def test_a_lower_bound_has_an_open_end_in_the_plan_the_scene_and_the_word_chart(name):
    spec, style = BOUNDED[name], get_style("gongwen")
    drawn = plan(spec, style)
    largest = max(abs(v) for _, values in spec.series for v in values)
    expected = tuple(tuple(0.15 * largest if isinstance(v, Bound) and v.kind != "about" else 0.0 for v in values)
                     for _, values in spec.series)
    assert drawn.open_ends == expected  # decided once: at_least, more_than, over; never about
    opens = sum(1 for row in drawn.open_ends for r in row if r)
    assert _arrows(layout(spec, style)) == opens
    space = etree.fromstring(chart_xml(spec, style, "rId1"))
    plot = "lineChart" if spec.kind == "line" else "barChart"
    for j, ser in enumerate(space.findall(f".//c:{plot}/c:ser", NS)):
        bars = ser.find("c:errBars", NS)
        if not any(drawn.open_ends[j]):
            assert bars is None
            continue
        assert bars.find("c:errBarType", NS).get("val") == "plus"
        assert bars.find("c:noEndCap", NS).get("val") == "1"
        reach = [float(v) for v in bars.xpath("c:plus/c:numLit/c:pt/c:v/text()", namespaces=NS)]
        assert reach == list(drawn.open_ends[j])
        moved = {int(lbl.find("c:idx", NS).get("val")) for lbl in ser.findall("c:dLbls/c:dLbl", NS)
                 if lbl.find("c:layout/c:manualLayout", NS) is not None}
        assert moved == {i for i, r in enumerate(drawn.open_ends[j]) if r}  # each label beyond its mark
        # the caches hold the numbers, not the labels' texts (约90 is no number)
        values = [float(v) for v in ser.xpath("c:val/c:numRef/c:numCache/c:pt/c:v/text()", namespaces=NS)]
        assert values == [float(v) for v in spec.series[j][1]]


def test_exact_values_and_about_draw_no_open_end():
    style = get_style("gongwen")
    about = ChartSpec("bar", "投入", CATS, (("投入", (Bound(3.0, "about"), 5.0, 4.0)),))
    for spec in (*SPECS.values(), about):
        assert plan(spec, style).open_ends == ()
        assert b"errBars" not in chart_xml(spec, style, "rId1")
    stacked = ChartSpec("stacked", "人数", CATS, (("男", (Bound(1.0, "at_least"), 2.0, 3.0)),))
    assert plan(stacked, style).open_ends == ()  # a segment has no end of its own: its label says 以上
