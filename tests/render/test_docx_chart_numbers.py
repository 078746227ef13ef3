"""Every label a native Word chart shows is the label the PDF's chart shows: LibreOffice draws the
DOCX, pdfplumber reads both PDFs, one chart per page, for every number format and kind."""
from __future__ import annotations

import collections
import io
import re
import zipfile

import pdfplumber
import pytest
from lxml import etree

from briefmaker import build

from ..office import SOFFICE, convert

BRIEF = """\
meta:
  title: 图表数字
data:
  funds: {街道: 175000000, 社区: 36000, 企业: 4800, 园区: 99995000}
  small: {甲: 1.25, 乙: 3, 丙: -0.5}
  rate: {一月: 0.125, 二月: -0.05, 三月: 0.3}
  steady: {一月: 1.2, 二月: 0.8, 三月: 1.5, 四月: 2.1}
  big: {东区: 1250000, 西区: 360000, 南区: 480000}
  done: 241
  found: 246
sections:
  - title: 图表
    body:
      - page_break: true
      - chart: {kind: bar, title: 资金, unit: 元, data: funds, format: wan}
      - page_break: true
      - chart: {kind: hbar, title: 资金, unit: 元, data: big, format: thousands, digits: 0}
      - page_break: true
      - chart: {kind: bar, title: 小数, data: small}
      - page_break: true
      - chart: {kind: line, title: 增速, data: rate, format: percent, digits: 1}
      - page_break: true
      - chart: {kind: line, title: 资金, unit: 元, data: funds, format: wan}
      - page_break: true
      - chart: {kind: line, title: 人数, unit: 人, data: steady}
      - page_break: true
      - chart: {kind: pie, title: 构成, unit: 元, data: big, format: wan, digits: 1}
      - page_break: true
      - chart: {kind: donut, title: 构成, unit: 元, data: big, format: thousands}
      - page_break: true
      - chart:
          kind: stacked
          title: 构成
          unit: 人
          categories: [一季度, 二季度]
          series: {男: [12000, 25000], 女: [30000, 41000]}
          format: wan
      - page_break: true
      - chart:
          kind: grouped
          title: 就业
          unit: 人
          categories: [城镇, 安置]
          series: {2019年: [2100, 160], 2020年: [2350, 186]}
          format: thousands
      - page_break: true
      - chart: {kind: progress, title: 化解, unit: 起, value: done, total: found}
      - page_break: true
      - chart: {kind: progress, title: 完成, unit: 个, value: 530, total: 500, digits: 1}
"""
KINDS = ["bar", "hbar", "bar", "line", "line", "line", "pie", "donut", "stacked", "grouped", "progress", "progress"]


def _numbers(page) -> collections.Counter:
    """The words holding a digit on a page, page number (the footer) left out."""
    words = [w for w in page.extract_words() if w["top"] < page.height * 0.85]
    return collections.Counter(w["text"] for w in words if re.search(r"\d", w["text"]))


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    folder = tmp_path_factory.mktemp("numbers")
    (folder / "charts.yaml").write_text(BRIEF, encoding="utf-8")
    ours = build(folder / "charts.yaml", folder / "out")
    docx, pdf = ours.outputs
    return docx, pdf, convert(docx, folder / "lo")


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed (.ci/run installs it)")
def test_libreoffice_draws_the_pdfs_chart_labels(drawn):
    _, pdf, converted = drawn
    with pdfplumber.open(pdf) as ours, pdfplumber.open(converted) as office:
        assert len(ours.pages) == len(office.pages) == len(KINDS) + 1
        for kind, mine, theirs in zip(KINDS, ours.pages[1:], office.pages[1:]):
            want, got = _numbers(mine), _numbers(theirs)
            if kind == "line":  # tick labels only where a format code writes them as the PDF does
                assert not got - want, (kind, want, got)
                assert sum(got.values()) >= sum(want.values()) - 4, (kind, want, got)
            else:
                assert got == want, (kind, want, got)
        # a line whose ticks a code can write: every tick of the PDF as well
        assert _numbers(office.pages[6]) == _numbers(ours.pages[6])
        assert {"−5%", "12.5%", "30%"} <= set(_numbers(office.pages[4]))
        assert {"1.75亿", "3.6万", "4800", "9999.5万"} <= set(_numbers(office.pages[5]))


def test_the_workbook_and_the_caches_keep_the_true_values(drawn):
    docx, _, _ = drawn
    package = zipfile.ZipFile(docx)
    chart = etree.fromstring(package.read("word/charts/chart1.xml"))
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    values = [float(v.text) for v in chart.iter(c + "v") if re.fullmatch(r"[\d.]+", v.text or "")]
    assert values == [175000000, 36000, 4800, 99995000]
    texts = [t.text for t in chart.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}t")]
    assert ["1.75亿", "3.6万", "4800", "9999.5万"] == [t for t in texts if t != "资金（元）"]
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(package.read("word/embeddings/Microsoft_Excel_Worksheet1.xlsx")))
    assert [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)] == [175000000, 36000, 4800, 99995000]
