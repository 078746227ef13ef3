"""The presentation sheet: every layout decision both writers share, made once from a Style.

A writer only translates the sheet into its format (ReportLab flowables, Word styles); it never
looks at sizes to decide whether text sits on the grid, how far a heading is indented, how tall a
title's line is or where a caption goes. Lengths are points; indents are in characters of the
paragraph's own character width (``ParagraphSpec.char_width``), which is how Word counts them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import FontRole, Style
from .columns import ColumnLayout, layout_columns
from .headlines import Headline, break_headline
from .signature import SignaturePlace, place_signature

Align = Literal["left", "center", "right", "justify"]
Placement = Literal["outside", "center", "right"]
FigureKind = Literal["chart", "image", "table"]

#: paragraph kinds of the sheet; each names the font role it sets its text in
PARAGRAPH_ROLES: dict[str, str] = {
    "body": "body", "title": "title", "subtitle": "subtitle",
    "heading1": "heading1", "heading2": "heading2", "heading3": "heading3", "heading4": "heading4",
    "caption": "caption", "table": "table", "byline": "byline", "signature": "signature",
    "distribution": "distribution", "figure_value": "figure_value", "figure_label": "figure_label",
    "masthead": "masthead", "issue": "body", "masthead_line": "body", "header": "header",
    "contents_title": "heading1", "contents_entry": "body", "page_number": "page_number",
    "cover_line": "subtitle", "figure": "body",
}


@dataclass(frozen=True)
class ParagraphSpec:
    """How one kind of paragraph is set: its font role, exact line height, alignment, indents in
    characters, keep-with-next, and whether full-width characters advance by the grid pitch."""

    role: str
    font: FontRole
    leading: float
    align: Align | None  # None: decided per paragraph (a page number's side)
    char_width: float  # pt per character: the grid pitch for body-sized text on a grid, else the size
    on_grid: bool
    first_indent: float = 0.0  # characters
    left_indent: float = 0.0
    right_indent: float = 0.0
    keep_with_next: bool = False
    outline: int | None = None  # 0-based outline level of a heading
    opening_role: str | None = None  # font role of the paragraph's opening run (a run-in heading's)
    line_ratio: float | None = None  # leading ÷ size, for text a writer may scale to fit

    def pt(self, chars: float) -> float:
        """``chars`` characters of this paragraph, in points."""
        return chars * self.char_width


@dataclass(frozen=True)
class PageNumberSpec:
    """The page number: text around the number, where it goes, how far in (characters of its
    own size) and how far below the type area its text's top sits (pt)."""

    before: str
    after: str
    placement: Placement
    inset: float
    below: float
    font: FontRole

    def text(self, n: int) -> str:
        return f"{self.before}{n}{self.after}"


