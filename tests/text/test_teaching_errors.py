"""Template errors that teach: a filter on one operand of arithmetic says how to write it."""
import pytest

from briefmaker.errors import Problem, Location
from briefmaker.text.expand import Expander, ExpansionError

DATA = {"a": 241, "b": 246, "c": {"d": 3}}


def error(text):
    with pytest.raises(ExpansionError) as info:
        Expander(DATA).expand(text)
    return info.value


@pytest.mark.parametrize("template, written, fixed", [
    ("{{ a / b | percent }}", "a / b | percent", "(a / b) | percent"),
    ("{{ a / b | percent(1, rounding='down') }}", "a / b | percent(1, rounding='down')",
     "(a / b) | percent(1, rounding='down')"),
    ("{{ c.d - a | wan }}", "c.d - a | wan", "(c.d - a) | wan"),
    ("{{ a | number + 1 }}", "a | number + 1", "(a + 1) | number"),
    ("{{ a / ratio(a, b) | pct }}", "a / ratio(a, b) | pct", "(a / ratio(a, b)) | pct"),
])
def test_a_filter_on_one_operand_is_explained_with_the_fix(template, written, fixed):
    exc = error("率" + template + "。")
    assert exc.code == "filter_binds_tighter"
    assert (exc.params["written"], exc.params["fixed"]) == (written, fixed)
    problem = Problem(Location("b.yaml", 3, 5, "opening[0]"), exc.code, exc.params)
    assert "binds tighter than arithmetic; write " + fixed in problem.text("en")
    assert "结合得更紧" in problem.text("zh") and "请写成 " + fixed in problem.text("zh")


def test_the_line_of_the_arithmetic_is_kept():
    assert error("第一行\n{{ a / b | percent }}").lineno == 2


def test_a_correct_template_is_unaffected():
    assert Expander(DATA).expand("{{ (a / b) | percent }}") == "98%"
    assert Expander(DATA).expand("{{ a ~ b | wan }}") == "241246"


def test_an_expression_it_cannot_write_back_still_names_the_filter():
    exc = error("{{ (a if a else b) / b | percent }}")
    assert exc.code == "filter_binds_tighter" and exc.params["filter"] == "percent"
    assert exc.params["fixed"] == "(… / …) | percent"


def test_computed_and_text_errors_are_located_in_both_languages(tmp_path, cli):
    (tmp_path / "b.yaml").write_text(
        "meta: {title: 标题}\ndata: {a: 241, b: 246}\ncomputed:\n  r: a / b | pct\nopening:\n"
        "  - 化解率{{ a / b | percent }}。\n  - \"{{ a | lakh }}\"\n", encoding="utf-8")
    en = cli("check", "b.yaml", cwd=tmp_path)
    assert en.returncode != 0
    lines = en.stderr.splitlines()
    assert lines[0] == ("b.yaml:4:6: computed.r: in 'a / b | pct' the filter 'pct' applies to b alone, before the /: "
                        "a filter binds tighter than arithmetic; write (a / b) | pct")
    assert lines[1].startswith("b.yaml:6:5: opening[0]: in 'a / b | percent'")
    assert lines[2].startswith("b.yaml:7:5: opening[1]: no filter named 'lakh'; the filters are: number, wan")
    zh = cli("check", "b.yaml", cwd=tmp_path, lang="zh_CN.UTF-8")
    assert "请写成 (a / b) | pct" in zh.stderr and "没有名为“lakh”的过滤器；可用的过滤器：number" in zh.stderr


def test_arithmetic_on_a_value_holding_text_names_the_value():
    exc = Expander({"found": "12件", "total": 20})
    with pytest.raises(ExpansionError) as info:
        exc.expand("办结率{{ (found / total) | percent }}。")
    assert info.value.code == "arithmetic_on_text" and info.value.value_name == "found"
    problem = Problem(Location("b.yaml", 3, 5, "opening[0]"), info.value.code, info.value.params)
    assert problem.text("en").startswith("'found' holds the text '12件', not a number, so it cannot take part in /")
    assert "是文字而不是数字" in problem.text("zh")
    # a loop variable is not a value of the brief: the plain message stays
    with pytest.raises(ExpansionError) as loop:
        Expander({"xs": ["a"]}).expand("{% for x in xs %}{{ x / 2 }}{% endfor %}")
    assert loop.value.code == "jinja_error"


def test_a_table_cell_holding_text_is_located_at_the_cell_and_where_it_is_used(tmp_path, cli_here):
    (tmp_path / "_t.yaml").write_text(
        "meta: {title: \"{{ unit.name }}总结\", year: 2020, unit: 某区}\ndata:\n  unit: {name: 示例街道}\n"
        "  found: 12\n  resolved: 10\ncomputed:\n  rate: resolved / found\nopening:\n  - 化解率{{ rate | percent }}。\n",
        encoding="utf-8")
    (tmp_path / "u.csv").write_text("unit.name,found,resolved\n甲街道,12件,10\n乙街道,12,10\n", encoding="utf-8")
    result = cli_here("build", "_t.yaml", "--data", "u.csv", "--name", "unit.name", "--format", "pdf",
                      "--jobs", "1", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1 and "built 1, failed 1" in result.stderr
    assert ("u.csv:2:2: data.found: 'found' is used in arithmetic (/) in computed.rate, but its value here is "
            "the text '12件': write a number") in result.stderr
    assert "_t.yaml:7:9: computed.rate: 'found' holds the text '12件', not a number" in result.stderr
    assert "TypeError" not in result.stderr and "unsupported operand" not in result.stderr
