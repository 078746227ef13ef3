"""Numbers beyond ±10^15 and characters a DOCX cannot hold are located errors as the brief is read."""
import pytest

from briefmaker.brief.load import load_brief
from briefmaker.errors import BriefError


def problems(tmp_path, text):
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BriefError) as info:
        load_brief(path)
    return [(p.location.line, p.location.col, p.location.path, p.code) for p in info.value.problems]


HEAD = "meta:\n  title: 标题\n"


@pytest.mark.parametrize("value, code", [
    ("1.0e+26", "number_too_large"), ("1.0e+308", "number_too_large"), ("-1.0e+16", "number_too_large"),
    ("9" * 400, "number_too_large"), ("1000000000000001", "number_too_large"),
    (".inf", "number_not_finite"), ("-.inf", "number_not_finite"), (".nan", "number_not_finite"),
])
def test_data_numbers_are_bounded(tmp_path, value, code):
    assert problems(tmp_path, HEAD + f"data:\n  a:\n    b: {value}\n") == [(5, 8, "data.a.b", code)]


def test_the_bound_holds_everywhere_a_number_can_be(tmp_path):
    text = HEAD + (
        "sections:\n"
        "  - title: 一\n"
        "    body:\n"
        "      - figures: [{value: 1.0e+26, label: 人}]\n"
        "      - chart: {kind: bar, data: {甲: 1.0e+300, 乙: 1}}\n"
        "      - table: {columns: [a], rows: [[1.0e+30]]}\n"
        "      - chart: {kind: line, categories: [a], series: {s: [" + "1" + "0" * 320 + "]}}\n")
    found = problems(tmp_path, text)
    assert [p[2] for p in found] == ["sections[0].body[0].figures[0].value", "sections[0].body[1].chart.data.甲",
                                     "sections[0].body[2].table.rows[0][0]",
                                     "sections[0].body[3].chart.series.s[0]"]
    assert {p[3] for p in found} == {"number_too_large"}


def test_ten_to_the_fifteen_itself_is_fine(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text(HEAD + "data:\n  a: 1.0e+15\n  b: -1000000000000000\n", encoding="utf-8")
    assert load_brief(path).brief.data == {"a": 1e15, "b": -10 ** 15}


@pytest.mark.parametrize("field, value, code, col", [
    ("author", '"张\\x01三"', "xml_char", 11), ("unit", '"测试\\0街道"', "xml_char", 9),
    ("subject", '"\\e[31m红"', "xml_char", 12), ("title", '"测试\\v简报"', "xml_char", 10),
    # a lone surrogate escape is refused by the YAML reader already (the model's check is the second line)
    ("subtitle", '"\\ud800"', "yaml_surrogate", 13),
])
def test_meta_text_a_docx_cannot_hold(tmp_path, field, value, code, col):
    text = HEAD.replace("  title: 标题\n", "") + f"  {field}: {value}\n"
    if field != "title":
        text = HEAD + f"  {field}: {value}\n"
    line = 2 if field == "title" else 3
    assert problems(tmp_path, text) == [(line, col, f"meta.{field}", code)]


def test_a_keyword_is_located_by_its_index(tmp_path):
    assert problems(tmp_path, HEAD + '  keywords: [甲, "乙\\x07"]\n') == [(3, 17, "meta.keywords[1]", "xml_char")]


def test_line_breaks_and_tabs_in_meta_are_kept(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text(HEAD + '  subject: "第一行\\n第二行\\t制表"\n', encoding="utf-8")
    assert load_brief(path).brief.meta.subject == "第一行\n第二行\t制表"
