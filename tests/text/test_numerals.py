import pytest

from briefmaker.text.numerals import chinese_numeral


@pytest.mark.parametrize("n, text", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"),
                                     (21, "二十一"), (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_numeral(n, text):
    assert chinese_numeral(n) == text


def test_out_of_range():
    with pytest.raises(ValueError):
        chinese_numeral(0)
