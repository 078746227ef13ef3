"""Document → PDF with ReportLab: one method per block type, text set by :mod:`.text`.

Over 400 lines on purpose: one class with a method per block type, each a few lines translating
the sheet, reads better than the same methods spread over modules.

The page is the style's: type area as the only frame, page numbers in the style's format below
it, odd pages right and even pages left (单右双左). Charts arrive as SVG and stay vector.
"""
from __future__ import annotations

import io
from dataclasses import replace
from typing import assert_never

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Frame, KeepTogether, PageBreak, PageTemplate, Spacer
from reportlab.platypus import Image as RLImage
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from ... import document as d
from ...pagination import Pagination
from ...style import MM, Style
from ...style.sheet import ParagraphSpec, make_sheet
from ...charts.scene import layout
from .chart import chart_drawing
from .compat import fix_dates, table_height
from .flow import End, Figure, FlowTemplate, HeadingKeep, TableFigure, keep_headings
from .fonts import pdf_font, string_width
from .text import TextBlock, TextStyle


class Rule(Flowable):
    """A horizontal rule across the type area."""

    def __init__(self, thickness: float, color: str = "000000", space_before: float = 0, space_after: float = 0):
        super().__init__()
        self.thickness, self.color = thickness, color
        self.space_before, self.space_after = space_before, space_after

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.space_before + self.thickness + self.space_after
        return self.width, self.height

    def draw(self):
        self.canv.setStrokeColor(HexColor("#" + self.color))
        self.canv.setLineWidth(self.thickness)
        y = self.space_after + self.thickness / 2
        self.canv.line(0, y, self.width, y)


def _split_tall_row(cells: list, width, limit: float) -> list[list]:
    """``cells`` as one table row, or, when a cell is taller than ``limit`` (most of a page), as
    several rows each holding the next part of every cell, so the text runs on across pages as
    a paragraph does instead of failing the layout (a contents entry longer than a page; a table's
    rows are cut where the page ends, flow.TableFigure). ``width``: each cell's, or one for all."""
    widths = list(width) if isinstance(width, (list, tuple)) else [width] * len(cells)
    if max(c.wrap(w, limit)[1] for c, w in zip(cells, widths)) <= limit:
        return [cells]
    rows = []
    while any(c is not None for c in cells):
        head, rest = [], []
        for c, width in zip(cells, widths):
            parts = (c.split(width, limit) or [c]) if c is not None else []
            if c is not None and c.wrap(width, limit)[1] <= limit:
                parts = [c]
            head.append(parts[0] if parts else "")
            rest.append(parts[1] if len(parts) > 1 else None)
        rows.append(head)
        cells = rest
    return rows


