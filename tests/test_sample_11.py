"""The 1.1 sample brief (briefs/hexi-2020.yaml): the usual shape of a year-end summary, written
with run-in headings, interleaved content, bounds, indicators and a year-over-year chart; it
builds in every style, and no figure in its prose is typed outside a {{ }} placeholder."""
import re

import pdfplumber
import pytest

from briefmaker import build
from briefmaker.brief.load import load_brief
from briefmaker.brief.model import Indicators, Paragraph, Section
from briefmaker.brief.source import load_yaml
from briefmaker.text.bounds import read as read_bound

from .conftest import ROOT

SAMPLE = ROOT / "briefs" / "hexi-2020.yaml"
DIGITS = re.compile(r"[0-9０-９]")
TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def prose(raw: dict):
    """(path, text) of every piece of prose: titles, paragraphs, lead sentences, sentences."""
    meta = raw.get("meta", {})
    for key in ("title", "subtitle"):
        if meta.get(key):
            yield f"meta.{key}", meta[key]
    for key in ("opening", "closing"):
        yield from _body(raw.get(key, []), key)
    for i, section in enumerate(raw.get("sections", [])):
        yield from _section(section, f"sections[{i}]")
    if raw.get("byline"):
        yield "byline", raw["byline"]


def _section(section: dict, path: str):
    yield f"{path}.title", section["title"]
    yield from _body(section.get("body", []), f"{path}.body")
    for i, sub in enumerate(section.get("sections", [])):
        yield from _section(sub, f"{path}.sections[{i}]")


def _body(items: list, path: str):
    for i, item in enumerate(items):
        here = f"{path}[{i}]"
        if isinstance(item, str):
            yield here, item
        elif "title" in item:
            yield from _section(item, here)
        elif "text" in item:
            if item.get("lead"):
                yield f"{here}.lead", item["lead"]
            texts = item["text"] if isinstance(item["text"], list) else [item["text"]]
            for j, text in enumerate(texts):
                yield f"{here}.text[{j}]", text if isinstance(text, str) else text["text"]


def typed_digits(text: str) -> list[str]:
    return DIGITS.findall(TEMPLATE.sub("", text))


def test_no_figure_in_the_prose_is_typed_outside_a_placeholder():
    raw, _ = load_yaml(SAMPLE)
    pieces = list(prose(raw))
    assert len(pieces) >= 20
    typed = {path: typed_digits(text) for path, text in pieces if typed_digits(text)}
    assert typed == {}
    quoted = sum(len(TEMPLATE.findall(text)) for _, text in pieces)
    assert quoted >= 25  # the figures are there, quoted from data


def test_the_counter_sees_a_typed_figure():
    assert typed_digits("新开工项目42个，{{ projects.key }}个重点") == ["4", "2"]
    assert typed_digits("{{ a | percent(1) }}以上，第２季度") == ["２"]


def test_the_sample_uses_the_11_shapes():
    loaded = load_brief(SAMPLE)
    brief = loaded.brief
    assert brief.version == 1.1 and brief.previous
    first = brief.sections[0].body
    subsections = [i for i, item in enumerate(first) if isinstance(item, Section)]
    assert len(subsections) == 4 and all(first[i].run_in for i in subsections)
    assert any(isinstance(item, str) for item in first[subsections[-1] + 1:])  # a paragraph after （四）
    assert any(isinstance(item, Indicators) and item.indicators.chart for item in first)
    assert any(isinstance(item, Paragraph) and isinstance(item.text, list) for s in subsections
               for item in first[s].body)
    raw, _ = load_yaml(SAMPLE)
    assert len([v for v in raw["data"].values() if read_bound(v)]) >= 4
    assert raw["opening"][0].endswith("现将有关情况总结如下：")
    assert "previous." in SAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("style", ["gongwen", "jianbao", "report"])
def test_it_builds_in_every_style_with_the_figures_right(style, tmp_path):
    result = build(SAMPLE, tmp_path, style=style)
    pdf = next(p for p in result.outputs if p.suffix == ".pdf")
    with pdfplumber.open(str(pdf)) as document:
        text = "".join((page.extract_text() or "") for page in document.pages).replace(" ", "").replace("\n", "")
    for shown in ("现将有关情况总结如下：", "（一）经济运行稳中向好。全区地区生产总值完成126.2亿元，同比增长12.4%",
                  "一般公共预算收入突破25亿元", "前三季度", "增长10%以上", "20余场次", "减税降费超1000万元",
                  "截至11月底", "约200万元", "1—11月", "105.2%", "2019年", "三、2021年工作打算"):
        assert shown in text, shown
