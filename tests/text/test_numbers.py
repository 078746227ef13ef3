from decimal import Decimal

import pytest

from briefmaker.text.numbers import number, percent, ratio, wan


@pytest.mark.parametrize("value, expected", [
    (0, "0"), (1200, "1200"), (9999, "9999"), (10000, "1万"), (35000, "3.5万"), (100000, "10万"),
    (2230000, "223万"), (345000000, "3.45亿"), (100000000, "1亿"), (-35000, "-3.5万"), (-9999, "-9999"),
    (12.345, "12.35"), ("18000", "1.8万"), (Decimal("183500000"), "1.84亿"),
])
def test_wan(value, expected):
    assert wan(value) == expected


def test_wan_rounding_reaches_the_next_unit():
    assert wan(99_995_000, digits=0) == "1亿"  # 9999.5万 rounds to 10000万, which is 1亿
    assert wan(99_995_000, digits=1) == "9999.5万"
    assert wan(99_994_999, digits=0) == "9999万"


def test_wan_rounds_half_up_not_to_even():
    assert wan(25_000, digits=0) == "3万"  # 2.5 → 3, where round() would give 2
    assert wan(0.125, digits=2) == "0.13"


@pytest.mark.parametrize("bad", [None, "abc", True, float("nan"), [1]])
def test_wan_refuses_non_numbers(bad):
    with pytest.raises(ValueError):
        wan(bad)


@pytest.mark.parametrize("value, kwargs, expected", [
    (241 / 246, {}, "98%"), (241 / 246, {"rounding": "down"}, "97%"), (0.9, {}, "90%"),
    (0, {}, "0%"), (1, {}, "100%"), (0.2869, {"digits": 2}, "28.69%"), (-0.05, {}, "-5%"),
    (0.995, {}, "100%"),
])
def test_percent(value, kwargs, expected):
    assert percent(value, **kwargs) == expected


def test_percent_of_none_is_an_error():
    with pytest.raises(ValueError, match="no value"):
        percent(None)


def test_number_trims_zeros_and_keeps_integers():
    assert number(3.50) == "3.5"
    assert number(200.0) == "200"
    assert number(-0.0) == "0"
    assert number(1e6) == "1000000"


def test_ratio_refuses_zero():
    assert ratio(1, 4) == 0.25
    with pytest.raises(ValueError, match="zero"):
        ratio(1, 0)


def test_unknown_rounding_mode():
    with pytest.raises(ValueError, match="rounding"):
        percent(0.5, rounding="up")
