"""The importer's parts one by one: figures, keys, YAML, Word numbering, Markdown."""
from __future__ import annotations

import datetime as dt

import yaml

from briefmaker.importer import import_document
from briefmaker.importer.numbering import format_number
from briefmaker.importer.quantities import find
from briefmaker.importer.yamlout import Commented, dump


def _lifted(text: str, year=2020) -> list[tuple[str, object, str]]:
    return [(f.original, f.value, f.filter) for f in find(text, year)]


def test_each_figure_gets_the_filter_that_prints_it_as_written():
    assert _lifted("27名同志，3.5万户居民，1.86亿元，12.4%，20余场次") == [
        ("27", 27, ""), ("3.5万", 35000, "wan"), ("1.86亿", 186000000, "wan"), ("12.4%", 0.124, "percent(1)"),
        ("20", 20, "")]
    assert _lifted("计划2020年9月底前完成，2021年12月28日印发，2020年是") == [
        ("2020年9月底", "2020-09", "month_end"), ("2021年12月28日", dt.date(2021, 12, 28), "date_cn"),
        ("2020", 2020, "year")]


def test_figures_in_names_and_figures_no_filter_prints_back_stay_text():
    assert _lifted("按照“六个一”要求，“8个100%标准”，2号院，5G基站，第3名，十二中，《2020年规划》") == []
    assert _lifted("3.50公里，1,200人，0.5万元，12.40%") == []


def test_yaml_writer_quotes_only_what_would_read_otherwise_and_keeps_comments():
    text = dump({"data": {"a": Commented(27, "27名同志"), "month": "2020-09", "yes": "yes", "t": "{{ x }}年"},
                 "rows": [["项目", "{{ a }}", "处"]]})
    assert "a: 27  # 27名同志" in text
    assert yaml.safe_load(text) == {"data": {"a": 27, "month": "2020-09", "yes": "yes", "t": "{{ x }}年"},
                                    "rows": [["项目", "{{ a }}", "处"]]}
    assert dump({"k": "v"}) == dump({"k": "v"})


def test_word_number_formats():
    assert [format_number(n, "chineseCounting") for n in (1, 10, 12)] == ["一", "十", "十二"]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(4, "upperRoman") == "IV"


def test_markdown_headings_bold_leads_and_tables(tmp_path):
    source = tmp_path / "s.md"
    source.write_text("# 某局2021年工作总结\n\n## 一、主要工作\n\n**强化督查。**全年督查8次。\n\n"
                      "| 项目 | 数量 |\n|---|---|\n| 督查 | 8次 |\n", encoding="utf-8")
    brief = yaml.safe_load(import_document(source).yaml)
    assert brief["meta"] == {"title": "某局{{ meta.year }}年工作总结", "year": 2021}
    section = brief["sections"][0]
    assert section["title"] == "主要工作"
    assert section["body"][0] == {"lead": "强化督查。", "text": "全年督查{{ 督查 }}次。"}
    table = section["body"][1]["table"]
    assert table["columns"] == ["项目", "数量"] and table["rows"][0][1].startswith("{{ 督查")


def test_an_existing_brief_is_never_overwritten(cli, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("某局2021年工作总结\n全年督查8次。\n", encoding="utf-8")
    target = tmp_path / "a.yaml"
    target.write_text("edited: true\n", encoding="utf-8")
    done = cli("import", source, "-o", target)
    assert done.returncode == 1 and "already exists" in done.stderr
    assert target.read_text(encoding="utf-8") == "edited: true\n"


def test_a_percentage_that_is_the_ratio_of_two_figures_is_computed(tmp_path):
    from .documents import DOCUMENTS, to_text

    source = tmp_path / "hongqi.txt"
    source.write_text(to_text(DOCUMENTS["hongqi"]), encoding="utf-8")
    text = import_document(source).yaml
    brief = yaml.safe_load(text)
    (name, expression), = brief["computed"].items()
    assert expression == "完成一般公共预算收入 / 年度目标"
    assert brief["data"]["完成一般公共预算收入"] == 312000000 and brief["data"]["年度目标"] == 350000000
    assert "{{ " + name + " | percent(1) }}" in text
