"""Year over year (1.1): `previous:` names last year's brief; its data is quoted as previous.…"""
import pytest

from briefmaker.brief.load import load_brief
from briefmaker.compose import compose
from briefmaker.errors import BriefError
from briefmaker.style import get_style

LAST = "meta: {title: 2019年工作总结, year: 2019}\ndata: {gdp: 112.3, jobs: 0}\ncomputed:\n  half: gdp / 2\n"
THIS = """\
version: 1.1
previous: {previous}
meta: {{title: 2020年工作总结, year: 2020}}
data: {{gdp: 126.2}}
opening:
  - 同比增长{{{{ growth(gdp, previous.gdp) | percent(1) }}}}，上年一半为{{{{ previous.half }}}}，{{{{ previous.meta.year }}}}年。
  - chart:
      kind: grouped
      categories: [地区生产总值]
      series:
        "{{{{ previous.meta.year }}}}年": [previous.gdp]
        "{{{{ meta.year }}}}年": [gdp]
"""


def composed(tmp_path, previous="2019.yaml", text=THIS):
    (tmp_path / "2019.yaml").write_text(LAST, encoding="utf-8")
    path = tmp_path / "2020.yaml"
    path.write_text(text.format(previous=previous), encoding="utf-8")
    return compose(load_brief(path), get_style("gongwen"))


def test_last_years_values_are_quoted_and_growth_computed(tmp_path):
    document = composed(tmp_path)
    assert document.blocks[1].text == "同比增长12.4%，上年一半为56.15，2019年。"
    (chart,) = document.charts()
    assert chart.content.series == (("2019年", (112.3,)), ("2020年", (126.2,)))


def test_growth_from_zero_and_a_missing_brief_are_located(tmp_path):
    text = THIS.replace("growth(gdp, previous.gdp)", "growth(gdp, previous.jobs)")
    with pytest.raises(BriefError) as info:
        composed(tmp_path, text=text)
    assert [(p.location.line, p.code) for p in info.value.problems] == [(6, "jinja_error")]
    assert "last year's value is 0" in info.value.problems[0].text("en")
    with pytest.raises(BriefError) as info:
        composed(tmp_path, previous="2018.yaml")
    assert (info.value.problems[0].location.path, info.value.problems[0].code) == ("previous", "previous_not_found")


@pytest.mark.parametrize("name, code", [("../x.yaml", "path_outside"), ("/etc/passwd", "path_outside")])
def test_previous_stays_inside_the_folder(tmp_path, name, code):
    with pytest.raises(BriefError) as info:
        composed(tmp_path, previous=name)
    assert info.value.problems[0].code == code


def test_a_brief_naming_itself_as_previous_does_not_loop(tmp_path):
    assert composed(tmp_path, previous="2020.yaml", text=THIS.replace("previous.half", "previous.gdp")).blocks


def test_previous_needs_11(tmp_path):
    (tmp_path / "b.yaml").write_text("previous: a.yaml\nmeta: {title: x}\n", encoding="utf-8")
    with pytest.raises(BriefError) as info:
        load_brief(tmp_path / "b.yaml")
    assert [p.code for p in info.value.problems] == ["needs_version"]


# -- previous: naming a data file of last year's figures ---------------------------------------
DATA_TEXT = THIS.replace("上年一半为{{{{ previous.half }}}}", "上年活动{{{{ previous.events }}}}场")


@pytest.mark.parametrize("name, content", [
    ("2019-data.yaml", "data: {gdp: 112.3, events: {over: 20}}\n"),  # the year: this brief's − 1
    ("2019-data.yaml", "year: 2019\ndata:\n  gdp: 112.3\n  events: {over: 20}\n"),
    ("2019.csv", "gdp,events,meta.year\n112.3,20余,2019\n"),
])
def test_a_data_file_is_quoted_as_last_years_brief_is(tmp_path, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    document = composed(tmp_path, previous=name, text=DATA_TEXT)
    assert document.blocks[1].text == "同比增长12.4%，上年活动20余场，2019年。"  # a bound, or a cell's text
    (chart,) = document.charts()
    assert chart.content.series == (("2019年", (112.3,)), ("2020年", (126.2,)))


@pytest.mark.parametrize("name, content, where", [
    ("last.yaml", "data: {gdp: 1}\nfoo: 2\n", ("last.yaml", 2, "foo", "previous_data_key")),
    ("last.yaml", "year: 2019\n", ("last.yaml", 1, "", "previous_no_data")),
    ("last.yaml", "data: [1, 2]\n", ("last.yaml", 1, "data", "wrong_type")),
    ("last.csv", "gdp\n1\n2\n", ("last.csv", 3, "", "previous_rows")),
])
def test_a_bad_data_file_is_located_in_it(tmp_path, name, content, where):
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(BriefError) as info:
        composed(tmp_path, previous=name, text=DATA_TEXT)
    first = info.value.problems[0]
    assert (first.location.file.rsplit("/", 1)[-1], first.location.line, first.location.path, first.code) == where
    assert first.text("zh") != first.text("en")


def test_a_yaml_file_with_meta_is_still_read_as_a_brief(tmp_path):
    (tmp_path / "2019-copy.yaml").write_text(LAST, encoding="utf-8")
    assert composed(tmp_path, previous="2019-copy.yaml").blocks[1].text == "同比增长12.4%，上年一半为56.15，2019年。"
