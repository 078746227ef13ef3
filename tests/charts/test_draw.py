"""Charts: every kind lays out inside its box with no label on another, draws deterministically
into both formats, and every character comes from a bundled font that has it."""
import logging
import warnings

import pytest

from briefmaker.charts.raster import to_png
from briefmaker.charts.scene import Shape, Text, chart_size, layout
from briefmaker.document import ChartSpec, Progress
from briefmaker.fonts import advances, coverage, runs_by_font, text_width
from briefmaker.render.pdf.chart import chart_drawing
from briefmaker.style import get_style
from briefmaker.text.bounds import Bound

STYLE = get_style("gongwen")
SPECS = {
    "bar": ChartSpec("bar", "投入力量", ("机关干部", "下沉干部"), (("人", (230.0, 150.0)),), "人"),
    "bar-long-labels": ChartSpec("bar", "投入力量", ("机关干部", "下沉干部", "村（社区）干部", "志愿者", "网格员"),
                                 (("人", (230.0, 150.0, 120.0, 1200.0, 80.0)),), "人"),
    "hbar": ChartSpec("hbar", "安全生产", ("发现问题", "现场整改"), (("处", (285.0, 207.0)),), "处"),
    "grouped": ChartSpec("grouped", "对比", ("2019年", "2020年"), (("排查", (200.0, 246.0)), ("化解", (190.0, 241.0)))),
    "stacked": ChartSpec("stacked", "构成", ("一季度", "二季度"), (("甲", (1.0, 2.0)), ("乙", (3.0, 4.0)))),
    "line": ChartSpec("line", "月度变化", ("1月", "2月", "3月"), (("增长", (-5.0, 3.0, 8.0)),), "%"),
    "line-crossing": ChartSpec("line", "月度新增就业", ("7月", "8月", "9月", "10月", "11月", "12月"),
                               (("2020年", (1.2, 0.8, 1.5, 2.1, 1.9, 2.6)), ("2019年", (1.0, 1.1, 1.2, 1.4, 1.5, 1.7))),
                               "万人", highlight=("12月",)),
    "pie": ChartSpec("pie", "宣传品", ("宣传页", "条幅"), (("份", (100000.0, 10000.0)),), "份"),
    "pie-many-small": ChartSpec("pie", "构成", ("甲", "乙", "丙", "丁", "戊"), (("", (96.0, 1.0, 1.0, 1.0, 1.0)),)),
    "donut": ChartSpec("donut", "改造进展", ("已完成", "推进中"), (("个", (2.0, 7.0)),), "个"),
    "progress": ChartSpec("progress", "矛盾化解", unit="起", progress=Progress(241.0, 246.0, "已化解", "未化解", "矛盾化解")),
    "bar-negative-wan": ChartSpec("bar", "收支", ("收入", "支出"), (("", (35000.0, -120000.0)),), "元",
                                  number_format="wan", highlight=("支出",)),
    "hbar-negative-thousands": ChartSpec("hbar", "变化", ("甲", "乙"), (("", (-1234.5, 2000.0)),),
                                         number_format="thousands"),
    "grouped-negative": ChartSpec("grouped", "增减", ("2019年", "2020年"), (("甲", (-2.0, 3.0)), ("乙", (1.0, -4.0)))),
    "line-percent": ChartSpec("line", "增速", ("1月", "2月"), (("", (-0.05, 0.125)),), number_format="percent",
                              digits=1, highlight=("2月",)),
    # lower bounds (1.1): an arrow on from the largest value, its label beyond it, still inside
    "bar-bounds": ChartSpec("bar", "活动", ("甲", "乙", "丙"), (("场", (Bound(120.0, "at_least"), Bound(90.0, "about"),
                                                                   Bound(20.0, "over"))),), "场"),
    "hbar-bounds": ChartSpec("hbar", "收入", ("上年", "本年"), (("", (2.1e9, Bound(2.5e9, "more_than", "突破"))),), "元",
                             number_format="wan"),
    "grouped-bounds": ChartSpec("grouped", "对比", ("2019年", "2020年"),
                                (("排查", (200.0, Bound(246.0, "at_least"))), ("化解", (190.0, 241.0)))),
    "line-bounds": ChartSpec("line", "增速", ("1月", "2月", "3月"),
                             (("甲", (0.05, Bound(0.125, "at_least"), 0.1)), ("乙", (0.04, 0.12, 0.11))),
                             number_format="percent", digits=1),
}


def text_box(item: Text) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the text's ideograph box."""
    width = text_width(item.text, item.font, item.size)
    x0 = item.x - width * {"start": 0, "middle": 0.5, "end": 1}[item.anchor]
    _, ascent, descent = advances(item.font)
    return x0, item.y + descent * item.size, x0 + width, item.y + ascent * item.size


def overlap(a, b) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_kind_lays_out_inside_its_box_with_no_text_on_other_text(name):
    scene = layout(SPECS[name], STYLE)
    assert (scene.width, scene.height) == chart_size(SPECS[name], STYLE)
    texts = [item for item in scene.items if isinstance(item, Text)]
    assert len(texts) >= 3 and any(isinstance(item, Shape) for item in scene.items)
    boxes = [text_box(t) for t in texts]
    for item, (x0, y0, x1, y1) in zip(texts, boxes):
        assert -0.5 <= x0 and x1 <= scene.width + 0.5, item
        assert -0.5 <= y0 and y1 <= scene.height + 0.5, item
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            # ideograph boxes include the line gap: a sliver (descender against ascender) is no clash
            assert overlap(boxes[i], boxes[j]) < 0.05 * texts[i].size ** 2, (texts[i], texts[j])


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_kind_draws_deterministically_from_fonts_that_have_each_glyph(name, caplog):
    scene = layout(SPECS[name], STYLE)
    assert layout(SPECS[name], STYLE) == scene
    for item in scene.items:
        if isinstance(item, Text):
            for run, font in runs_by_font(item.text, item.font):
                assert all(ord(ch) in coverage(font) for ch in run), (run, font)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib's "Glyph … missing from font" is a warning: make it fail
        with caplog.at_level(logging.WARNING, logger="matplotlib"):
            first, second = to_png(scene), to_png(scene)
    assert first == second and first.startswith(b"\x89PNG")
    assert not [r for r in caplog.records if "missing" in r.getMessage().lower()]
    drawing = chart_drawing(scene)
    assert (drawing.width, drawing.height) == (scene.width, scene.height)


def test_the_minus_sign_is_the_true_minus_and_comes_from_a_font_that_has_it():
    scene = layout(SPECS["bar-negative-wan"], STYLE)
    labels = [item.text for item in scene.items if isinstance(item, Text)]
    assert "\u221212万" in labels
    assert any(font == "fallback" and "\u2212" in run
               for label in labels for run, font in runs_by_font(label, STYLE.role("chart").pdf))


def test_line_labels_at_one_month_go_to_opposite_sides_when_they_would_collide():
    scene = layout(SPECS["line-crossing"], STYLE)
    july = min(item.x for item in scene.items if isinstance(item, Text) and item.text == "7月")
    labels = {item.text: item for item in scene.items if isinstance(item, Text) and item.x == july}
    # 7月: 1.2 (2020) and 1 (2019) are close; the lower one's label goes below its point
    assert labels["1.2"].y > labels["1"].y + STYLE.role("chart").size
