"""A crafted corpus, one paragraph per rule and per mark at the break, set in every style: zero
violations, measured from the PDF's character positions (not from extracted text)."""
from __future__ import annotations

import collections

import pdfplumber
import pytest

from briefmaker import build
from briefmaker.text.linebreak import CANNOT_END, CANNOT_START

HAN = "党建引领扛稳责任凝心聚力砥砺奋进长兴路街道着力绘好高质量发展时代工笔画坚持站稳立场巩固提升高位推进"
STYLES = ["gongwen", "jianbao", "report"]


def crafted(first_line: int = 26) -> list[str]:
    """Paragraphs that put each hard case exactly at the first line break of a paragraph whose
    first line holds ``first_line`` characters (gongwen: 28 less the two-character indent)."""
    FIRST_LINE = first_line  # noqa: N806
    cases = []
    for mark in "、，。．：；！？”’）〕】〗》〉」』％‰～·/":
        cases.append(HAN[:FIRST_LINE] + mark + HAN[:12] + "。")  # would start line 2
        cases.append(HAN[:FIRST_LINE - 1] + mark + HAN[:12] + "。")  # would end line 1
    for mark in "“‘（〔【〖《〈「『":
        cases.append(HAN[:FIRST_LINE - 1] + mark + HAN[:4] + {"“": "”", "‘": "’", "（": "）", "〔": "〕",
                     "【": "】", "〖": "〗", "《": "》", "〈": "〉", "「": "」", "『": "』"}[mark] + HAN[:10] + "。")
    for pair in ("。”", "）。", "！”", "？”", "”。", "》，", "）、", "”，", "。）", "’”"):
        cases.append(HAN[:FIRST_LINE] + pair + HAN[:10] + "。")
        cases.append(HAN[:FIRST_LINE - 1] + pair + HAN[:10] + "。")
    for mark in ("——", "……"):
        cases.append(HAN[:FIRST_LINE - 1] + mark + HAN[:10] + "。")
        cases.append(HAN[:FIRST_LINE] + mark + HAN[:10] + "。")
    for token in ("2020", "12.6", "97%", "1200", "GB/T", "PDF", "18.35"):
        for offset in (1, 2, 3):
            cases.append(HAN[:FIRST_LINE - offset] + token + HAN[:10] + "。")
    cases.append((HAN * 2)[:FIRST_LINE + 28] + "完")  # one character left over: 孤字
    cases.append((HAN * 2)[:FIRST_LINE + 28] + "完。")
    return cases


def lines_of(page, size: float = 16.0):
    rows = collections.defaultdict(list)
    for char in page.chars:
        if abs(char["size"] - size) < 0.1 and char["top"] < 740:
            rows[round(char["top"], 1)].append(char)
    return [sorted(rows[top], key=lambda c: c["x0"]) for top in sorted(rows)]


def violations(lines: list[list[dict]]) -> list[str]:
    """Every broken rule between consecutive lines of one paragraph."""
    found = []
    for upper, lower in zip(lines, lines[1:]):
        end, start = upper[-1]["text"], lower[0]["text"]
        if lower[0]["x0"] > upper[0]["x0"] + 20:
            continue  # the lower line starts a new (indented) paragraph
        if start in CANNOT_START:
            found.append(f"line starts with {start!r}: {''.join(c['text'] for c in lower)[:10]}")
        if end in CANNOT_END:
            found.append(f"line ends with {end!r}: {''.join(c['text'] for c in upper)[-10:]}")
        if end.isascii() and end.isalnum() and start.isascii() and (start.isalnum() or start in ".%"):
            found.append(f"number or word split: …{end}|{start}…")
        if end == start == "—" or end == start == "…":
            found.append(f"2-em mark split: {end}|{start}")
    return found


@pytest.fixture(scope="module", params=STYLES)
def corpus_pdf(request, tmp_path_factory):
    from briefmaker.style import get_style

    style = get_style(request.param)
    folder = tmp_path_factory.mktemp("corpus")
    cases = crafted(int(style.type_width // style.char_pitch) - 2)
    assert len(cases) >= 60
    body = "\n".join(f"  - {case!r}".replace("'", '"') if '"' not in case else f"  - '{case}'" for case in cases)
    (folder / "corpus.yaml").write_text(f"meta: {{title: 断行测试, unit: 某街道}}\nopening:\n{body}\n",
                                        encoding="utf-8")
    result = build(folder / "corpus.yaml", folder / "out", formats=("pdf",), style=request.param)
    return result.outputs[0], cases, style.role("body").size


def test_corpus_has_no_line_break_violations(corpus_pdf):
    path, cases, size = corpus_pdf
    found = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            found += violations(lines_of(page, size))
    assert found == []


def test_no_paragraph_ends_with_a_lone_character(corpus_pdf):
    path, _, size = corpus_pdf
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            for line in lines_of(page, size):
                words = [c for c in line if c["text"] not in CANNOT_START and c["text"] not in CANNOT_END]
                assert len(words) != 1, "".join(c["text"] for c in line)


def test_corpus_text_is_complete(corpus_pdf):
    path, cases, _ = corpus_pdf
    with pdfplumber.open(str(path)) as pdf:
        text = "".join("".join(c["text"] for c in page.chars) for page in pdf.pages)
    position = 0
    for case in cases:
        found = text.find(case, position)
        assert found >= 0, case
        position = found + len(case)


def test_the_checker_notices_a_violation():
    fake = [[{"text": "好", "x0": 80}, {"text": "“", "x0": 100}], [{"text": "，", "x0": 80}]]
    assert len(violations(fake)) == 2


@pytest.mark.parametrize("style", ["gongwen", "jianbao", "report"])
def test_seed_has_no_violations_in_any_style(style, tmp_path):
    from ..conftest import SEED_BRIEF

    from briefmaker.style import get_style

    result = build(SEED_BRIEF, tmp_path, formats=("pdf",), style=style)
    # lines of running text: the sizes of text, heading and table roles (chart labels are set in
    # the chart role's sizes, side by side on one baseline, and are not lines of a paragraph)
    roles = ("body", "lead", "heading1", "heading2", "heading3", "heading4", "title", "subtitle", "table")
    text_sizes = {get_style(style).role(r).size for r in roles}
    found = []
    with pdfplumber.open(str(result.outputs[0])) as pdf:
        for page in pdf.pages:
            rows = collections.defaultdict(list)
            for char in page.chars:
                if char["top"] < page.height - 85 and any(abs(char["size"] - s) < 0.05 for s in text_sizes):
                    rows[(round(char["size"]), round(char["top"], 1))].append(char)
            lines = [sorted(rows[key], key=lambda c: c["x0"]) for key in sorted(rows, key=lambda k: k[1])]
            found += violations(lines)
    assert found == []
