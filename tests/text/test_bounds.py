"""Bounds as data (1.1): the qualifier belongs to the value and is printed wherever it is."""
import pickle
import copy

import pytest

from briefmaker.brief.load import load_brief
from briefmaker.compose import compose
from briefmaker.errors import BriefError
from briefmaker.style import get_style
from briefmaker.text.bounds import Bound

BRIEF = """\
version: 1.1
meta: {title: 标题, unit: 单位}
data:
  growth: {at_least: 0.1}
  revenue: {more_than: 2500000000, word: 突破}
  tax: {more_than: 10000000}
  funds: {about: 2000000}
  events: {over: 20}
  plain: {about_us: 1}
opening:
  - 增长{{ growth | percent }}，{{ revenue | wan }}元，{{ tax | wan }}元，约数{{ funds | wan }}元，活动{{ events }}场次，加一得{{ events + 1 }}。
  - figures:
      - {value: revenue, format: wan, unit: 元, label: 收入}
      - {value: events, unit: 场次, label: 活动}
  - chart: {kind: bar, unit: 场次, data: {活动: events, 其他: 15}}
  - table: {columns: [项目, 数量], rows: [[活动, "{{ events }}"]]}
"""


def composed(tmp_path, text=BRIEF):
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    return compose(load_brief(path), get_style("gongwen"))


def test_the_qualifier_is_printed_by_every_filter_and_plain(tmp_path):
    document = composed(tmp_path)
    assert document.blocks[1].text == ("增长10%以上，突破25亿元，超1000万元，约数约200万元，活动20余场次，加一得21。")


def test_key_figures_charts_alt_text_and_cells_carry_it(tmp_path):
    figures, chart, table = composed(tmp_path).blocks[2:5]
    assert [f.value for f in figures.items] == ["突破25亿", "20余"]
    assert chart.content.series[0][1] == (20, 15) and chart.alt == "活动20余场次，其他15场次。"
    assert table.content.rows == (("活动", "20余"),)


def test_a_bound_is_a_number_that_survives_copy_and_pickle():
    bound = Bound(20, "over")
    assert bound + 1 == 21 and type(bound + 1) is float
    for again in (pickle.loads(pickle.dumps(bound)), copy.deepcopy(bound)):
        assert isinstance(again, Bound) and (again.kind, again.word, float(again)) == ("over", "余", 20.0)


def test_version_1_reads_such_a_mapping_as_a_mapping(tmp_path):
    text = "meta: {title: 标题}\ndata: {events: {over: 20}}\nopening:\n  - \"{{ events.over }}场次\"\n"
    assert composed(tmp_path, text).blocks[1].text == "20场次"


@pytest.mark.parametrize("data, where, code", [
    ("{a: {at_least: 1, about: 2}}", "data.a.about", "bound_kinds"),
    ("{a: {over: 多少}}", "data.a.over", "wrong_type"),
    ("{a: {over: true}}", "data.a.over", "wrong_type"),
    ("{a: {more_than: 5, word: 大于}}", "data.a.word", "bound_word"),
    ("{a: [{about: 1, word: 余}]}", "data.a[0].word", "bound_word"),
])
def test_bad_bounds_are_located(tmp_path, data, where, code):
    path = tmp_path / "b.yaml"
    path.write_text(f"version: 1.1\nmeta: {{title: 标题}}\ndata: {data}\n", encoding="utf-8")
    with pytest.raises(BriefError) as info:
        load_brief(path)
    assert [(p.location.path, p.code) for p in info.value.problems] == [(where, code)]
    assert info.value.problems[0].text("zh") != info.value.problems[0].text("en")
