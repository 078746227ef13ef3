"""Native Word charts in the DOCX: chart parts with embedded workbooks holding the brief's numbers,
referenced from the body, with alt text; editable (openpyxl) and still drawn by LibreOffice."""
from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import zipfile

import openpyxl
import pdfplumber
import pytest

from ..office import SOFFICE, convert
from briefmaker import build
from briefmaker.build import prepare
from briefmaker.render.docx.chart import NATIVE_KINDS
from briefmaker.render.docx.chartspace import chart_rows

from ..conftest import SEED_BRIEF

STYLES = ["gongwen", "jianbao", "report"]
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def chart_parts(docx_path) -> list[tuple[str, str, str]]:
    """(chart part name, its workbook part name, the body's docPr descr) per chart, in reading order."""
    with zipfile.ZipFile(docx_path) as archive:
        body = archive.read("word/document.xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
        targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
        targets.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
        out = []
        for inline in re.findall(r"<wp:inline.*?</wp:inline>", body, flags=re.S):
            rid = re.search(r'<c:chart [^>]*r:id="(rId\d+)"', inline)
            if not rid:
                continue
            descr = html.unescape(re.search(r'descr="([^"]*)"', inline).group(1))
            chart = "word/" + targets[rid.group(1)]
            chart_rels = archive.read(chart.replace("charts/", "charts/_rels/") + ".rels").decode()
            xlsx = "word/" + re.search(r'Target="\.\./([^"]+\.xlsx)"', chart_rels).group(1)
            out.append((chart, xlsx, descr))
        return out


def sheet_rows(blob: bytes) -> list[tuple]:
    return [tuple(row) for row in openpyxl.load_workbook(io.BytesIO(blob)).active.values]


@pytest.fixture(scope="module", params=STYLES)
def seed_docx(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"native-{request.param}")
    build(SEED_BRIEF, folder, formats=("docx",), style=request.param)
    return request.param, folder / "changxing-2020.docx"


def test_every_seed_chart_is_a_native_chart_whose_workbook_holds_the_brief_data(seed_docx):
    style, path = seed_docx
    _, _, document = prepare(SEED_BRIEF, style)
    charts = document.charts()
    assert all(c.content.kind in NATIVE_KINDS for c in charts)
    parts = chart_parts(path)
    assert len(parts) == len(charts) >= 5
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if n.startswith("word/media/")]  # no pictures left
        for chart, (chart_name, xlsx_name, descr) in zip(charts, parts):
            assert descr == chart.alt and descr
            categories, series = chart_rows(chart.content)
            rows = sheet_rows(archive.read(xlsx_name))
            assert rows[0] == (None, *[name for name, _ in series])
            assert [r[0] for r in rows[1:]] == list(categories)
            for col, (_, values) in enumerate(series, start=1):
                assert [r[col] for r in rows[1:]] == pytest.approx(list(values))
            xml = archive.read(chart_name).decode()
            # the chart's own cache holds the same labels, in the style's chart font
            assert all(f"<c:v>{c}</c:v>" in xml for c in categories)
            assert 'r:id="rId1"' in xml and "<c:externalData" in xml


def test_chart_text_is_in_the_style_chart_font_and_palette(seed_docx):
    from briefmaker.style import get_style

    style_name, path = seed_docx
    style = get_style(style_name)
    with zipfile.ZipFile(path) as archive:
        chart_name = chart_parts(path)[0][0]
        xml = archive.read(chart_name).decode()
    assert f'<a:ea typeface="{style.role("chart").docx}"/>' in xml
    assert f'<a:srgbClr val="{style.palette[0]}"/>' in xml
    assert '<c:roundedCorners val="0"/>' in xml


def test_same_brief_gives_byte_identical_docx_with_native_charts(tmp_path):
    build(SEED_BRIEF, tmp_path / "a", formats=("docx",))
    build(SEED_BRIEF, tmp_path / "b", formats=("docx",))
    assert (tmp_path / "a" / "changxing-2020.docx").read_bytes() == (tmp_path / "b" / "changxing-2020.docx").read_bytes()


def test_a_docx_only_build_paints_no_chart_picture(tmp_path):
    from briefmaker.charts import raster

    before = raster.RENDERS["count"]
    build(SEED_BRIEF, tmp_path, formats=("docx",), cache_dir=tmp_path / "cache")
    assert raster.RENDERS["count"] == before
    assert not list((tmp_path / "cache").glob("*.png"))