@dataclass(frozen=True)
class Sheet:
    """Everything both writers draw alike, resolved from one Style."""

    style: Style
    line_pitch: float
    grid: bool  # the style sets text on a line grid
    paragraphs: dict[str, ParagraphSpec]
    page_number: PageNumberSpec
    caption_place: dict[FigureKind, Literal["above", "below"]]
    cover_blank_lines: int  # empty lines above a cover's title
    contents_indent: float  # characters per contents level below the first
    header_rule: float  # pt: the rule under a running header
    masthead_rule: float  # pt: the red rule under a masthead
    table_after: float  # pt under a table, dropped where the table ends a page
    keep_lines: int  # lines of a paragraph kept with the heading above it, or with each other
    unfilled_color: str = "C00000"  # a draft's value still to fill: drawn in this colour (the DOCX: highlighted too)
    cell_padding: tuple[float, float] = (6.0, 3.0)  # pt: a table cell's text from its sides, from top and bottom
    header_fill: str = "F2F2F2"  # a table's header row

    def para(self, kind: str) -> ParagraphSpec:
        return self.paragraphs[kind]

    def lines_for(self, height: float) -> float:
        """``height`` rounded up to whole lines, so what follows stays on the line grid."""
        return -(-height // self.line_pitch) * self.line_pitch

    def columns(self, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> ColumnLayout:
        """A table's column widths from its content (padding included, whole twentieths of a
        point) and each column's alignment: figures right, text left (style/columns.py)."""
        font = self.para("table").font
        return layout_columns(header, rows, font=font.pdf, size=font.size, available=self.style.type_width,
                              padding=2 * self.cell_padding[0])

    def headline(self, kind: str, text: str) -> Headline:
        """A title (``kind`` 'title': balanced lines over the type area) or a heading
        ('heading1'…'heading4': filled lines, the first after its indent) broken between words,
        as the PDF sets it; both writers break there."""
        spec = self.para(kind)
        font = spec.font
        width: float | tuple[float, float] = self.style.type_width
        if kind != "title":
            width = (self.style.type_width - spec.pt(spec.first_indent), self.style.type_width)
        return break_headline(text, font=font.pdf, size=font.size, pitch=spec.char_width if spec.on_grid else None,
                              compress=self.style.compress_punctuation, width=width, balanced=kind == "title")

    def signature(self, unit: str, date: str) -> SignaturePlace:
        """Where the organ's name and the date start (GB/T 9704-2012 7.3.5.2), from the left edge
        of the type area; both lines are set left-aligned from there."""
        spec = self.para("signature")
        return place_signature(unit, date, font=spec.font.pdf, size=spec.font.size, char=spec.char_width,
                               pitch=spec.char_width if spec.on_grid else None, type_width=self.style.type_width)


def _char_width(style: Style, size: float) -> tuple[float, bool]:
    if style.grid and abs(size - style.role("body").size) < 0.01:
        return style.char_pitch, True
    return size, False


def make_sheet(style: Style) -> Sheet:
    """The sheet of ``style``: one ParagraphSpec per paragraph kind, the page furniture."""
    pitch = style.line_pitch

    def spec(kind: str, align: Align | None, *, leading: float | None = None, grid: bool = True, **kw) -> ParagraphSpec:
        role = PARAGRAPH_ROLES[kind]
        font = style.role(role)
        width, on_grid = _char_width(style, font.size) if grid else (font.size, False)
        return ParagraphSpec(role, font, pitch if leading is None else leading, align, width, on_grid, **kw)

    def whole_lines(height: float) -> float:
        return -(-height // pitch) * pitch

    size = lambda role: style.role(role).size  # noqa: E731
    paragraphs = {
        "body": spec("body", "justify", first_indent=2),
        "title": spec("title", "center", leading=whole_lines(size("title") * 1.25), keep_with_next=True),
        "subtitle": spec("subtitle", "center", keep_with_next=True),
        "caption": spec("caption", "center"),
        "table": spec("table", "center", leading=size("table") * 1.5, grid=False),  # body cells: Sheet.columns
        "byline": spec("byline", "right", right_indent=2),
        "signature": spec("signature", "left"),  # each line placed by Sheet.signature
        "distribution": spec("distribution", "left", leading=size("distribution") * 1.8, left_indent=1,
                             right_indent=1),
        "figure_value": spec("figure_value", "center", leading=size("figure_value") * 1.3, grid=False,
                             line_ratio=1.3),
        "figure_label": spec("figure_label", "center", leading=size("figure_label") * 1.4, grid=False),
        "masthead": spec("masthead", "center", leading=whole_lines(size("masthead") * 1.3)),
        "issue": spec("issue", "center"),
        "masthead_line": spec("masthead_line", "left", grid=False),
        "header": spec("header", "right", leading=size("header") * 1.5),
        "contents_title": spec("contents_title", "center"),
        "contents_entry": spec("contents_entry", "left", grid=False),
        "page_number": spec("page_number", None),
        "cover_line": spec("cover_line", "center"),
        "figure": spec("figure", "center"),
    }
    for level in range(1, 5):
        paragraphs[f"heading{level}"] = spec(f"heading{level}", "justify", first_indent=2, keep_with_next=True,
                                             outline=level - 1)
        # a run-in heading (1.1): a body paragraph listed in the outline, opening in the heading's font
        paragraphs[f"run_in{level}"] = spec("body", "justify", first_indent=2, outline=level - 1,
                                            opening_role=f"heading{level}")
    numbers = style.page_numbers
    before, _, after = numbers.format.partition("{n}")
    return Sheet(
        style=style,
        line_pitch=pitch,
        grid=bool(style.grid),
        paragraphs=paragraphs,
        page_number=PageNumberSpec(before, after, numbers.placement, numbers.inset, numbers.below,  # type: ignore[arg-type]
                                   style.role("page_number")),
        caption_place={"table": "above", "chart": "below", "image": "below"},
        cover_blank_lines=int(style.lines_per_page * 0.28),
        contents_indent=2,
        header_rule=0.5,
        masthead_rule=style.masthead.rule if style.masthead else 72 / 25.4,
        table_after=pitch / 2,
        keep_lines=2,
    )
