"""Dates and periods without a year (1.1): 1—11月, 截至11月底, 前三季度; the year from meta on request."""
import datetime as dt

import pytest

from briefmaker.text.expand import Expander, ExpansionError

META = {"meta": {"year": 2020}}


def expand(text, data=None, version=1.1):
    return Expander({**META, **(data or {})}, version).expand(text)


@pytest.mark.parametrize("value, shown", [
    ("1-11", "1—11月"), ("1—11", "1—11月"), ("11", "11月"), (11, "11月"), ("3-3", "3月"),
    ("Q3", "第三季度"), ("Q1-Q3", "前三季度"), ("Q1-Q2", "前二季度"), ("Q1-Q4", "全年"), ("Q2-Q4", "第二至第四季度"),
    ("H1", "上半年"), ("H2", "下半年"),
])
def test_period(value, shown):
    assert expand("{{ p | period }}", {"p": value}) == shown


def test_the_year_comes_from_meta_when_asked():
    assert expand("{{ p | period(year=true) }}", {"p": "1-11"}) == "2020年1—11月"
    assert expand("截至{{ m | month_end }}", {"m": "11"}) == "截至11月底"
    assert expand("{{ m | month_end(year=true) }}", {"m": "11"}) == "2020年11月底"
    assert expand("{{ d | date_cn }}", {"d": "11-30"}) == "11月30日"
    assert expand("{{ d | date_cn(true) }}", {"d": "11-30"}) == "2020年11月30日"


def test_dates_with_a_year_read_as_in_version_1():
    assert expand("{{ d | date_cn }}", {"d": dt.date(2020, 12, 31)}) == "2020年12月31日"
    assert expand("{{ d | month_end }}", {"d": "2020-09"}) == "2020年9月底"
    assert expand("{{ d | date_cn(year=true) }}", {"d": "2019-09"}) == "2019年9月"  # its own year wins


@pytest.mark.parametrize("template, value, en, zh", [
    ("{{ p | period }}", "13", "'13' has no month 13", "“13”中没有 13 月"),
    ("{{ p | period }}", "Q5", "'Q5' is not a period", "“Q5”不是时段"),
    ("{{ p | period }}", "11-1", "'11-1' ends before it starts", "结束月份早于开始月份"),
    ("{{ p | date_cn }}", "02-30", "month 2 has no day 30", "2 月没有 30 日"),
    ("{{ p | month_end(year='x') }}", "11", "year must be true or false", "year 应为 true 或 false"),
    ("{{ p | period }}", [1] * 1000, "[1, 1, 1", "不是时段"),
])
def test_bad_values_are_explained_in_both_languages(template, value, en, zh):
    with pytest.raises(ExpansionError) as info:
        expand(template, {"p": value})
    exc = info.value
    assert exc.code == "filter_argument"
    assert en in exc.params["detail"].en and zh in exc.params["detail"].zh
    assert len(exc.params["detail"].en) < 120


def test_a_year_asked_for_without_meta_year_is_explained():
    with pytest.raises(ExpansionError) as info:
        Expander({"meta": {"year": None}, "p": "1-11"}, 1.1).expand("{{ p | period(year=true) }}")
    assert "meta.year" in info.value.params["detail"].en and "meta.year" in info.value.params["detail"].zh


def test_leap_days_follow_meta_year():
    assert expand("{{ p | date_cn }}", {"p": "02-29"}) == "2月29日"
    with pytest.raises(ExpansionError):
        Expander({"meta": {"year": 2021}, "p": "02-29"}, 1.1).expand("{{ p | date_cn }}")


def test_version_1_keeps_its_filters_and_is_told_about_period():
    with pytest.raises(ExpansionError) as info:
        expand("{{ p | period }}", {"p": "1-11"}, version=1)
    assert info.value.code == "needs_version"
    with pytest.raises(ExpansionError):  # version 1's date_cn reads no month without a year
        expand("{{ p | date_cn }}", {"p": "11-30"}, version=1)