def _edit_first_value(path, out, new_value=4321):
    """Write ``new_value`` into the first chart's workbook (cell B2) and its cache, as Word's Edit
    Data would; returns the edited DOCX path."""
    chart_name, xlsx_name, _ = chart_parts(path)[0]
    with zipfile.ZipFile(path) as source:
        book = openpyxl.load_workbook(io.BytesIO(source.read(xlsx_name)))
        old = book.active["B2"].value
        book.active["B2"] = new_value
        edited = io.BytesIO()
        book.save(edited)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename == xlsx_name:
                    data = edited.getvalue()
                elif info.filename == chart_name:
                    data = data.replace(f"<c:v>{float(old)}</c:v>".encode(), f"<c:v>{new_value}</c:v>".encode(), 1)
                target.writestr(info, data)
    return old


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed (.ci/run installs it)")
def test_an_edited_workbook_still_converts_and_every_chart_is_drawn(seed_docx, tmp_path):
    style, path = seed_docx
    edited = tmp_path / "edited.docx"
    old = _edit_first_value(path, edited)
    assert old is not None
    assert sheet_rows(zipfile.ZipFile(edited).read(chart_parts(edited)[0][1]))[1][1] == 4321
    convert(edited, tmp_path / "lo")
    ours = tmp_path / "ours"
    build(SEED_BRIEF, ours, formats=("pdf",), style=style)
    with pdfplumber.open(str(tmp_path / "lo" / "edited.pdf")) as pdf:
        pages = len(pdf.pages)
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        shapes = sum(len(page.rects) + len(page.curves) for page in pdf.pages)
    with pdfplumber.open(str(ours / "changxing-2020.pdf")) as pdf:
        our_pages = len(pdf.pages)
    assert 0 <= pages - our_pages <= 1, (pages, our_pages)
    assert "4321" in text  # the edited number is what the chart's label shows
    _, _, document = prepare(SEED_BRIEF, style)
    for chart in document.charts():  # every chart drawn: its title and category labels are on the page
        assert chart.content.title in text
    assert shapes >= 2 * len(document.charts())


def test_every_chart_kind_is_native_with_its_numbers_in_the_workbook(tmp_path):
    from ..charts.gallery import PAGE, gallery_brief

    brief = tmp_path / "gallery.yaml"
    brief.write_text(gallery_brief(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    build(brief, tmp_path / "out", formats=("docx",))
    _, _, document = prepare(brief)
    charts = document.charts()
    assert sorted({c.content.kind for c in charts}) == sorted(NATIVE_KINDS)
    parts = chart_parts(tmp_path / "out" / "gallery.docx")
    assert len(parts) == len(charts)
    with zipfile.ZipFile(tmp_path / "out" / "gallery.docx") as archive:
        for chart, (chart_name, xlsx_name, descr) in zip(charts, parts):
            categories, series = chart_rows(chart.content)
            rows = sheet_rows(archive.read(xlsx_name))
            assert [r[0] for r in rows[1:]] == list(categories), chart.content.kind
            for col, (name, values) in enumerate(series, start=1):
                assert rows[0][col] == name
                assert [r[col] for r in rows[1:]] == pytest.approx(list(values))
            assert descr == chart.alt


def test_a_style_can_switch_the_docx_back_to_pictures(tmp_path):
    """charts: {docx: picture} in a style gives 300 dpi pictures with alt text, no chart parts."""
    import zipfile

    import docx as python_docx

    from briefmaker import build

    from ..conftest import SEED_BRIEF

    style = tmp_path / "pictures.yaml"
    style.write_text("extends: gongwen\ncharts:\n  docx: picture\n", encoding="utf-8")
    result = build(SEED_BRIEF, tmp_path / "out", formats=("docx",), style=str(style))
    with zipfile.ZipFile(result.outputs[0]) as archive:
        names = archive.namelist()
    assert not [n for n in names if n.startswith("word/charts/")]
    shapes = python_docx.Document(str(result.outputs[0])).inline_shapes
    assert len(shapes) >= 5 and all(s._inline.docPr.get("descr") for s in shapes)
