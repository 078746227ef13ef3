"""Document → DOCX with python-docx: real styles per role, one method per block type.

Over 400 lines on purpose, like the PDF writer: one method per block type in one class.

Fonts are set as Word/WPS users have them (仿宋_GB2312, 黑体 …) on the styles, with ``w:eastAsia``
explicit and theme fonts removed; the document grid, indents in characters and PAGE fields are
written as OOXML where python-docx stops. The zip is written with fixed timestamps so the same
Document gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import io
import math
from functools import lru_cache
from typing import assert_never

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.shared import Emu, Pt, RGBColor, Twips

from ... import document as d
from ...pagination import Pagination
from ...style import MM, Style
from ...fonts import text_width
from ...style.measure import char_advances
from ...style.sheet import ParagraphSpec, make_sheet
from ...text.properties import core_properties
from . import cleanup
from . import ooxml as x
from .compat import body_of, ppr, remember_style_ids, run_element, saved, sect_pr, set_theme_east_asian
from ...charts.cache import ChartCache
from .chart import NATIVE_KINDS, add_chart

_ROLE_STYLES = {
    "body": "Normal",
    "title": "Title",
    "subtitle": "Subtitle",
    "heading1": "Heading 1",
    "heading2": "Heading 2",
    "heading3": "Heading 3",
    "heading4": "Heading 4",
    "caption": "Caption",
}
_CUSTOM_PARAGRAPH = {"table": "Table Text", "byline": "Byline", "signature": "Signature Block",
                     "distribution": "Distribution", "figure_label": "Key Figure Label"}


def _twips(points: float) -> int:
    return int(round(points * 20))


def _spaced(advances: list[tuple[str, float, float]], font: str, size: float) -> list[tuple[str, int]]:
    """Runs of characters that share one character spacing (twentieths of a point): the spacing
    that gives each character in ``font`` the advance and gap listed. Word and LibreOffice add
    space between Han and digits themselves (Word about a quarter em, LibreOffice a fifth of the
    size, whatever w:autoSpaceDN says), so the runs carry only the gap beyond LibreOffice's."""
    runs: list[tuple[str, int]] = []
    for ch, advance, gap in advances:
        spacing = _twips(advance - text_width(ch, font, size) + (gap - size / 5 if gap else 0.0))
        if runs and runs[-1][1] == spacing:
            runs[-1] = (runs[-1][0] + ch, spacing)
        else:
            runs.append((ch, spacing))
    return runs


def _height(points: float) -> Twips:
    """A vertical length in whole twips, rounded down: the DOCX never runs longer than the PDF
    (22 lines of 28.99 pt rounded to 580 twips would overfill the 公文 type area by 0.2 pt, and
    LibreOffice then moves the last line of a full page on; measured)."""
    return Twips(math.floor(points * 20 + 1e-6))


def _chars(characters: float) -> int:
    """Characters as Word counts them in ``w:ind`` (hundredths)."""
    return int(round(characters * 100))


def _pieces(text: str, at: int, lines) -> list[tuple[int, int, int]]:
    """``text`` (at offset ``at`` of its paragraph) cut into (start, end, condense) pieces: the
    parts inside each of the PDF's narrowed ``lines`` (first, end, points) condensed by that
    line's points spread over its characters, in twentieths of a point (LibreOffice breaks before
    a mark whatever its own spacing, so the whole line gives the room), the rest as it is."""
    cuts, start = [], 0
    for first, end, points in lines:
        lo, hi = max(first - at, start), min(end - at, len(text))
        if hi <= lo:
            continue
        if lo > start:
            cuts.append((start, lo, 0))
        cuts.append((lo, hi, math.ceil(points * 20 / max(1, end - first)) + 1))
        start = hi
    if start < len(text) or not cuts:
        cuts.append((start, len(text), 0))
    return cuts


_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}

_TEMPLATE_STYLES_USED = {"Normal", "Title", "Subtitle", "Caption", "Table Grid", "Default Paragraph Font",
                         *(f"Heading {n}" for n in range(1, 5)), *(f"toc {n}" for n in range(1, 5))}


@lru_cache(maxsize=1)
def _template() -> bytes:
    """python-docx's default template without the styles and parts briefmaker does not use, made
    once per process: python-docx finds a style by scanning them all, and parsing its 160 styles
    (twice, with stylesWithEffects.xml) took a third of the writer's time."""
    template = docx.Document()
    cleanup.keep_only_styles(template.styles.element, _TEMPLATE_STYLES_USED)
    cleanup.drop_unused_parts(template.part)
    raw = io.BytesIO()
    template.save(raw)
    return raw.getvalue()


_STYLED: dict[str, tuple[bytes, frozenset[str]]] = {}  # repr(style) → (package, the styles it keeps)


