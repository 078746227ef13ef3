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
