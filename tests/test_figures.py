"""One figure wrapper for charts, tables and pictures (caption, caption place, alt text, width),
progress as its own spec, and pictures read once by compose: writers never open the file."""
from __future__ import annotations

import io
import zipfile

import pdfplumber
import pytest
from docx import Document as WordDocument
from PIL import Image

from briefmaker import document as d
from briefmaker.brief.load import load_brief
from briefmaker.compose import compose
from briefmaker.render.docx import write_docx
from briefmaker.render.pdf import write_pdf
from briefmaker.style import get_style

BRIEF = """\
meta: {title: 图表}
data: {done: 241, found: 246}
sections:
  - title: 一节
    body:
      - 正文。
      - chart: {kind: bar, title: 投入, unit: 万元, width: 0.6, data: {一季度: 3, 二季度: 5}}
      - table: {caption: 表一　明细, columns: [项目, 数量], rows: [[甲, "1"], [乙, "2"]]}
      - image: {path: photo.png, caption: 图二　照片, alt: 一张照片, width: 0.5}
      - chart: {kind: progress, title: 化解, unit: 起, value: done, total: found, labels: {done: 已化解}}
"""


@pytest.fixture
def composed(tmp_path):
    Image.new("RGB", (40, 20), (255, 128, 0)).save(tmp_path / "photo.png")
    (tmp_path / "b.yaml").write_text(BRIEF, encoding="utf-8")
    return compose(load_brief(tmp_path / "b.yaml"), get_style("gongwen")), tmp_path


def _figures(document: d.Document) -> list[d.Figure]:
    return [b for b in document.blocks if isinstance(b, d.Figure)]


def test_charts_tables_and_pictures_are_figures_with_the_sheets_caption_places(composed):
    document, _ = composed
    chart, table, picture, progress = _figures(document)
    assert isinstance(chart.content, d.ChartSpec) and chart.width == chart.content.width == 0.6
    assert (chart.caption, chart.caption_place) == ("投入", "below")
    assert isinstance(table.content, d.TableData) and table.content.rows == (("甲", "1"), ("乙", "2"))
    assert (table.caption, table.caption_place, table.width) == ("表一　明细", "above", 1.0)
    assert isinstance(picture.content, d.Picture) and picture.content.data.startswith(b"\x89PNG")
    assert (picture.caption_place, picture.alt, picture.width) == ("below", "一张照片", 0.5)
    assert document.charts() == [chart, progress]


def test_progress_is_its_own_spec(composed):
    document, _ = composed
    spec = _figures(document)[3].content
    assert isinstance(spec, d.ChartSpec) and spec.kind == "progress"
    assert spec.progress == d.Progress(241.0, 246.0, "已化解", "未完成", "化解", "超额部分")
    assert spec.categories == () and spec.series == ()
    with pytest.raises(ValueError):
        d.ChartSpec("progress", "化解", ("甲", "乙"), (("", (1.0, 2.0)),))
    with pytest.raises(ValueError):
        d.ChartSpec("bar", "投入", ("甲",), (("", (1.0,)),), progress=spec.progress)


def test_a_chart_figure_has_its_charts_width():
    with pytest.raises(ValueError):
        d.Figure(d.ChartSpec("bar", "投入", ("甲",), (("", (1.0,)),), width=0.8), width=0.5)


def test_writers_embed_the_bytes_compose_read_without_opening_the_file(composed):
    document, folder = composed
    (folder / "photo.png").unlink()  # a writer that re-read the file would fail now
    style = get_style("gongwen")
    pdf = pdfplumber.open(io.BytesIO(write_pdf(document, style)))
    assert sum(len(page.images) for page in pdf.pages) == 1
    text = "".join(page.extract_text() for page in pdf.pages)
    assert text.index("表一") < text.index("项目") < text.index("图二")  # table caption above, picture's below
    docx = write_docx(document, style)
    media = [n for n in zipfile.ZipFile(io.BytesIO(docx)).namelist() if n.startswith("word/media/")]
    assert len(media) == 1
    paragraphs = [p.text for p in WordDocument(io.BytesIO(docx)).paragraphs if p.text]
    assert paragraphs.index("投入") < paragraphs.index("表一　明细") < paragraphs.index("图二　照片")


def test_a_caption_goes_where_the_figure_says(composed):
    document, _ = composed
    blocks = tuple(d.Figure(b.content, b.caption, "below", b.alt, b.width, source=b.source)
                   if isinstance(b, d.Figure) and isinstance(b.content, d.TableData) else b
                   for b in document.blocks)
    moved = d.Document(document.meta, blocks)
    style = get_style("gongwen")
    text = "".join(page.extract_text() for page in pdfplumber.open(io.BytesIO(write_pdf(moved, style))).pages)
    assert text.index("乙") < text.index("表一")
    paragraphs = [p.text for p in WordDocument(io.BytesIO(write_docx(moved, style))).paragraphs if p.text]
    assert paragraphs.index("投入") < paragraphs.index("表一　明细")
    body = WordDocument(io.BytesIO(write_docx(moved, style))).element.body
    tags = [child.tag.rsplit("}", 1)[1] + (":" + "".join(child.itertext()) if child.tag.endswith("}p") else "")
            for child in body]
    table_at = tags.index("tbl")
    assert tags[table_at + 1].startswith("p:表一")
