import datetime as dt

import pytest

from briefmaker.text.dates import date_cn, month_end


@pytest.mark.parametrize("value, expected", [
    (dt.date(2020, 12, 31), "2020年12月31日"), (dt.date(2020, 9, 1), "2020年9月1日"),
    ("2020-09", "2020年9月"), ("2020-09-05", "2020年9月5日"), (2020, "2020年"), ("2020", "2020年"),
    (dt.datetime(2021, 1, 2, 8, 30), "2021年1月2日"),
])
def test_date_cn_has_no_leading_zeros(value, expected):
    assert date_cn(value) == expected


def test_month_end():
    assert month_end("2020-09") == "2020年9月底"
    assert month_end(dt.date(2020, 9, 30)) == "2020年9月底"
    with pytest.raises(ValueError, match="month"):
        month_end(2020)


@pytest.mark.parametrize("bad", [None, "2020-13", "2020-02-30", "tomorrow", 12.5])
def test_bad_dates(bad):
    with pytest.raises(ValueError):
        date_cn(bad)
