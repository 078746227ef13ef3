"""Style templates: how a brief looks (page, fonts by role, sizes, numbering, colours).

The foundation ships one built-in style, ``gongwen`` (GB/T 9704-2012); the style-template issue
turns these into YAML files with ``extends``. Everything a writer needs is resolved here into
points, so writers never convert units themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import BriefError, Location, Problem

MM = 72 / 25.4  # points per millimetre

# Chinese size names (字号) → points, as Word and WPS use them (gbt9704.md).
SIZE_NAMES = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16, "小三": 15,
    "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5,
}


@dataclass(frozen=True)
class FontRole:
    """One role's type: the bundled font for the PDF, the family name for the DOCX, size in pt."""

    pdf: str  # key of a font in fonts/ (see fonts.py)
    docx: str  # East Asian family name Word/WPS users have
    size: float
    bold: bool = False
    color: str = "000000"
    latin: str = "Times New Roman"


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
    lines_per_page: int
    chars_per_line: int
    roles: dict[str, FontRole]
    numbering: tuple[str, ...]  # per heading level; {cn} = 一, {n} = 1
    palette: tuple[str, ...]
    accent: str = "C00000"
    page_number_format: str = "— {n} —"

    @property
    def type_width(self) -> float:
        return self.page_width - self.margin_left - self.margin_right

    @property
    def type_height(self) -> float:
        return self.page_height - self.margin_top - self.margin_bottom

    @property
    def line_pitch(self) -> float:
        """Baseline-to-baseline distance that puts ``lines_per_page`` lines in the type area."""
        return self.type_height / self.lines_per_page

    def role(self, name: str) -> FontRole:
        return self.roles[name]


def _gongwen() -> Style:
    fang = lambda size, **kw: FontRole("fang", "仿宋_GB2312", size, **kw)  # noqa: E731
    return Style(
        name="gongwen",
        description="GB/T 9704-2012 党政机关公文格式: A4, 22 lines × 28 characters, 3号仿宋",
        page_width=210 * MM,
        page_height=297 * MM,
        margin_top=37 * MM,
        margin_left=28 * MM,
        margin_bottom=35 * MM,
        margin_right=26 * MM,
        lines_per_page=22,
        chars_per_line=28,
        roles={
            "title": FontRole("song-bold", "方正小标宋简体", SIZE_NAMES["二号"]),
            "subtitle": FontRole("kai", "楷体_GB2312", SIZE_NAMES["三号"]),
            "body": fang(SIZE_NAMES["三号"]),
            "lead": fang(SIZE_NAMES["三号"], bold=True),
            "heading1": FontRole("hei", "黑体", SIZE_NAMES["三号"]),
            "heading2": FontRole("kai", "楷体_GB2312", SIZE_NAMES["三号"]),
            "heading3": fang(SIZE_NAMES["三号"], bold=True),
            "heading4": fang(SIZE_NAMES["三号"]),
            "caption": FontRole("kai", "楷体_GB2312", SIZE_NAMES["四号"]),
            "table": fang(SIZE_NAMES["四号"]),
            "figure_value": FontRole("hei", "黑体", SIZE_NAMES["小二"], color="C00000"),
            "figure_label": fang(SIZE_NAMES["小四"]),
            "byline": FontRole("kai", "楷体_GB2312", SIZE_NAMES["三号"]),
            "signature": fang(SIZE_NAMES["三号"]),
            "distribution": fang(SIZE_NAMES["四号"]),
            "page_number": FontRole("song-bold", "宋体", SIZE_NAMES["四号"]),
            "chart": FontRole("hei", "黑体", SIZE_NAMES["五号"]),
        },
        numbering=("{cn}、", "（{cn}）", "{n}.", "（{n}）"),
        palette=("C00000", "2F5597", "ED7D31", "548235", "7F6000", "7030A0"),
    )


BUILTIN = {"gongwen": _gongwen}


def get_style(name: str, where: Location | None = None) -> Style:
    """The built-in style called ``name``; a located BriefError names the known ones otherwise."""
    factory = BUILTIN.get(name)
    if factory is None:
        raise BriefError([Problem(where or Location(""), "style_unknown",
                                  {"name": name, "known": ", ".join(BUILTIN)})])
    return factory()