class _DocTemplate(FlowTemplate):
    """The flowing template (figures float to the next page, see flow.py) with the brief's dates."""

    def __init__(self, *args, date=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.date = date

    def beforeDocument(self):
        fix_dates(self.canv, self.date)


def _barrier(flowable):
    """``flowable``, marked as one no figure floats past (a closing block)."""
    flowable.barrier = True
    return flowable


#: the font role (or the draft's mark) a paragraph run of each role is set in; None: the paragraph's
_FONT_ROLE: dict[str, str | None] = {"plain": None, "lead": "lead", "unfilled": "unfilled"}


class PdfWriter:
    """Writes one Document in one Style."""

    def __init__(self, document: d.Document, style: Style):
        self.document = document
        self.style = style
        self.sheet = make_sheet(style)
        self.pitch = self.sheet.line_pitch
        self.heading_pages: dict[str, int] = {}  # Heading.key → the page it landed on
        self.placed: dict[int, int | None] = {}  # figure's block → the block it was set before
        self.widows: frozenset[int] = frozenset()  # paragraphs that left one line to the next page
        self.squeezed: dict[int, tuple[tuple[int, int, float], ...]] = {}  # paragraph → its narrowed lines
        self.split_rows: dict[int, tuple[int, ...]] = {}  # table → its rows split across pages

    @property
    def pagination(self) -> Pagination:
        """What the last layout decided: each heading's page, where each waiting figure went."""
        return Pagination(dict(self.heading_pages), dict(self.placed), self.widows, dict(self.squeezed),
                          dict(self.split_rows))

    # -- text helpers --------------------------------------------------------------------------
    def text_style(self, spec: ParagraphSpec, role: str | None = None) -> TextStyle:
        """A run in ``spec``'s paragraph, in its font role or ``role`` (a lead sentence's)."""
        font = self.style.role(role) if role else spec.font
        on_grid = spec.on_grid and abs(font.size - spec.font.size) < 0.01
        return TextStyle(font.pdf, font.size, font.color, font.bold, spec.char_width if on_grid else None,
                         self.style.compress_punctuation)

    def para(self, runs, kind: str = "body", **kw) -> TextBlock:
        """A paragraph of ``kind`` from the sheet; ``runs`` are (text, font role or None)."""
        spec = self.sheet.para(kind)
        kw.setdefault("leading", spec.leading)
        kw.setdefault("align", spec.align)
        kw.setdefault("first_indent", spec.pt(spec.first_indent))
        kw.setdefault("left_indent", spec.pt(spec.left_indent))
        kw.setdefault("right_indent", spec.pt(spec.right_indent))
        return TextBlock([(text, self._run_style(spec, r)) for text, r in runs], **kw)

    def _run_style(self, spec: ParagraphSpec, role: str | None) -> TextStyle:
        if role == "unfilled":  # a draft's value still to fill, in the sheet's colour
            return replace(self.text_style(spec), color=self.sheet.unfilled_color)
        return self.text_style(spec, role)

    def lines_for(self, height: float) -> float:
        """``height`` rounded up to whole lines of the grid, so following text stays on the grid."""
        return self.sheet.lines_for(height)

    # -- blocks --------------------------------------------------------------------------------
    def flowables(self) -> list:
        story = []
        for index, block in enumerate(self.document.blocks):
            for flowable in self.block(block):
                flowable.block_index = index  # where a floated figure lands is told by block
                story.append(flowable)
        keep_headings(story, self.style.type_width, self.style.type_height, self.sheet.keep_lines)
        end = End()
        end.block_index = None
        return [*story, end]

    def block(self, block: d.AnyBlock) -> list:
        """The flowables of one block (mypy checks that every block type is handled)."""
        match block:
            case d.Title():
                return self.block_Title(block)
            case d.Heading():
                return self.block_Heading(block)
            case d.Paragraph():
                return self.block_Paragraph(block)
            case d.Figure():
                return self.block_Figure(block)
            case d.KeyFigures():
                return self.block_KeyFigures(block)
            case d.Byline():
                return self.block_Byline(block)
            case d.Signature():
                return self.block_Signature(block)
            case d.Distribution():
                return self.block_Distribution(block)
            case d.PageBreak():
                return self.block_PageBreak(block)
            case d.Masthead():
                return self.block_Masthead(block)
            case d.Cover():
                return self.block_Cover(block)
            case d.Contents():
                return self.block_Contents(block)
            case _:
                assert_never(block)

    def block_Title(self, block: d.Title) -> list:
        text = self.sheet.headline("title", block.text).text
        out = [self.para([(text, None)], "title", keep_with_next=True, phrases=True)]
        if block.subtitle:
            out.append(self.para([(block.subtitle, None)], "subtitle", keep_with_next=True))
        out.append(Spacer(1, self.pitch))
        return out

    def block_Heading(self, block: d.Heading) -> list:
        if block.run_in:
            return self._run_in(block)
        kind = f"heading{min(block.level, 4)}"
        # phrase-structured headings (坚持站稳立场 巩固提升 …) break between phrases, ragged right
        phrased = " " in block.text
        text = self.sheet.headline(kind, block.number + block.text).text
        heading = self.para([(text, None)], kind, phrases=phrased, **({"align": "left"} if phrased else {}))
        heading.outline = (block.level - 1, block.outline, block.key)
        heading.on_draw = self._record_page
        # kept with the lines under it, as Word and LibreOffice keep a heading with the next
        # paragraph (flow.HeadingKeep), without gluing it to a whole paragraph
        return [HeadingKeep(heading), heading]

    def _run_in(self, block: d.Heading) -> list:
        """A run-in heading: one paragraph of the sheet's run-in kind, the heading in its font."""
        kind = f"run_in{min(block.level, 4)}"
        spec = self.sheet.para(kind)
        runs = [(block.number + block.text, spec.opening_role)]
        runs += [(run.text, _FONT_ROLE[run.role]) for run in block.runs]
        paragraph = self.para(runs, kind)
        paragraph.outline = (block.level - 1, block.outline, block.key)
        paragraph.on_draw = self._record_page
        return [paragraph]

    def block_Paragraph(self, block: d.Paragraph) -> list:
        runs = [(run.text, _FONT_ROLE[run.role]) for run in block.runs]
        paragraph = self.para(runs)
        paragraph.role = "paragraph"
        return [paragraph]

    def block_Figure(self, block: d.Figure) -> list:
        """The figure's content with its caption where the figure puts it: a chart or picture
        never split, a table split between rows with its header repeated (flow.TableFigure), half
        a line after it; either may wait for the next page while text fills this one (flow.py)."""
        content = block.content
        caption = self.para([(block.caption, None)], "caption") if block.caption else None
        match content:
            case d.ChartSpec():
                drawing = chart_drawing(layout(content, self.style))
                drawing.hAlign = "CENTER"
                items = self._whole_lines(drawing, drawing.height)
            case d.Picture():
                items = self._picture(content, block.width)
            case d.TableData():
                return [self._table(content, caption, block.caption_place == "below")]
            case _:
                assert_never(content)
        if caption is not None:
            items = [caption, *items] if block.caption_place == "above" else [*items, caption]
        return [Figure(items)]

    def _whole_lines(self, flowable, height: float) -> list:
        """``flowable`` at the top of whole lines of the grid, the room to spare under it (as Word
        and LibreOffice set a picture in a line of exact height)."""
        return [flowable, Spacer(1, self.lines_for(height) - height)]

    def _picture(self, picture: d.Picture, width_fraction: float) -> list:
        from reportlab.lib.utils import ImageReader

        data = picture.data  # read, checked and made embeddable once, by compose
        iw, ih = ImageReader(io.BytesIO(data)).getSize()
        width = self.style.type_width * width_fraction
        height = width * ih / iw
        return self._whole_lines(RLImage(io.BytesIO(data), width=width, height=height), height)

    def _table(self, block: d.TableData, caption, caption_below: bool) -> TableFigure:
        columns = self.sheet.columns(block.columns, block.rows)
        side, above = self.sheet.cell_padding
        cell = lambda text, align=None: self.para([(text, None)], "table", **({"align": align} if align else {}))  # noqa: E731
        header = [cell(c) for c in block.columns]
        rows = [[cell(c, a) for c, a in zip(row, columns.aligns)] for row in block.rows]
        widths = list(columns.widths)
        inner = [w - 2 * side for w in widths]

        def split_row(cells: list, height: float):
            """``cells`` cut where ``height`` (the row's, padding included) ends: each cell's
            lines that fit, the rest in a row of their own; None when a cell cannot be cut so
            (fewer than two lines on either side of the cut, flow.TableFigure)."""
            room = height - 2 * above
            head, tail, cut = [], [], False
            for text, width in zip(cells, inner):
                if not isinstance(text, TextBlock) or text.wrap(width, room)[1] <= room + 0.01:
                    head.append(text)
                    tail.append("")
                    continue
                parts = text.split(width, room)
                if len(parts) != 2:
                    return None
                head.append(parts[0])
                tail.append(parts[1])
                cut = True
            return (head, tail) if cut else None
        look = TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, HexColor("#000000")),
            ("BACKGROUND", (0, 0), (-1, 0), HexColor("#" + self.sheet.header_fill)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), side), ("RIGHTPADDING", (0, 0), (-1, -1), side),
            ("TOPPADDING", (0, 0), (-1, -1), above), ("BOTTOMPADDING", (0, 0), (-1, -1), above),
        ])

        def make_table(data):
            table = RLTable(data, repeatRows=1, hAlign="CENTER", colWidths=widths)
            table.setStyle(look)
            return table

        return TableFigure(caption, header, rows, make_table, after=self.sheet.table_after,
                           caption_below=caption_below, keep=self.sheet.keep_lines, split_row=split_row)

    def block_KeyFigures(self, block: d.KeyFigures) -> list:
        value_spec, label_spec = self.sheet.para("figure_value"), self.sheet.para("figure_label")
        value_style = self.text_style(value_spec)
        unit_style = self.text_style(label_spec)
        # the number and its unit stay on one line: shrink the number's size until the widest fits
        cell_width = self.style.type_width / len(block.items) - 14  # less the cell padding
        widest = max(string_width(item.value, value_style.font, value_style.size)
                     + string_width(item.unit, unit_style.font, unit_style.size) for item in block.items)
        widest += value_style.size / 2  # room for the quarter-em gaps between digits and Han
        if widest > cell_width:
            scale = cell_width / widest
            value_style = replace(value_style, size=value_style.size * scale)
            unit_style = replace(unit_style, size=unit_style.size * scale)
        label_style = self.text_style(label_spec)
        value_leading = value_style.size * (value_spec.line_ratio or 1.0)  # scales with the value
        cells = []
        for item in block.items:
            cells.append([
                TextBlock([(item.value, value_style), (item.unit, unit_style)],
                          leading=value_leading, align=value_spec.align or "center"),
                TextBlock([(item.label, label_style)], leading=label_spec.leading,
                          align=label_spec.align or "center"),
            ])
        width = self.style.type_width / len(cells)
        table = RLTable([cells], colWidths=[width] * len(cells), hAlign="CENTER")
        table.setStyle(TableStyle([
            ("LINEABOVE", (0, 0), (-1, 0), 1, HexColor("#" + self.style.accent)),
            ("LINEBELOW", (0, 0), (-1, 0), 1, HexColor("#" + self.style.accent)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]))
        table.wrap(self.style.type_width, self.style.type_height)
        height = table_height(table)
        pad = self.lines_for(height) - height
        return [Figure([Spacer(1, pad / 2), table, Spacer(1, pad - pad / 2)])]

    def block_Byline(self, block: d.Byline) -> list:
        return [_barrier(self.para([(block.text, None)], "byline"))]

    def block_Signature(self, block: d.Signature) -> list:
        place = self.sheet.signature(block.unit, block.date)
        return [
            _barrier(Spacer(1, self.pitch)),
            KeepTogether([
                self.para([(block.unit, None)], "signature", left_indent=place.unit_x),
                self.para([(block.date, None)], "signature", left_indent=place.date_x),
            ]),
        ]

    def block_Distribution(self, block: d.Distribution) -> list:
        items: list = [Rule(0.35 * MM, space_before=self.pitch)]
        for line in block.lines:
            items.append(self.para([(line, None)], "distribution"))
            items.append(Rule(0.25 * MM))
        if block.note:
            items.append(self.para([(block.note, None)], "distribution"))
        if len(items) > 1 and isinstance(items[-1], Rule):
            items.pop()
        items.append(Rule(0.35 * MM))
        return [_barrier(KeepTogether(items))]

    def block_PageBreak(self, block: d.PageBreak) -> list:
        return [PageBreak()]

    # -- page ----------------------------------------------------------------------------------
    def _decorate_page(self, canvas, doc) -> None:
        """Page number and running header; a cover page gets neither."""
        if self.document.draft:
            self._draft_stamp(canvas)
        if self.style.cover and canvas.getPageNumber() == 1:
            return
        self._page_number(canvas)
        if self.document.running_header:
            self._running_header(canvas)

    def _draft_stamp(self, canvas) -> None:
        """草稿 across the page, large, light and diagonal, under the page's text."""
        role = self.style.role("title")
        canvas.saveState()
        canvas.setFont(pdf_font(role.pdf), 120)
        canvas.setFillColor(HexColor("#E6E6E6"))
        canvas.translate(self.style.page_width / 2, self.style.page_height / 2)
        canvas.rotate(45)
        canvas.drawCentredString(0, -40, self.document.draft)
        canvas.restoreState()

    def _page_number(self, canvas) -> None:
        style = self.style
        numbers = self.sheet.page_number
        role = numbers.font
        page = canvas.getPageNumber()
        text = numbers.text(page)
        canvas.saveState()
        canvas.setFont(pdf_font(role.pdf), role.size)
        canvas.setFillColor(HexColor("#" + role.color))
        # the text's top sits ``below`` the type area (for — N —: the dash's top, 7 mm in 公文)
        baseline = style.margin_bottom - numbers.below - role.size * 0.8
        inset = numbers.inset * role.size
        right = style.page_width - style.margin_right - inset
        left = style.margin_left + inset
        if numbers.placement == "center":
            canvas.drawCentredString(style.margin_left + style.type_width / 2, baseline, text)
        elif numbers.placement == "right" or page % 2:
            canvas.drawRightString(right, baseline, text)
        else:
            canvas.drawString(left, baseline, text)
        canvas.restoreState()

    def _running_header(self, canvas) -> None:
        style = self.style
        role = style.role("header")
        top = style.page_height - style.margin_top
        baseline = top + 4 * MM
        canvas.saveState()
        canvas.setFont(pdf_font(role.pdf), role.size)
        canvas.setFillColor(HexColor("#" + role.color))
        canvas.drawRightString(style.page_width - style.margin_right, baseline, self.document.running_header)
        canvas.setStrokeColor(HexColor("#" + style.accent))
        canvas.setLineWidth(self.sheet.header_rule)
        canvas.line(style.margin_left, baseline - 2 * MM, style.page_width - style.margin_right, baseline - 2 * MM)
        canvas.restoreState()

    # -- front matter --------------------------------------------------------------------------
    def block_Masthead(self, block: d.Masthead) -> list:
        style = self.style
        out: list = [Spacer(1, self.pitch), self.para([(block.name, None)], "masthead")]
        if block.issue:
            out.append(self.para([(block.issue, None)], "issue"))
        row = RLTable([[self.para([(block.unit, None)], "masthead_line"),
                        self.para([(block.date, None)], "masthead_line", align="right")]],
                      colWidths=[style.type_width / 2] * 2)
        row.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                 ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        rule = self.sheet.masthead_rule
        # the rule and the space under it fill whole lines, so the body below stays on the grid
        gap = self.lines_for(2 * MM + rule + self.pitch) - 2 * MM - rule
        out += [row, Rule(rule, style.accent, space_before=2 * MM), Spacer(1, gap)]
        return out

    def block_Cover(self, block: d.Cover) -> list:
        style = self.style
        out: list = [Spacer(1, self.sheet.cover_blank_lines * self.pitch),
                     self.para([(self.sheet.headline("title", block.title).text, None)], "title")]
        if block.subtitle:
            out.append(self.para([(block.subtitle, None)], "cover_line"))
        out.append(Rule(1.2, style.accent, space_before=6 * MM, space_after=6 * MM))
        for text in (block.unit, block.date):
            if text:
                out.append(self.para([(text, None)], "cover_line"))
        return out

    def _record_page(self, key: str, page: int) -> None:
        self.heading_pages[key] = page

    def block_Contents(self, block: d.Contents) -> list:
        spec = self.sheet.para("contents_entry")
        rows = []
        for entry in block.entries:
            page = self.heading_pages.get(entry.key)
            indent = spec.pt((entry.level - 1) * self.sheet.contents_indent)
            text = self.para([(entry.text, None)], "contents_entry", left_indent=indent)
            parts = _split_tall_row([text], self.style.type_width - 3 * spec.font.size,
                                    self.style.type_height * 0.75)  # a heading longer than a page
            rows += [[part[0], ""] for part in parts[:-1]]
            # the first pass reserves two digits' room; the second prints the page found
            rows.append([parts[-1][0], self.para([(str(page) if page else "00", None)], "contents_entry",
                                                 align="right")])
        table = RLTable(rows, colWidths=[self.style.type_width - 3 * spec.font.size, 3 * spec.font.size])
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, HexColor("#BBBBBB"), 1, (1, 2)),
        ]))
        title = self.para([(block.title, None)], "contents_title")
        return [title, Spacer(1, self.pitch), table]

    def write(self) -> bytes:
        """The finished PDF as bytes (identical for identical input).

        With a table of contents the document is laid out twice: the first pass finds each
        heading's page, the second prints those numbers (the contents take the same room in both).
        """
        data = self._build()
        if any(isinstance(b, d.Contents) for b in self.document.blocks):
            data = self._build()
        return data

    def _build(self) -> bytes:
        style, meta = self.style, self.document.meta
        buffer = io.BytesIO()
        doc = _DocTemplate(
            buffer, line_pitch=self.pitch, date=meta.date,
            pagesize=(style.page_width, style.page_height),
            leftMargin=style.margin_left, rightMargin=style.margin_right,
            topMargin=style.margin_top, bottomMargin=style.margin_bottom,
            title=meta.title, author=meta.author or meta.unit or "", subject=meta.subject or "",
            keywords=", ".join(meta.keywords), creator="briefmaker", producer="briefmaker",
            invariant=1, lang="zh-CN",
        )
        frame = Frame(style.margin_left, style.margin_bottom, style.type_width, style.type_height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        doc.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate_page)])
        story = self.flowables()
        doc.build(list(story))
        self.placed = dict(doc.placed)
        self.widows = frozenset(f.block_index for f in story if getattr(f, "widowed", False))
        self.squeezed = {f.block_index: marks for f in story if getattr(f, "role", "") == "paragraph"
                         and (marks := f.squeezes())}
        self.split_rows = {f.block_index: tuple(sorted(f.split_rows)) for f in story
                           if isinstance(f, TableFigure) and f.split_rows}
        return buffer.getvalue()


def write_pdf(document: d.Document, style: Style) -> bytes:
    """The PDF of ``document`` in ``style``."""
    return PdfWriter(document, style).write()
