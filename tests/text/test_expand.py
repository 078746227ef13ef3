import pytest

from briefmaker.text.expand import Expander, ExpansionError

DATA = {"disputes": {"found": 246, "resolved": 241, "items": 3}, "households": 35000, "empty": None,
        "deadline": "2020-09"}


def expand(text):
    return Expander(DATA).expand(text)


def test_quotes_data_and_filters():
    assert expand("排查矛盾{{ disputes.found }}起") == "排查矛盾246起"
    assert expand("{{ households | wan }}户") == "3.5万户"
    assert expand("化解率达{{ (disputes.resolved / disputes.found) | percent(rounding='down') }}以上") == "化解率达97%以上"
    assert expand("{{ deadline | month_end }}前") == "2020年9月底前"


def test_data_keys_win_over_dict_methods():
    assert expand("{{ disputes.items }}") == "3"


def test_misspelt_name_suggests_the_right_one():
    with pytest.raises(ExpansionError) as info:
        expand("化解{{ disputes.solved }}起")
    assert info.value.code == "no_data"
    assert info.value.params["name"] == "disputes.solved"
    assert "disputes.resolved" in str(info.value.params["hint"].en)


def test_unknown_top_level_name():
    with pytest.raises(ExpansionError) as info:
        expand("{{ nothing }}")
    assert info.value.params["name"] == "nothing"


def test_syntax_error_has_the_line():
    with pytest.raises(ExpansionError) as info:
        expand("第一行\n第二行{{ disputes.found ")
    assert info.value.code == "jinja_syntax"
    assert info.value.lineno == 2


def test_unknown_filter_lists_the_filters_that_exist():
    with pytest.raises(ExpansionError) as info:
        expand("{{ households | lakh }}")
    assert info.value.code == "unknown_filter"
    assert info.value.params["name"] == "lakh"
    assert info.value.params["known"].startswith("number, wan, percent, pct, date_cn, month_end, abs")
    assert "random" not in info.value.params["known"].split(", ")


def test_empty_value_is_an_error_not_the_word_none():
    with pytest.raises(ExpansionError, match="jinja_error"):
        expand("{{ empty }}")


def test_sandbox_blocks_internals():
    with pytest.raises(ExpansionError):
        expand("{{ ''.__class__.__mro__ }}")


def test_loop_variables_are_not_data_references():
    assert expand("{% for x in [1, 2] %}{{ x }}{% endfor %}") == "12"


def test_evaluate_expression():
    assert Expander(DATA).evaluate("disputes.resolved / disputes.found") == pytest.approx(241 / 246)
