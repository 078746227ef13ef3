"""Runs of marks longer than a line (issue 13, "Text that vanishes"): the line-start/line-end
rules yield when nothing else fits, so 120 dashes, ellipses or exclamation marks and 200,000
quote marks are set in full, every character inside the type area."""
from __future__ import annotations

import re
import subprocess

import pdfplumber
import pytest

from briefmaker import build
from briefmaker.style import get_style
from briefmaker.text.linebreak import char_class

RUNS = ["—" * 120, "…" * 120, "！" * 120, "“" * 120, "”" * 120, "（" * 120, "前" + "。" * 120 + "后"]


def _write(folder, paragraphs, title="标点"):
    body = "\n".join(f'  - "{p}"' for p in paragraphs)
    (folder / "runs.yaml").write_text(f"meta: {{title: {title}, unit: 某街道}}\nopening:\n{body}\n", encoding="utf-8")
    return folder / "runs.yaml"


@pytest.mark.parametrize("style", ["gongwen", "report"])
def test_every_mark_of_a_long_run_is_set_inside_the_type_area(tmp_path, style):
    path = build(_write(tmp_path, RUNS), tmp_path / "out", formats=("pdf",), style=style).outputs[0]
    st = get_style(style)
    left, right = st.margin_left, st.page_width - st.margin_right
    top, bottom = st.margin_top, st.page_height - st.margin_bottom
    with pdfplumber.open(str(path)) as pdf:
        chars = [c for page in pdf.pages for c in page.chars if abs(c["size"] - st.role("body").size) < 0.05]
    text = "".join(c["text"] for c in chars)
    for run in RUNS:
        assert run in text  # nothing lost, in order
    assert len(text) == sum(map(len, RUNS))
    em = st.char_pitch
    for char in chars:
        # a closing mark's ink is its glyph's left half, which is all a compressed one keeps
        ink = em / 2 if char_class(char["text"]) == "close" else em
        assert left - 0.01 <= char["x0"] and char["x0"] + ink <= right + 0.01, char
        assert top - 0.01 <= char["top"] and char["bottom"] <= bottom + 0.01, char


def test_two_hundred_thousand_quote_marks_are_all_set_on_the_pages(tmp_path):
    count = 200_000
    path = build(_write(tmp_path, ["“" * count]), tmp_path / "out", formats=("pdf",)).outputs[0]
    st = get_style("gongwen")
    # poppler reads the 300-odd pages quickly: one "word" per line, with its box
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                       boxes)
    quotes = [w for w in words if set(w[4]) == {"“"}]
    assert sum(len(w[4]) for w in quotes) == count
    for x0, y0, x1, y1, _ in quotes:
        assert float(x0) >= st.margin_left - 0.01
        assert float(x1) <= st.page_width - st.margin_right + st.char_pitch  # the last glyph's empty half
        assert st.margin_top - 1 <= float(y0) and float(y1) <= st.page_height - st.margin_bottom + 1
