"""A unit wider than the line (a long URL, a 40-letter word, a long run of digits) is split, not
set past the right edge: every character stays inside the type area, or inside its table cell,
and the text reads back whole and in order."""
from __future__ import annotations

import re

import pdfplumber
import pytest

from briefmaker import build
from briefmaker.style import get_style

URL = "https://www.example.gov.cn/xxgk/2020/very/long/path/name_with_underscores/index.html"
WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis"  # 45 letters
DIGITS = "1234567890" * 7
QUERY = "https://www.example.gov.cn/search?keyword=" + "a" * 40 + "&page=2&sort=date_descending"
PARAGRAPHS = [
    f"详见{URL}。",
    f"网址（{URL}）已公开。",
    f"{WORD}{WORD}是一个很长的词。",
    f"编号{DIGITS}。",
    f"检索{QUERY}。",
]
CELL = "averyveryverylongwordwithoutanybreakpoint"


def _brief(folder, *, style: str):
    body = "\n".join(f"      - '{p}'" for p in PARAGRAPHS)
    (folder / "long.yaml").write_text(
        "meta: {title: 长词测试, unit: 某街道}\n"
        "sections:\n"
        "  - title: 网址\n"
        "    body:\n"
        f"{body}\n"
        "      - table:\n"
        "          columns: [项目, 数量, 单位, 说明]\n"
        f"          rows: [[甲, 1, 个, {CELL}], [乙, 2, 个, '{URL}']]\n",
        encoding="utf-8")
    return build(folder / "long.yaml", folder / "out", formats=("pdf",), style=style).outputs[0]


def _plain(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.mark.parametrize("style", ["gongwen", "jianbao", "report"])
def test_long_units_stay_inside_the_type_area_and_read_back_whole(style, tmp_path):
    resolved = get_style(style)
    right = resolved.page_width - resolved.margin_right
    pdf_path = _brief(tmp_path, style=style)
    text, cells = "", ""
    with pdfplumber.open(str(pdf_path)) as pdf:
        for page in pdf.pages:
            for char in page.chars:
                assert char["x1"] <= right + 0.5, (char["text"], char["x1"], right)
            walls = [line for line in page.lines if abs(line["x0"] - line["x1"]) < 0.1]
            for char in page.chars:  # no character straddles a table's vertical rule
                for wall in walls:
                    beside = wall["top"] < char["bottom"] and char["top"] < wall["bottom"]
                    assert not (beside and char["x0"] + 0.5 < wall["x0"] < char["x1"] - 0.5), (char["text"], wall["x0"])
            text += page.extract_text()
            if walls:  # the table's last column: right of its second-last vertical rule
                last_column = sorted({round(wall["x0"], 1) for wall in walls})[-2]
                in_column = page.filter(lambda o: o.get("object_type") != "char" or o["x0"] >= last_column - 0.5)
                cells += in_column.extract_text()
    for flat, parts in ((_plain(text), PARAGRAPHS), (_plain(cells), [CELL, URL])):
        position = 0
        for expected in parts:
            found = flat.find(_plain(expected), position)
            assert found >= 0, (expected, flat)
            position = found + len(_plain(expected))


def test_a_url_breaks_after_a_slash_or_dot_when_it_can(tmp_path):
    pdf_path = _brief(tmp_path, style="gongwen")
    with pdfplumber.open(str(pdf_path)) as pdf:
        lines = pdf.pages[0].extract_text().splitlines()
    first = next(i for i, line in enumerate(lines) if "详见" in line)
    assert lines[first][-1] in "/._-?&=", lines[first:first + 3]
