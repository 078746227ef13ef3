"""Indicators (1.1): targets and results in their own units, 完成率 computed, a table and a chart."""
import pytest
from docx import Document as Docx

from briefmaker import build
from briefmaker.brief.load import load_brief
from briefmaker.compose import compose
from briefmaker.document import ChartSpec, Figure, TableData
from briefmaker.errors import BriefError
from briefmaker.style import get_style

BRIEF = """\
version: 1.1
meta: {title: 标题, unit: 单位}
data: {gdp: {target: 120, done: 126.5}, jobs: 3260, projects: {over: 38}}
opening:
  - indicators:
      caption: 表1 主要指标完成情况
      chart: true
      chart_caption: 图1 主要指标完成率
      rows:
        - {name: 地区生产总值, unit: 亿元, target: gdp.target, done: gdp.done}
        - {name: 新增就业, unit: 人, target: 3000, done: jobs}
        - {name: 新开工项目, unit: 个, target: 40, done: projects}
        - {name: 税收, format: wan, target: 25000000, done: 26000000}
"""


def write(tmp_path, text=BRIEF):
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_rates_are_computed_over_100_percent_as_they_are(tmp_path):
    blocks = compose(load_brief(write(tmp_path)), get_style("gongwen")).blocks
    table, chart = (b for b in blocks if isinstance(b, Figure))
    assert isinstance(table.content, TableData) and isinstance(chart.content, ChartSpec)
    assert table.content.columns == ("指标", "单位", "目标", "完成", "完成率")
    assert table.content.rows == (("地区生产总值", "亿元", "120", "126.5", "105.4%"), ("新增就业", "人", "3000", "3260", "108.7%"),
                          ("新开工项目", "个", "40", "38余", "95%"), ("税收", "—", "2500万", "2600万", "104%"))
    assert table.caption == "表1 主要指标完成情况" and chart.caption == "图1 主要指标完成率"
    assert chart.content.kind == "hbar" and chart.content.number_format == "percent"
    assert chart.content.categories == ("地区生产总值", "新增就业", "新开工项目", "税收")
    assert chart.alt.startswith("完成率：地区生产总值105.4%")


def test_both_outputs_hold_the_table(tmp_path):
    result = build(write(tmp_path), tmp_path / "out")
    docx = next(p for p in result.outputs if p.suffix == ".docx")
    cells = [c.text for t in Docx(str(docx)).tables for row in t.rows for c in row.cells]
    assert "105.4%" in cells and "完成率" in cells


@pytest.mark.parametrize("change, where, code", [
    (("target: 3000", "target: 0"), "opening[0].indicators.rows[1].target", "indicator_target"),
    (("done: jobs", "done: jobz"), "opening[0].indicators.rows[1].done", "no_data"),
])
def test_bad_rows_are_located(tmp_path, change, where, code):
    with pytest.raises(BriefError) as info:
        compose(load_brief(write(tmp_path, BRIEF.replace(*change))), get_style("gongwen"))
    assert [(p.location.path, p.code) for p in info.value.problems] == [(where, code)]


def test_indicators_need_11_and_rows(tmp_path):
    with pytest.raises(BriefError) as info:
        load_brief(write(tmp_path, BRIEF.replace("version: 1.1\n", "")))
    assert [p.code for p in info.value.problems] == ["needs_version"]
    with pytest.raises(BriefError) as info:
        load_brief(write(tmp_path, "version: 1.1\nmeta: {title: x}\nopening:\n  - indicators: {rows: []}\n"))
    assert [p.location.path for p in info.value.problems] == ["opening[0].indicators.rows"]
