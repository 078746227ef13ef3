"""Data tables: CSV/XLSX rows → data overrides; numbers parsed; every error names file, row, column."""
from __future__ import annotations

import datetime as dt

import pytest

from briefmaker.brief.load import load_brief
from briefmaker.brief.table import parse_cell, read_table
from briefmaker.errors import BriefError

TEMPLATE = """\
meta:
  title: "{{ unit.name }}{{ meta.year }}年工作总结"
  year: 2020
data:
  unit: {name: 示例街道}
  households: 30000
  disputes: {found: 待填写, resolved: 9}
"""


@pytest.mark.parametrize("cell, value", [
    ("246", 246), ("3.5万", 35000), ("1.2亿", 120000000), ("97%", 0.97), ("1,200", 1200), ("-3", -3),
    ("0.9", 0.9), (" 12 ", 12), ("", None), ("  ", None), (None, None), ("2020-12-31", dt.date(2020, 12, 31)),
    ("2020-09", "2020-09"), ("青桐路街道", "青桐路街道"), ("12万人", "12万人"), (7.0, 7), (2.5, 2.5),
])
def test_cells_are_parsed_as_numbers(cell, value):
    got = parse_cell(cell)
    assert got == value and type(got) is type(value)


def test_rows_override_data_and_meta(tmp_path):
    (tmp_path / "t.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "u.csv").write_text("unit.name,meta.year,households,disputes.found,disputes.resolved\n"
                                    "青桐路街道,2021,4.2万,312,\n", encoding="utf-8")
    [row] = read_table(tmp_path / "u.csv")
    brief = load_brief(tmp_path / "t.yaml", row=row).brief
    assert brief.data == {"unit": {"name": "青桐路街道"}, "households": 42000,
                          "disputes": {"found": 312, "resolved": 9}}  # empty cell: the template's 9
    assert brief.meta.year == 2021


def test_empty_cell_without_template_value_names_file_row_column(tmp_path):
    (tmp_path / "t.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "u.csv").write_text("unit.name,disputes.found\n甲街道,5\n乙街道,\n", encoding="utf-8")
    rows = read_table(tmp_path / "u.csv")
    load_brief(tmp_path / "t.yaml", row=rows[0])
    with pytest.raises(BriefError) as info:
        load_brief(tmp_path / "t.yaml", row=rows[1])
    [problem] = info.value.problems
    assert str(problem.location).endswith("u.csv:3:2: data.disputes.found")
    assert "empty" in problem.text("en")


def test_bad_value_in_cell_is_located_in_the_table(tmp_path):
    (tmp_path / "t.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "u.csv").write_text("unit.name,meta.year,disputes.found\n甲街道,二〇二〇,5\n", encoding="utf-8")
    [row] = read_table(tmp_path / "u.csv")
    with pytest.raises(BriefError) as info:
        load_brief(tmp_path / "t.yaml", row=row)
    [problem] = info.value.problems
    assert str(problem.location).endswith("u.csv:2:2: meta.year")


def test_bad_header_is_reported(tmp_path):
    (tmp_path / "u.csv").write_text("unit.name,2020 total,unit.name\nx,1,y\n", encoding="utf-8")
    with pytest.raises(BriefError) as info:
        read_table(tmp_path / "u.csv")
    assert [(p.location.line, p.location.col, p.code) for p in info.value.problems] == \
        [(1, 2, "table_bad_column"), (1, 3, "table_duplicate_column")]


def test_xlsx_rows(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["unit.name", "households", "disputes.found", "meta.year"])
    sheet.append(["甲街道", 35000, "3.5万", 2021])
    sheet.append([None, None, None, None])
    sheet.append(["乙街道", 1.5, None, None])
    book.save(tmp_path / "u.xlsx")
    rows = read_table(tmp_path / "u.xlsx")
    assert [r.number for r in rows] == [2, 4]
    assert rows[0].values == {"data": {"unit": {"name": "甲街道"}, "households": 35000, "disputes": {"found": 35000}},
                              "meta": {"year": 2021}}
    assert rows[1].empty == [("data", "disputes", "found"), ("meta", "year")]
    assert str(rows[1].locate(("data", "disputes", "found"))).endswith("u.xlsx:4:3: data.disputes.found")


def test_not_a_table(tmp_path):
    (tmp_path / "u.json").write_text("{}", encoding="utf-8")
    with pytest.raises(BriefError):
        read_table(tmp_path / "u.json")
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    with pytest.raises(BriefError):
        read_table(tmp_path / "bad.xlsx")
