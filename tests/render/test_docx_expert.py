"""The DOCX as a Word expert would make it: real styles, explicit Chinese fonts, zh-CN, fields,
properties — read from the XML for the seed in every built-in style."""
from __future__ import annotations

import datetime as dt
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from briefmaker import build

from ..conftest import SEED_BRIEF

STYLES = ("gongwen", "jianbao", "report")


@pytest.fixture(scope="module", params=STYLES)
def built(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param)
    result = build(SEED_BRIEF, out, style=request.param)
    return request.param, result.outputs[0]


def used_styles(document) -> list:
    """Every style a paragraph or run uses, with the styles they are based on (by style id)."""
    found = {}

    def add(style):
        while style is not None and style.style_id not in found:
            found[style.style_id] = style
            style = style.base_style

    for paragraph in document.paragraphs:
        add(paragraph.style)
        for run in paragraph.runs:
            add(run.style)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    add(paragraph.style)
    return list(found.values())


def test_used_styles_have_explicit_east_asian_fonts_and_no_theme_fonts(built):
    name, path = built
    document = docx.Document(str(path))
    styles = used_styles(document)
    names = {s.name for s in styles}
    assert {"Normal", "Title", "Heading 1", "Lead Sentence"} <= names
    for style in styles:
        rpr = style.element.rPr
        if rpr is None:
            continue
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            assert not [a for a in fonts.attrib if "Theme" in a or "theme" in a], style.name
            assert fonts.get(qn("w:eastAsia")), style.name
        color = rpr.find(qn("w:color"))
        if color is not None:
            assert color.get(qn("w:themeColor")) is None, style.name


def test_headings_carry_outline_levels(built):
    _, path = built
    document = docx.Document(str(path))
    for level in (1, 2):
        ppr = document.styles[f"Heading {level}"].element.pPr
        assert ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)


def test_chinese_language_in_defaults_and_theme_settings(built):
    _, path = built
    with zipfile.ZipFile(path) as archive:
        styles = archive.read("word/styles.xml").decode()
        settings = archive.read("word/settings.xml").decode()
    defaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
    assert 'w:eastAsia="zh-CN"' in defaults
    assert 'w:eastAsia="ja-JP"' not in defaults
    assert 'w:themeFontLang' in settings and 'w:eastAsia="zh-CN"' in settings


def test_body_paragraphs_indent_two_characters_and_use_an_exact_pitch(built):
    _, path = built
    document = docx.Document(str(path))
    normal = document.styles["Normal"]
    assert normal.element.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    spacing = normal.element.pPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:lineRule")) == "exact"


def test_tables_are_word_tables_with_a_repeating_header(built):
    _, path = built
    document = docx.Document(str(path))
    data_tables = [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]
    assert data_tables
    for table in data_tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None


def test_pictures_have_alt_text(built):
    _, path = built
    document = docx.Document(str(path))
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode()
    assert body.count("<wp:docPr") >= 5
    for shape in document.inline_shapes:
        assert shape._inline.docPr.get("descr")


def test_core_properties_come_from_the_brief(built):
    _, path = built
    props = docx.Document(str(path)).core_properties
    assert props.title == "党建引领扛稳责任 凝心聚力砥砺奋进"
    assert props.author and props.keywords
    assert props.created.replace(tzinfo=None) == dt.datetime(2020, 12, 31, 0, 0)


def test_footers_hold_page_fields(built):
    name, path = built
    with zipfile.ZipFile(path) as archive:
        footers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")]
        settings = archive.read("word/settings.xml").decode()
    assert "evenAndOddHeaders" in settings
    assert sum('PAGE' in f for f in footers) >= 2
    if name == "report":
        document = docx.Document(str(path))
        assert document.sections[0].different_first_page_header_footer  # no number on the cover


def test_same_input_same_bytes(built, tmp_path):
    name, path = built
    again = build(SEED_BRIEF, tmp_path, style=name, formats=("docx",))
    assert again.outputs[0].read_bytes() == path.read_bytes()


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_the_styles_pane_holds_only_briefmakers_styles_and_no_theme_font(built):
    name, path = built
    package = zipfile.ZipFile(path)
    styles = package.read("word/styles.xml").decode()
    document = docx.Document(str(path))
    names = {s.name for s in document.styles}
    assert {"Normal", "Title", "Heading 1", "Caption", "Lead Sentence", "Table Grid"} <= names
    assert not names & {"Heading 5", "Heading 9", "Light Grid Accent 1", "List Paragraph", "Quote"}
    assert len(names) <= 30, sorted(names)
    assert "Theme" not in styles and "theme" not in styles  # no theme font or colour anywhere
    assert "word/stylesWithEffects.xml" not in package.namelist()
    assert "<w:lsdException" not in styles  # Word's built-in styles stay hidden until applied


def test_no_empty_paragraphs(built):
    name, path = built
    body = docx.Document(str(path)).element.body
    empty = [p for p in body.iter(W + "p")
             if not any(child.tag != W + "rPr" for run in p.iter(W + "r") for child in run)
             and p.find(f"{W}pPr/{W}sectPr") is None]
    # table cells must hold a paragraph; headers and footers are not in the body
    assert all(p.getparent().tag == W + "tc" for p in empty), len(empty)


def test_tables_grids_agree_with_their_cells_and_charts_draw_without_the_workbook(built):
    name, path = built
    document = docx.Document(str(path))
    for table in document.element.body.iter(W + "tbl"):
        grid = [int(col.get(W + "w")) for col in table.iter(W + "gridCol")]
        for row in table.iter(W + "tr"):
            widths = [int(tc.find(f"{W}tcPr/{W}tcW").get(W + "w")) for tc in row.iter(W + "tc")]
            assert widths == grid
    package = zipfile.ZipFile(path)
    charts = [n for n in package.namelist() if n.startswith("word/charts/chart")]
    assert charts
    for chart in charts:
        xml = package.read(chart).decode()
        assert xml.count("<c:strRef>") == xml.count("<c:strCache>") and xml.count("<c:numRef>") == xml.count("<c:numCache>")
        assert "<c:numCache>" in xml and "<c:strCache>" in xml
    frames = document.element.body.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    assert frames and all(f.get("descr") for f in frames)
