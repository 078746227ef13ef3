"""The progress chart (issue 15 item 6): the share with the brief's ``digits``, ``format: percent``
saying how the share is written (the counts stay counts), and a value over the target drawn as
over-achievement: the target's full ring and the part beyond it on a ring inside, in a deeper
colour, in the PDF's scene and in the native Word chart alike."""
from __future__ import annotations

import math

import docx
import pdfplumber
import pytest
from lxml import etree

from briefmaker import build
from briefmaker.charts.plan import deeper, plan
from briefmaker.charts.scene import Shape, layout
from briefmaker.document import ChartSpec, Progress
from briefmaker.render.docx.chartspace import chart_xml
from briefmaker.style import get_style

BRIEF = """\
meta:
  title: 进度
data:
  cases: {done: 993, total: 1000}
  homes: {done: 5791, total: 5848}
  plan: {done: 530, target: 500}
sections:
  - title: 进度
    body:
      - chart: {kind: progress, title: 办结率, unit: 件, value: cases.done, total: cases.total, digits: 1}
      - chart: {kind: progress, title: 入户率, unit: 户, value: homes.done, total: homes.total, format: percent}
      - chart: {kind: progress, title: 完成率, unit: 个, value: plan.done, total: plan.target}
"""
NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("progress")
    (folder / "progress.yaml").write_text(BRIEF, encoding="utf-8")
    return build(folder / "progress.yaml", folder / "out").outputs


def test_the_pdf_writes_the_share_with_its_digits_and_counts_as_counts(built):
    _, pdf = built
    with pdfplumber.open(str(pdf)) as document:
        text = "".join((page.extract_text() or "") for page in document.pages).replace(" ", "")
    for expected in ("99.3%", "已完成993/1000件", "99%", "已完成5791/5848户", "106%", "已完成530/500个"):
        assert expected in text, expected
    assert "579100%" not in text and "584800%" not in text


def test_alt_texts_say_the_same(built):
    docx_path, _ = built
    alts = [shape._inline.docPr.get("descr") for shape in docx.Document(str(docx_path)).inline_shapes]
    assert alts == ["办结率：已完成993件，共1000件，占99.3%。", "入户率：已完成5791户，共5848户，占99%。",
                    "完成率：已完成530个，共500个，占106%。"]


def _over(done: float = 530.0) -> ChartSpec:
    return ChartSpec("progress", "完成率", unit="个", digits=0,
                     progress=Progress(done, 500.0, "已完成", "未完成", "完成率", "超额部分"))


def _angle(point, centre) -> float:
    return math.degrees(math.atan2(point[1] - centre[1], point[0] - centre[0])) % 360


def test_the_scene_draws_the_full_ring_and_the_part_beyond_it_inside():
    style = get_style("gongwen")
    spec = _over()
    colour = plan(spec, style).colors[-1][0]
    shapes = [item for item in layout(spec, style).items if isinstance(item, Shape)]
    beyond = [s for s in shapes if s.fill == deeper(colour)]
    full = [s for s in shapes if s.fill == colour]
    assert len(beyond) == 1 and len(full) == 1
    # the target's ring is whole: two closed circles; the part beyond it starts at 12 o'clock and
    # sweeps clockwise 30/500 of a turn
    assert sum(step[0] == "Z" for step in full[0].path) == 2
    path = beyond[0].path
    xs = [step[-2] for step in full[0].path if step[0] != "Z"]
    ys = [step[-1] for step in full[0].path if step[0] != "Z"]
    centre = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    start = path[0][1:3]
    corner = next(step[1:3] for step in path if step[0] == "L")
    assert _angle(start, centre) == pytest.approx(90, abs=0.01)
    assert (90 - _angle(corner, centre)) % 360 == pytest.approx(360 * 30 / 500, abs=0.01)
    # inside the target's ring: every point of the part beyond it is nearer the centre
    radius = lambda p: math.dist(p, centre)  # noqa: E731
    outer_min = min(radius(step[-2:]) for step in full[0].path if step[0] != "Z")
    assert max(radius(step[-2:]) for step in path if step[0] != "Z") <= outer_min + 0.01


def test_the_native_chart_has_the_same_rings_and_label():
    style = get_style("gongwen")
    spec = _over()
    space = etree.fromstring(chart_xml(spec, style, "rId1"))
    series = space.findall(".//c:doughnutChart/c:ser", NS)
    assert len(series) == 2  # innermost first, as Word draws a doughnut's series
    values = [[float(v) for v in s.xpath("c:val//c:pt/c:v/text()", namespaces=NS)] for s in series]
    assert values == [[30.0, 470.0], [500.0, 0.0]]
    names = [s.xpath("c:tx//c:v/text()", namespaces=NS)[0] for s in series]
    assert names == ["超额部分", "完成率"]
    colours = [[p.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val") for p in s.findall("c:dPt", NS)]
               for s in series]
    drawn = plan(spec, style)
    assert colours == [[c[1:] for c in row] for row in drawn.colors]
    label = "\n".join(series[1].xpath("c:dLbls/c:dLbl[c:idx/@val='0']//a:t/text()", namespaces=NS))
    assert "106%" in label and "已完成530/500个" in label
    deleted = series[0].xpath("c:dLbls/c:dLbl[c:delete/@val='1']/c:idx/@val", namespaces=NS)
    assert sorted(deleted) == ["0", "1"]  # the ring beyond the target carries no label


def test_more_than_two_laps_draw_two_and_say_the_share():
    style = get_style("gongwen")
    spec = _over(1170.0)
    colour = plan(spec, style).colors[-1][0]
    shapes = [item for item in layout(spec, style).items if isinstance(item, Shape)]
    assert sum(s.fill == deeper(colour) for s in shapes) == 1
    texts = [item.text for item in layout(spec, style).items if hasattr(item, "text")]
    assert "234%" in texts


def test_an_over_achieving_chart_imports_back_with_its_numbers(built, tmp_path):
    from briefmaker.brief.load import load_brief

    from ..importer.roundtrip import import_and_build

    docx_path, _ = built
    brief, _, _ = import_and_build(docx_path, tmp_path / "again")
    loaded = load_brief(brief)
    data = loaded.brief.data
    charts = [item.chart for section in loaded.brief.sections for item in section.body if hasattr(item, "chart")]
    over = next(c for c in charts if c.title == "完成率")
    assert (data[over.value], data[over.total]) == (530, 500)