def _styled_template(style: Style) -> tuple[bytes, frozenset[str]]:
    """The template with every style of ``style`` defined and only those kept, and the names of
    those styles: made once per style and process, since defining the styles (the same each
    time) took half of the writer's time."""
    key = repr(style)
    if key not in _STYLED:
        setup = DocxWriter(d.Document(d.Meta(""), ()), style, styled=False)
        setup._defaults()
        setup._styles()
        setup._footer_style()
        cleanup.keep_only_styles(setup.doc.styles.element, setup.defined)
        raw = io.BytesIO()
        setup.doc.save(raw)
        if len(_STYLED) >= 16:  # a service sees a handful of styles; never grow without bound
            _STYLED.pop(next(iter(_STYLED)))
        _STYLED[key] = (raw.getvalue(), frozenset(setup.defined))
    return _STYLED[key]


class DocxWriter:
    """Writes one Document in one Style; chart parts and pictures come through ``charts``, the
    chart cache (drawn or made only when not cached)."""

    def __init__(self, document: d.Document, style: Style, charts: ChartCache | None = None,
                 layout: Pagination | None = None, *, styled: bool = True):
        self.layout = layout or Pagination()
        self.pages = self.layout.heading_pages
        self._index = -1  # the block being written
        self._bookmarks = 0
        self._gap_after = 0  # twips under the last key-figure panel (block_KeyFigures)
        self._break_before = False  # the next block starts a page
        self.document = document
        self.style = style
        self.sheet = make_sheet(style)
        self.charts = charts or ChartCache(None)
        self.pitch = self.sheet.line_pitch
        if styled:  # the style's template: its styles defined once per process
            package, defined = _styled_template(style)
            self.doc = docx.Document(io.BytesIO(package))
            self.defined = set(defined)
        else:
            self.doc = docx.Document(io.BytesIO(_template()))
            # the styles the document keeps; Default Paragraph Font is what a run without a style has
            self.defined = {"Table Grid", "Default Paragraph Font"}
        remember_style_ids(self.doc.part)
        self._ids: dict[str, str] = {}  # style name → id

    # -- set-up --------------------------------------------------------------------------------
    def _defaults(self) -> None:
        styles_el = self.doc.styles.element
        rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        body = self.style.role("body")
        x.set_fonts(rpr_default, body.docx, body.latin)
        x.set_lang(rpr_default)
        settings = self.doc.settings.element
        theme_lang = x.child(settings, "w:themeFontLang")
        theme_lang.set(qn("w:val"), "en-US")
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
        x.child(settings, "w:evenAndOddHeaders")
        set_theme_east_asian(self.doc, body.docx)

    def _paragraph_style(self, name: str, kind: str):
        """The Word paragraph style ``name`` translating the sheet's paragraph ``kind``."""
        spec = self.sheet.para(kind)
        styles = self.doc.styles
        self.defined.add(name)
        try:
            st = styles[name]
        except KeyError:
            st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            st.base_style = styles["Normal"]
            st.quick_style = True
        font_role = spec.font
        font = st.font
        font.size = Pt(font_role.size)
        font.bold = font_role.bold
        font.italic = False
        font.color.rgb = RGBColor.from_string(font_role.color)
        rpr = st.element.get_or_add_rPr()
        x.set_fonts(rpr, font_role.docx, font_role.latin)
        for tag in ("w:color",):
            el = rpr.find(qn(tag))
            if el is not None:
                for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
                    if el.get(qn(attr)) is not None:
                        del el.attrib[qn(attr)]
        pf = st.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = _height(spec.leading)
        pf.keep_with_next = spec.keep_with_next
        pf.widow_control = True
        if spec.align is not None:
            pf.alignment = _ALIGN[spec.align]
        ppr = st.element.get_or_add_pPr()
        x.set_indent_chars(ppr, _chars(spec.first_indent), _chars(spec.right_indent), _chars(spec.left_indent),
                           char_twips=_twips(spec.char_width))
        x.set_char_spacing(rpr, self._condense(spec))
        bdr = ppr.find(qn("w:pBdr"))
        if bdr is not None:
            ppr.remove(bdr)
        # no hanging punctuation (GB/T 9704 lines end on the grid); keep line-start/end rules on
        x.child(ppr, "w:kinsoku").set(qn("w:val"), "1")
        x.child(ppr, "w:overflowPunct").set(qn("w:val"), "0")
        if spec.outline is not None:
            x.child(ppr, "w:outlineLvl").set(qn("w:val"), str(spec.outline))
        if self.sheet.grid:
            # lines keep their exact leading (the grid's pitch, or their own in tables and key
            # figures), as the PDF sets them, also where a user switches Word's grid on
            x.child(ppr, "w:snapToGrid").set(qn("w:val"), "0")
        return st

    @staticmethod
    def _condense(spec: ParagraphSpec) -> int:
        """Character spacing (twentieths of a point, rounded away from zero) that fits the grid."""
        gap = spec.char_width - spec.font.size
        return math.floor(gap * 20) if gap < 0 else 0

    def _styles(self) -> None:
        self._paragraph_style("Normal", "body")
        self._paragraph_style("Title", "title")
        self._paragraph_style("Subtitle", "subtitle")
        for level in range(1, 5):
            self._paragraph_style(f"Heading {level}", f"heading{level}")
        self._paragraph_style("Caption", "caption")
        self._paragraph_style("Table Text", "table")
        self._paragraph_style("Byline", "byline")
        signature = self._paragraph_style("Signature Block", "signature")
        role = self.sheet.para("signature").font  # digits from the Han font, as the PDF draws them
        x.set_fonts(signature.element.get_or_add_rPr(), role.docx, role.docx)
        self._paragraph_style("Distribution", "distribution")
        self._paragraph_style("Key Figure Label", "figure_label")
        self._paragraph_style("Figure", "figure")
        self._paragraph_style("Contents Title", "contents_title")
        entry = self.sheet.para("contents_entry")
        for level in range(1, 5):
            toc = self._paragraph_style(f"toc {level}", "contents_entry")
            x.set_indent_chars(toc.element.get_or_add_pPr(),
                               left_chars=_chars((level - 1) * self.sheet.contents_indent),
                               char_twips=_twips(entry.char_width))
            toc.paragraph_format.tab_stops.add_tab_stop(Twips(_twips(self.style.type_width)),
                                                        WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        self._paragraph_style("Masthead", "masthead")
        header = self._paragraph_style("Running Header", "header")
        x.set_border(header.element.get_or_add_pPr(), "bottom", round(self.sheet.header_rule * 8), self.style.accent)
        self.doc.styles["Figure"].paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        self.doc.styles["Figure"].font.size = Pt(1)  # a line as tall as its picture (_whole_lines)
        self.defined |= {"Lead Sentence", "Key Figure"}
        lead = self.doc.styles.add_style("Lead Sentence", WD_STYLE_TYPE.CHARACTER)
        lead.quick_style = True
        role = self.style.role("lead")
        lead.font.bold = role.bold
        x.set_fonts(lead.element.get_or_add_rPr(), role.docx, role.latin)
        value = self.doc.styles.add_style("Key Figure", WD_STYLE_TYPE.CHARACTER)
        vrole = self.style.role("figure_value")
        value.font.size = Pt(vrole.size)
        value.font.color.rgb = RGBColor.from_string(vrole.color)
        x.set_fonts(value.element.get_or_add_rPr(), vrole.docx, vrole.latin)

    def _page(self) -> None:
        s = self.style
        section = self.doc.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width = Twips(_twips(s.page_width))
        section.page_height = Twips(_twips(s.page_height))
        section.top_margin = Twips(_twips(s.margin_top))
        section.left_margin = Twips(_twips(s.margin_left))
        section.right_margin = Twips(_twips(s.margin_right))
        section.bottom_margin = Twips(_twips(s.margin_bottom))
        numbers = self.sheet.page_number
        number_size = numbers.font.size
        # the footer's text top sits ``below`` the type area (公文: the dash's top 7 mm under it)
        section.footer_distance = Twips(_twips(max(s.margin_bottom - numbers.below - number_size, 0)))
        section.header_distance = Twips(_twips(max(s.margin_top - 12 * MM, 0)))
        x.set_doc_grid(sect_pr(section), _twips(self.pitch))
        section.different_first_page_header_footer = s.cover  # a cover page has no number
        j = WD_ALIGN_PARAGRAPH
        if numbers.placement == "outside":
            odd, even = j.RIGHT, j.LEFT
        elif numbers.placement == "center":
            odd = even = j.CENTER
        else:
            odd = even = j.RIGHT
        for footer, align in ((section.footer, odd), (section.even_page_footer, even)):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.style = self._footer_style()
            paragraph.alignment = align
            if numbers.before:
                paragraph.add_run(numbers.before)
            x.add_field(paragraph, "PAGE", "1")
            if numbers.after:
                paragraph.add_run(numbers.after)
            inset = int(numbers.inset * 100)
            x.set_indent_chars(ppr(paragraph), right_chars=inset if align == j.RIGHT else 0,
                               left_chars=inset if align == j.LEFT else 0, char_twips=_twips(number_size))
        if self.document.running_header:
            for header in (section.header, section.even_page_header):
                header.is_linked_to_previous = False
                paragraph = header.paragraphs[0]
                paragraph.style = self.doc.styles["Running Header"]
                paragraph.add_run(self.document.running_header)
        if self.document.draft:  # the stamp at the top of every page, cover included
            for header in (section.header, section.even_page_header, section.first_page_header):
                header.is_linked_to_previous = False
                stamp = header.paragraphs[0].insert_paragraph_before(self.document.draft)
                stamp.alignment = WD_ALIGN_PARAGRAPH.CENTER
                stamp.runs[0].bold = True

    def _footer_style(self):
        try:
            return self.doc.styles["Page Number Footer"]
        except KeyError:
            st = self._paragraph_style("Page Number Footer", "page_number")
            st.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            return st

    def _properties(self) -> None:
        meta = self.document.meta
        props = self.doc.core_properties
        for name, value in core_properties(meta).items():  # one line each, at most 255 characters
            setattr(props, name, value)
        props.last_modified_by = "briefmaker"
        props.comments = ""
        props.revision = 1
        when = dt.datetime.combine(meta.date or dt.date(2000, 1, 1), dt.time(0, 0))
        props.created = when
        props.modified = when
        props.last_printed = when

    # -- blocks --------------------------------------------------------------------------------
    def _headline(self, kind: str, text: str) -> tuple[str, bool]:
        """``text`` with the line breaks the PDF sets it with (the sheet's headline): a break
        written in the brief as a line break, one chosen between words as :data:`x.AUTO_BREAK`
        after the gap it was chosen at; and whether it has more than one line."""
        headline = self.sheet.headline(kind, text)
        out = headline.lines[0]
        for gap, line in zip(headline.gaps, headline.lines[1:]):
            out += ("\n" if gap == "\n" else gap + x.AUTO_BREAK) + line
        return out, headline.broken

    def block_Title(self, block: d.Title) -> None:
        self._add_paragraph(self._headline("title", block.text)[0], style="Title")
        if block.subtitle:
            self._add_paragraph(block.subtitle, style="Subtitle")
        self._add_paragraph("", style="Subtitle")

    def block_Heading(self, block: d.Heading) -> None:
        level = min(block.level, 4)
        if not block.run_in:
            text, broken = self._headline(f"heading{level}", block.number + block.text)
            paragraph = self._add_paragraph(text, style=f"Heading {level}")
            if broken:  # a line that ends early is not stretched to the margin
                paragraph.alignment = _ALIGN["left"]
            return
        style = self._run_in_style(level)
        self._add_paragraph(style=style, runs=[(block.number + block.text, f"{style} Char"),
                                               *((run.text, self._run_char_style(run.role)) for run in block.runs)])

    def _run_char_style(self, role: str) -> str | None:
        """The character style of a paragraph run in ``role``: a lead sentence's, or (a draft's
        value still to fill) ``Unfilled``, highlighted, made when first used."""
        if role == "lead":
            return "Lead Sentence"
        if role != "unfilled":
            return None
        if "Unfilled" not in self.defined:
            self.defined.add("Unfilled")
            char = self.doc.styles.add_style("Unfilled", WD_STYLE_TYPE.CHARACTER)
            char.font.color.rgb = RGBColor.from_string(self.sheet.unfilled_color)
            x.child(char.element.get_or_add_rPr(), "w:highlight").set(qn("w:val"), "yellow")
        return "Unfilled"

    def _run_in_style(self, level: int) -> str:
        """The paragraph style of a run-in heading at ``level`` (a body paragraph the outline lists)
        and the character style of its heading part, both from the sheet; made when first used."""
        name = f"Run-in Heading {level}"
        if name in self.defined:
            return name
        kind = f"run_in{level}"
        self._paragraph_style(name, kind)
        spec = self.sheet.para(kind)
        char = self.doc.styles.add_style(f"{name} Char", WD_STYLE_TYPE.CHARACTER)
        self.defined.add(f"{name} Char")
        role = self.style.role(spec.opening_role or spec.role)
        char.font.size = Pt(role.size)
        char.font.bold = role.bold
        char.font.color.rgb = RGBColor.from_string(role.color)
        rpr = char.element.get_or_add_rPr()
        x.set_fonts(rpr, role.docx, role.latin)
        on_grid = spec.on_grid and abs(role.size - spec.font.size) < 0.01
        x.set_char_spacing(rpr, self._condense(spec) if on_grid else 0)
        return name

    def block_Paragraph(self, block: d.Paragraph) -> None:
        lines = self.layout.squeezed.get(self._index, ())
        base = self._condense(self.sheet.para("body"))
        runs: list[tuple[str, str | None, int | None]] = []
        at = 0
        for run in block.runs:
            style = self._run_char_style(run.role)
            for start, end, condense in _pieces(run.text, at, lines):
                # a line the PDF sets narrower is as narrow here, so it breaks where the PDF's does
                runs.append((run.text[start:end], style, base - condense if condense else None))
            at += len(run.text)
        paragraph = self._add_paragraph(runs=runs)
        if self._index in self.layout.widows:  # the PDF let its last line go on alone
            paragraph.paragraph_format.widow_control = False

    def _whole_lines(self, paragraph, height: float) -> None:
        """A figure of ``height`` (pt) in a line at least whole lines of the grid tall, as the PDF
        gives it: no space before, which Word and LibreOffice drop at the top of a page. Not an
        exact line height: LibreOffice sets the baseline of an exact line at four fifths of its
        height and clips what rises above the line, so a chart's top (its title) was cut off and
        drawn over the line before (measured); the Figure style's 1 pt text leaves no room under
        the baseline to make the line taller."""
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        paragraph.paragraph_format.line_spacing = _height(self.sheet.lines_for(height))

    def block_Figure(self, block: d.Figure) -> None:
        """A chart, picture or table with its caption where the figure puts it; a caption above
        keeps with the figure, a chart or picture keeps with a caption below it."""
        below = bool(block.caption) and block.caption_place == "below"
        if block.caption and not below:
            self._add_paragraph(block.caption, style="Caption").paragraph_format.keep_with_next = True
        content = block.content
        match content:
            case d.ChartSpec():
                self._chart(content, block, keep=below)
            case d.Picture():
                self._picture(content.data, block.width, block.caption, block.alt, keep=below)
            case d.TableData():
                self._table(content)
            case _:
                assert_never(content)
        if below:
            self._add_paragraph(block.caption, style="Caption")

    def _figure_paragraph(self, keep: bool):
        """The paragraph holding a chart or picture (``keep``: with the caption below it)."""
        paragraph = self._add_paragraph(style="Figure")
        paragraph.paragraph_format.keep_with_next = keep
        return paragraph

    def _picture(self, data: bytes, width_fraction: float, title: str, alt: str, *, keep: bool) -> None:
        paragraph = self._figure_paragraph(keep)
        shape = paragraph.add_run().add_picture(io.BytesIO(data), width=Twips(_twips(self.style.type_width * width_fraction)))
        x.set_alt_text(shape, title, alt)
        self._whole_lines(paragraph, shape.height.pt)

    def _chart(self, spec: d.ChartSpec, figure: d.Figure, *, keep: bool) -> None:
        """A native Word chart (data in an embedded workbook) for every kind Word has; the
        300 dpi picture of the PDF's drawing when the style asks for pictures."""
        title = spec.title or figure.caption
        if spec.kind not in NATIVE_KINDS or self.style.docx_charts == "picture":
            self._picture(self.charts.png(spec, self.style), figure.width, title, figure.alt, keep=keep)
            return
        paragraph = self._figure_paragraph(keep)
        inline = add_chart(self.doc.part, spec, self.style, title, figure.alt, self.charts)
        run_element(paragraph.add_run()).add_drawing(inline)
        self._whole_lines(paragraph, int(inline.find(qn("wp:extent")).get("cy")) / 12700)

    def _table(self, block: d.TableData) -> None:
        """The PDF's table: the sheet's column widths (w:tblGrid, every cell and w:tblW agree, a
        fixed layout, so Word, WPS and LibreOffice keep them) and cell padding, the header row
        shaded, centred and repeated on every page, figures right-aligned, no row split
        but those the PDF split across pages (a row taller than the room left)."""
        columns = self.sheet.columns(block.columns, block.rows)
        side, above = self.sheet.cell_padding
        widths = [_twips(w) for w in columns.widths]
        header: list[str | None] = [None] * len(widths)  # centred, as its paragraph style
        aligns = [header, *([list[str | None](columns.aligns)] * len(block.rows))]
        table = x.grid_table(widths, [list(block.columns), *map(list, block.rows)], aligns,
                             table_style=self.doc.styles["Table Grid"].style_id,
                             paragraph_style=self.doc.styles["Table Text"].style_id,
                             header_fill=self.sheet.header_fill,
                             # the PDF's padding above and below a cell's text, less half of the
                             # 0.5 pt rule that LibreOffice adds to a row (measured: 3 pt → 55 twips)
                             margins=(_twips(above - 0.25), _twips(above - 0.25), _twips(side)),
                             # the rows the PDF cut where a page ends break there too
                             breakable=frozenset(1 + r for r in self.layout.split_rows.get(self._index, ())))
        self._append(table)

    def _style_id(self, name: str) -> str:
        if name not in self._ids:
            self._ids[name] = self.doc.styles[name].style_id
        return self._ids[name]

    def _add_paragraph(self, text: str = "", style: str = "Normal", *, runs=()) -> Paragraph:
        """A paragraph at the end of the body in paragraph style ``style`` holding ``text``, or
        ``runs`` of (text, character style or None[, character spacing in twentieths of a point or
        None]): python-docx's add_paragraph, built as one
        piece of XML (python-docx appends a text character by character)."""
        pstyle = "" if style == "Normal" else f'<w:pPr><w:pStyle w:val="{self._style_id(style)}"/></w:pPr>'
        content = "".join(x.run_xml(t, self._style_id(r) if r else None, *spacing)
                          for t, r, *spacing in (runs or [(text, None)]))
        element = parse_xml(f'<w:p xmlns:w="{x.W_NS}">{pstyle}{content}</w:p>')
        self._append(element)
        return Paragraph(element, body_of(self.doc))

    def _append(self, element) -> None:
        """``element`` at the end of the body, before its section properties."""
        body = self.doc.element.body
        if len(body) and body[-1].tag == qn("w:sectPr"):
            body[-1].addprevious(element)
        else:
            body.append(element)

    def block_KeyFigures(self, block: d.KeyFigures) -> None:
        """The PDF's panel: numbers shrunk to fit their cell on one line, labels under them, red
        rules above and below, the whole panel as tall as the PDF's (whole lines of the grid)."""

        value_spec, label_spec = self.sheet.para("figure_value"), self.sheet.para("figure_label")
        vrole, lrole = value_spec.font, label_spec.font
        count = len(block.items)
        cell = self.style.type_width / count - 12  # ReportLab's cell padding, as the PDF has it
        widest = max(text_width(i.value, vrole.pdf, vrole.size) + text_width(i.unit, lrole.pdf, lrole.size)
                     for i in block.items) + vrole.size / 2
        scale = min(1.0, (cell + 2) / widest)
        value_lead = vrole.size * scale * (value_spec.line_ratio or 1.0)
        label_lead = label_spec.leading
        label_lines = max(math.ceil(text_width(i.label, lrole.pdf, lrole.size) / cell - 1e-9) for i in block.items)
        height = 3 + value_lead + label_lines * label_lead + 3
        pad = self.sheet.lines_for(height) - height
        table = self.doc.add_table(rows=2, cols=count)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        x.set_table_borders(table, self.style.accent, 8)
        # LibreOffice lays the rules out below the rows' exact heights: the panel keeps the
        # PDF's whole lines with the rules' width taken off (measured)
        rule = 1.0
        for row, rule_height in zip(table.rows, (3 + value_lead, label_lines * label_lead + 3 - rule)):
            x.set_row_height(row, _height(rule_height).twips)
        # the room to spare outside the rules, as the PDF has it (inside, the top rule touched the
        # line above): half after the paragraph above, the rest before the block below (_blocks)
        above, below = _height(pad / 2).twips, _height(pad - pad / 2).twips
        previous = table._tbl.getprevious()
        if previous is not None and previous.tag == qn("w:p"):
            spacing = previous.get_or_add_pPr().get_or_add_spacing()
            spacing.after = Emu((spacing.after or 0) + Twips(above))
        else:
            below += above
        self._gap_after = below
        label_style = self.doc.styles["Key Figure Label"]
        # each row's cells fetched once: python-docx builds them all on every access
        for item, top_cell, bottom_cell in zip(block.items, table.rows[0].cells, table.rows[1].cells):
            top = top_cell.paragraphs[0]
            top.style = label_style
            top.paragraph_format.line_spacing = _height(value_lead)
            value = top.add_run(item.value, style="Key Figure")
            unit = top.add_run(item.unit)
            if scale < 1:
                value.font.size = Pt(round(vrole.size * scale * 2) / 2)
                unit.font.size = Pt(round(lrole.size * scale * 2) / 2)
            top_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            bottom = bottom_cell.paragraphs[0]
            bottom.style = label_style
            bottom.add_run(item.label)
            bottom_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP

    def block_Byline(self, block: d.Byline) -> None:
        self._add_paragraph(block.text, style="Byline")

    def block_Signature(self, block: d.Signature) -> None:
        """The name and the date where the sheet puts them (GB/T 9704 7.3.5.2), as the PDF places
        them: each line indented from the left in twips, every character given the PDF's advance
        (grid pitch, the gap between digits and Han) so Word and LibreOffice draw it there too."""
        spec = self.sheet.para("signature")
        place = self.sheet.signature(block.unit, block.date)
        pitch = spec.char_width if spec.on_grid else None
        self._add_paragraph("", style="Signature Block")
        for text, left, keep in ((block.unit, place.unit_x, True), (block.date, place.date_x, False)):
            paragraph = self._add_paragraph(style="Signature Block")
            paragraph.paragraph_format.keep_with_next = keep
            ind = x.child(ppr(paragraph), "w:ind")
            for attr, value in (("w:firstLineChars", 0), ("w:firstLine", 0), ("w:leftChars", 0),
                                ("w:left", _twips(left)), ("w:rightChars", 0), ("w:right", 0)):
                ind.set(qn(attr), str(value))
            advances = char_advances(text, spec.font.pdf, spec.font.size, pitch)
            for chars, spacing in _spaced(advances, spec.font.pdf, spec.font.size):
                x.set_char_spacing(run_element(paragraph.add_run(chars)).get_or_add_rPr(), spacing)

    def block_Distribution(self, block: d.Distribution) -> None:
        lines = [*block.lines, *([block.note] if block.note else [])]
        self._add_paragraph("", style="Normal")
        for i, text in enumerate(lines):
            paragraph = self._add_paragraph(text, style="Distribution")
            paragraph.paragraph_format.keep_with_next = i < len(lines) - 1
            props = ppr(paragraph)
            if i == 0:
                x.set_border(props, "top", 8)
            x.set_border(props, "bottom", 8 if i == len(lines) - 1 else 4)

    def block_PageBreak(self, block: d.PageBreak) -> None:
        """Nothing here: the next block starts a page (``_blocks``), as the PDF's next page
        starts with it — a paragraph holding only a break would leave its empty line at the
        top of the new page in Word and LibreOffice."""
        self._break_before = True

    def block_Masthead(self, block: d.Masthead) -> None:
        self._add_paragraph("", style="Normal").paragraph_format.first_line_indent = None
        self._add_paragraph(block.name, style="Masthead")
        if block.issue:
            issue = self._add_paragraph(block.issue, style="Normal")
            issue.alignment = WD_ALIGN_PARAGRAPH.CENTER
            x.set_indent_chars(ppr(issue))
        # unit flush left, date flush right, the thick red rule under them: as Word users build it
        line = self._add_paragraph(style="Normal")
        x.set_indent_chars(ppr(line))
        line.paragraph_format.tab_stops.add_tab_stop(Twips(_twips(self.style.type_width)), WD_TAB_ALIGNMENT.RIGHT)
        line.add_run(block.unit)
        line.add_run("\t" + block.date)
        rule = self.sheet.masthead_rule
        eighths = min(96, max(2, round(rule * 8)))
        gap = round(2 * MM)  # pt between the line and the rule, as the PDF's 2 mm
        x.set_border(ppr(line), "bottom", eighths, self.style.accent, space=gap)
        # the rule and the space under it fill whole lines, as in the PDF (LibreOffice counts
        # the border and its distance into the paragraph's height)
        under = self.sheet.lines_for(2 * MM + rule + self.pitch)
        line.paragraph_format.space_after = _height(under - gap - eighths / 8)

    def block_Contents(self, block: d.Contents) -> None:
        """A real TOC field whose cached result already holds the entries and the PDF's page
        numbers, so Word shows it filled without asking to update fields."""
        title = self._add_paragraph(block.title, style="Contents Title")
        title.paragraph_format.keep_with_next = True
        last = None
        for index, entry in enumerate(block.entries):
            paragraph = self._add_paragraph(style=f"toc {min(entry.level, 9)}")
            if index == 0:
                x.begin_field(paragraph, f'TOC \\o "1-{self.style.contents}" \\h \\z \\u')
            paragraph.add_run(entry.text)
            paragraph.add_run("\t" + str(self.pages.get(entry.key, "")))
            last = paragraph
        if last is not None:
            x.end_field(last)

    def block_Cover(self, block: d.Cover) -> None:
        for _ in range(self.sheet.cover_blank_lines):
            self._add_paragraph("", style="Normal")
        self._add_paragraph(self._headline("title", block.title)[0], style="Title")
        if block.subtitle:
            self._add_paragraph(block.subtitle, style="Subtitle")
        self._add_paragraph("", style="Subtitle")
        for text in (block.unit, block.date):
            if text:
                self._add_paragraph(text, style="Subtitle")

    def block(self, block: d.AnyBlock) -> None:
        """Write one block (mypy checks that every block type is handled)."""
        match block:
            case d.Title():
                self.block_Title(block)
            case d.Heading():
                self.block_Heading(block)
            case d.Paragraph():
                self.block_Paragraph(block)
            case d.Figure():
                self.block_Figure(block)
            case d.KeyFigures():
                self.block_KeyFigures(block)
            case d.Byline():
                self.block_Byline(block)
            case d.Signature():
                self.block_Signature(block)
            case d.Distribution():
                self.block_Distribution(block)
            case d.PageBreak():
                self.block_PageBreak(block)
            case d.Masthead():
                self.block_Masthead(block)
            case d.Cover():
                self.block_Cover(block)
            case d.Contents():
                self.block_Contents(block)
            case _:
                assert_never(block)

    def _blocks(self) -> None:
        """Every block, in the order the PDF's pages show them (a figure that did not fit its
        page set after the text that filled the page). A moved figure is marked for
        ``briefmaker import``, which puts it back: hidden bookmarks, ``_FloatFrom<n>`` (empty)
        where the brief has it and ``_Float<n>`` around its paragraphs, n its block's index."""
        blocks = self.document.blocks
        order = self.layout.order(len(blocks))
        moved = self.layout.moved(len(blocks))
        anchors: dict[int, list[int]] = {}
        for index, position in moved.items():
            anchors.setdefault(position, []).append(index)
        body = self.doc.element.body
        gap = 0  # twips still to put before the next paragraph (the space under a table)
        for position, index in enumerate(order):
            for figure in sorted(anchors.get(position, [])):
                self._bookmark(body, f"_FloatFrom{figure}", empty=True)
            block = blocks[index]
            end = self._bookmark(body, f"_Float{index}") if index in moved else None
            self._index = index
            first = len(body) - 1  # new elements go before the section properties
            self.block(block)
            if self._break_before and not isinstance(block, d.PageBreak):
                self._start_page(body, first)
            if gap:
                paragraph = next((e for e in list(body)[first:] if e.tag == qn("w:p")), None)
                if paragraph is not None:
                    spacing = paragraph.get_or_add_pPr().get_or_add_spacing()
                    spacing.before = Emu((spacing.before or 0) + Twips(gap))
                gap = 0
            if isinstance(block, d.Figure) and isinstance(block.content, d.TableData):
                gap = _height(self.sheet.table_after).twips  # as the PDF: dropped at the top of a page
            elif isinstance(block, d.KeyFigures):
                gap = self._gap_after  # the room under the panel's lower rule
            if end is not None:
                body.insert_element_before(end, "w:sectPr")

    def _start_page(self, body, first: int) -> None:
        """The element at ``first`` in ``body`` starts a new page: a paragraph by its own
        ``pageBreakBefore``, anything else after a paragraph holding a page break."""
        self._break_before = False
        element = next((e for e in list(body)[first:] if e.tag in (qn("w:p"), qn("w:tbl"))), None)
        if element is None:
            self._add_paragraph(style="Normal").add_run().add_break(WD_BREAK.PAGE)
        elif element.tag == qn("w:p"):
            x.child(element.get_or_add_pPr(), "w:pageBreakBefore")
        else:
            holder = self._add_paragraph(style="Normal")
            holder.add_run().add_break(WD_BREAK.PAGE)
            element.addprevious(holder._p)

    def _bookmark(self, body, name: str, *, empty: bool = False):
        """Add a bookmark start named ``name`` to ``body`` (and its end, when ``empty``); return
        the end element still to place otherwise."""
        self._bookmarks += 1
        start = body.makeelement(qn("w:bookmarkStart"), {qn("w:id"): str(self._bookmarks), qn("w:name"): name})
        end = body.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): str(self._bookmarks)})
        body.insert_element_before(start, "w:sectPr")
        if empty:
            body.insert_element_before(end, "w:sectPr")
            return None
        return end

    # -- output --------------------------------------------------------------------------------
    def write(self) -> bytes:
        """The finished DOCX as bytes (identical for identical input)."""
        body = self.doc.element.body
        for paragraph in list(body.iterchildren(qn("w:p"))):
            body.remove(paragraph)  # the default template's empty first paragraph
        self._page()
        self._properties()
        self._blocks()
        cleanup.no_empty_paragraphs(body, _height(self.pitch).twips)  # styles and parts: the template's are clean
        data = saved(self.doc)
        if self.style.embed_fonts:
            from .fonts import embed_fonts

            data = embed_fonts(data, self.style)
        return data


def write_docx(document: d.Document, style: Style, charts: ChartCache | None = None,
               layout: Pagination | None = None) -> bytes:
    """The DOCX of ``document`` in ``style``; ``charts`` is the chart cache (None: in memory);
    ``layout`` is what laying out the PDF decided: the page of each heading, for a table of
    contents, and where figures went and which paragraphs left a line alone, for the same page
    ends. A style that embeds fonts names (and carries) the bundled fonts instead of the office
    ones."""
    if style.embed_fonts:
        from .fonts import embedding_style

        style = embedding_style(style)
    return DocxWriter(document, style, charts, layout).write()
