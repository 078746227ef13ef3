"""A resolved style: every length in points, every font by role — what the writers read."""
from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4  # points per millimetre


@dataclass(frozen=True)
class FontRole:
    """One role's type: a font for the PDF (bundled key or file path), the family name Word/WPS
    users have for the DOCX, size in pt."""

    pdf: str
    docx: str
    size: float
    bold: bool = False
    color: str = "000000"
    latin: str = "Times New Roman"


@dataclass(frozen=True)
class PageNumbers:
    """Page number text and place: ``format`` with {n}; ``below`` the type area (pt, to the
    text's top); ``placement`` 'outside' (odd right, even left), 'center' or 'right'; ``inset``
    in characters from the type area's edge."""

    format: str = "— {n} —"
    below: float = 7 * MM
    placement: str = "outside"
    inset: float = 1.0


@dataclass(frozen=True)
class Masthead:
    """The red header of a briefing (报头): templates over the brief's data and meta."""

    name: str
    issue: str = ""
    rule: float = 1.0 * MM


@dataclass(frozen=True)
class Style:
    """A fully resolved style: every length in points."""

    name: str
    description: str
    page_width: float
    page_height: float
    margin_top: float
    margin_left: float
    margin_bottom: float
    margin_right: float
    grid: tuple[int, int] | None  # (lines per page, characters per line)
    roles: dict[str, FontRole]
    numbering: tuple[str, ...]  # per heading level; {cn} = 一, {n} = 1
    palette: tuple[str, ...]
    accent: str = "C00000"
    page_numbers: PageNumbers = PageNumbers()
    masthead: Masthead | None = None
    cover: bool = False
    contents: int = 0  # heading levels listed in a table of contents (0: none)
    embed_fonts: bool = False  # the DOCX carries the fonts it uses (render/docx/fonts.py)
    docx_charts: str = "native"  # 'native' Word charts, or 'picture' (300 dpi images)
    running_header: str = ""  # template, e.g. "{{ meta.unit }}"
    free_line_pitch: float = 0.0  # pt, used when there is no grid
    compress_punctuation: bool = False  # adjacent full-width marks in 1.5 em (free-pitch styles)
    source: str = ""  # the file it was read from

    @property
    def type_width(self) -> float:
        return self.page_width - self.margin_left - self.margin_right

    @property
    def type_height(self) -> float:
        return self.page_height - self.margin_top - self.margin_bottom

    @property
    def lines_per_page(self) -> int:
        return self.grid[0] if self.grid else int(self.type_height // self.line_pitch)

    @property
    def chars_per_line(self) -> int:
        return self.grid[1] if self.grid else int(self.type_width // self.role("body").size)

    @property
    def line_pitch(self) -> float:
        """Baseline-to-baseline distance: fills the type area with the grid's lines when there is one."""
        if self.grid:
            return self.type_height / self.grid[0]
        return self.free_line_pitch or self.role("body").size * 1.6

    @property
    def char_pitch(self) -> float:
        """Advance of one full-width body character: the grid's, else the body size."""
        if self.grid:
            return self.type_width / self.grid[1]
        return self.role("body").size

    def role(self, name: str) -> FontRole:
        return self.roles[name]
