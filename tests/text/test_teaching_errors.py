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
