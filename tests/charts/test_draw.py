"""Charts: every kind draws, the same input gives the same bytes, only bundled fonts are used."""
import logging
import warnings
from pathlib import Path

import pytest

from briefmaker.charts import draw
from briefmaker.document import ChartSpec
from briefmaker.fonts import fonts_dir
from briefmaker.style import get_style

STYLE = get_style("gongwen")
SPECS = {
    "bar": ChartSpec("bar", "投入力量", ("机关干部", "下沉干部"), (("人", (230.0, 150.0)),), "人"),
    "hbar": ChartSpec("hbar", "安全生产", ("发现问题", "现场整改"), (("处", (285.0, 207.0)),), "处"),
    "grouped": ChartSpec("grouped", "对比", ("2019年", "2020年"), (("排查", (200.0, 246.0)), ("化解", (190.0, 241.0)))),
    "stacked": ChartSpec("stacked", "构成", ("一季度", "二季度"), (("甲", (1.0, 2.0)), ("乙", (3.0, 4.0)))),
    "line": ChartSpec("line", "月度变化", ("1月", "2月", "3月"), (("增长", (-5.0, 3.0, 8.0)),), "%"),
    "pie": ChartSpec("pie", "宣传品", ("宣传页", "条幅"), (("份", (100000.0, 10000.0)),), "份"),
    "donut": ChartSpec("donut", "改造进展", ("已完成", "推进中"), (("个", (2.0, 7.0)),), "个"),
    "progress": ChartSpec("progress", "矛盾化解", ("已化解", "未化解"), (("", (241.0, 246.0)),), "起"),
    # negative numbers: the chart font lacks U+2212, so the minus must come from the fallback font
    "bar-negative-wan": ChartSpec("bar", "收支", ("收入", "支出"), (("", (35000.0, -120000.0)),), "元",
                                  number_format="wan", highlight=("支出",)),
    "hbar-negative-thousands": ChartSpec("hbar", "变化", ("甲", "乙"), (("", (-1234.5, 2000.0)),),
                                         number_format="thousands"),
    "grouped-negative": ChartSpec("grouped", "增减", ("2019年", "2020年"), (("甲", (-2.0, 3.0)), ("乙", (1.0, -4.0)))),
    "line-percent": ChartSpec("line", "增速", ("1月", "2月"), (("", (-0.05, 0.125)),), number_format="percent",
                              digits=1, highlight=("2月",)),
}


@pytest.mark.parametrize("kind", sorted(SPECS))
def test_every_kind_draws_deterministically_without_missing_glyphs(kind, caplog):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font" is a warning: make it fail
        with caplog.at_level(logging.WARNING, logger="matplotlib"):
            first = draw.render(SPECS[kind], STYLE)
            second = draw.render(SPECS[kind], STYLE)
    assert first == second
    svg, png = first
    assert svg.startswith(b"<?xml") and b"<path" in svg
    assert png.startswith(b"\x89PNG")
    assert not [r for r in caplog.records if "missing" in r.getMessage().lower()]


def test_only_bundled_and_matplotlib_fonts_are_known_after_drawing():
    import matplotlib
    from matplotlib import font_manager

    draw.render(SPECS["bar"], STYLE)
    allowed = (Path(matplotlib.get_data_path()).resolve(), fonts_dir().resolve())
    for entry in font_manager.fontManager.ttflist:
        assert any(Path(entry.fname).resolve().is_relative_to(root) for root in allowed), entry.fname
