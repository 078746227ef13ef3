"""Chart options on real builds: number formats, sort, highlight, generated alt text, true size."""
from __future__ import annotations

import re
import struct

import docx
import pytest

from briefmaker import build
from briefmaker.charts.raster import to_png
from briefmaker.charts.scene import Shape, layout, muted
from briefmaker.charts.labels import MINUS, thousands, value_text
from briefmaker.document import ChartSpec
from briefmaker.style import get_style

BRIEF = """\
meta:
  title: 选项
data:
  funds: {街道: 1250000, 社区: 36000, 企业: 480000}
  rate: {一月: 0.125, 二月: -0.05}
  done: 241
  found: 246
sections:
  - title: 图表
    body:
      - chart: {kind: bar, title: 投入资金, unit: 元, data: funds, format: wan, sort: descending, highlight: 社区}
      - chart: {kind: hbar, title: 资金, unit: 元, data: funds, format: thousands, digits: 0, sort: ascending}
      - chart: {kind: line, title: 增速, data: rate, format: percent, digits: 1}
      - chart: {kind: pie, title: 构成, unit: 元, data: funds, format: wan, digits: 1}
      - chart:
          kind: stacked
          title: 构成
          unit: 人
          categories: [一季度, 二季度]
          series: {男: [1, 2], 女: [3, 4]}
      - chart: {kind: progress, title: 化解, unit: 起, value: done, total: found}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("options")
    (folder / "options.yaml").write_text(BRIEF, encoding="utf-8")
    build(folder / "options.yaml", folder / "out", cache_dir=folder / "cache")
    return folder / "out"


def alt_texts(docx_path) -> list[str]:
    document = docx.Document(str(docx_path))
    return [shape._inline.docPr.get("descr") for shape in document.inline_shapes]


def test_generated_alt_text_follows_format_sort_and_kind(built):
    assert alt_texts(built / "options.docx") == [
        "投入资金：街道125万元，企业48万元，社区3.6万元。",
        "资金：社区36,000元，企业480,000元，街道1,250,000元。",
        "增速：一月12.5%，二月-5%。",
        "构成：街道125万元（占71%），社区3.6万元（占2%），企业48万元（占27%）。",
        "构成：男：一季度1人，二季度2人；女：一季度3人，二季度4人；合计：一季度4人，二季度6人。",
        "化解：已完成241起，共246起，占98%。",
    ]


def test_pdf_holds_the_charts_as_vector_drawings(built):
    import pdfplumber

    with pdfplumber.open(str(built / "options.pdf")) as pdf:
        assert sum(len(page.images) for page in pdf.pages) == 0
        assert sum(len(page.curves) + len(page.rects) + len(page.lines) for page in pdf.pages) > 20
        text = "".join(page.extract_text() for page in pdf.pages).replace(" ", "")
    # chart labels are text, searchable and copyable: titles, values in their format, shares
    for label in ("投入资金（元）", "125万", "1,250,000", "12.5%", "\u22125%", "（71%）", "98%", "已完成241/246起"):
        assert label in text, label


def test_highlight_draws_the_chosen_category_in_the_accent_colour_and_the_rest_muted():
    style = get_style("gongwen")
    accent = "#" + style.palette[0].upper()
    spec = ChartSpec("bar", "投入", ("甲", "乙", "丙"), (("", (3.0, 2.0, 1.0)),), "人", highlight=("乙",))
    fills = [item.fill for item in layout(spec, style).items if isinstance(item, Shape) and item.fill]
    assert fills == [muted(accent), accent, muted(accent)]


def test_labels_use_the_true_minus_sign_and_the_number_format():
    spec = ChartSpec("bar", "", ("甲",), (("", (1.0,)),), number_format="thousands", digits=1)
    assert value_text(-1234.56, spec, MINUS) == "\u22121,234.6"
    assert thousands(1250000) == "1,250,000"
    assert value_text(125000, ChartSpec("bar", "", (), (), number_format="wan")) == "12.5万"
    assert value_text(0.975, ChartSpec("bar", "", (), (), number_format="percent", digits=0)) == "98%"


def png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


@pytest.mark.parametrize("width", [0.5, 0.8, 1.0])
def test_charts_are_drawn_at_the_size_they_are_printed(width):
    """Drawn at the printed size, text in the chart keeps the style's chart size (no scaling)."""
    style = get_style("gongwen")
    spec = ChartSpec("bar", "投入", ("甲", "乙"), (("", (3.0, 2.0)),), "人", width)
    scene = layout(spec, style)
    assert scene.width == pytest.approx(style.type_width * width, abs=0.01)
    assert png_size(to_png(scene))[0] == pytest.approx(scene.width / 72 * 300, abs=1)  # 300 dpi
    sizes = {item.size for item in scene.items if not isinstance(item, Shape)}
    assert style.role("chart").size in sizes


def test_docx_pictures_are_placed_at_their_drawn_size(built):
    style = get_style("gongwen")
    document = docx.Document(str(built / "options.docx"))
    for shape in document.inline_shapes:
        assert shape.width.pt == pytest.approx(style.type_width * 0.8, abs=0.1)
