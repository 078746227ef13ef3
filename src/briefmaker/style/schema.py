"""The style file format, as typed models (validation and located errors come from these)."""
from __future__ import annotations

from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Size = Union[float, str]  # 16, "16pt", or a Chinese size name such as 三号 / 小四


class FontSpec(_Strict):
    pdf: str = Field(description="Bundled font (fang, hei, kai, song-bold, fallback) or a TrueType file path")
    docx: str = Field(description="Family name Word/WPS users have, e.g. 仿宋_GB2312")
    size: Size
    bold: bool = False
    color: str = Field("000000", pattern=r"^[0-9A-Fa-f]{6}$")
    latin: str = "Times New Roman"


class Margins(_Strict):
    top: float = Field(gt=0)
    left: float = Field(gt=0)
    bottom: float = Field(gt=0)
    right: float = Field(gt=0)


class Grid(_Strict):
    lines: int = Field(gt=0, le=80)
    chars: int = Field(gt=0, le=80)


class Page(_Strict):
    size: list[float] = Field(min_length=2, max_length=2, description="[width, height] in mm")
    margins: Margins
    grid: Grid | None = None
    line_pitch: float | None = Field(None, gt=0, description="pt, when there is no grid")


class PageNumbersSpec(_Strict):
    format: str = "— {n} —"
    below: float = Field(7, ge=0, description="mm from the type area to the number's top")
    placement: Literal["outside", "center", "right"] = "outside"
    inset: float = Field(1, ge=0, description="characters in from the type area's edge")


class MastheadSpec(_Strict):
    name: str
    issue: str = ""
    rule: float = Field(1.0, gt=0, description="mm")


class Charts(_Strict):
    palette: list[str] = Field(min_length=1)
    docx: Literal["native", "picture"] = Field(
        "native", description="native: editable Word charts; picture: 300 dpi images as in the PDF")


class StyleFile(_Strict):
    extends: str | None = None
    description: str = ""
    page: Page
    fonts: dict[str, FontSpec]
    numbering: list[str] = Field(min_length=1, max_length=8)
    colors: dict[str, str] = Field(default_factory=dict)
    page_numbers: PageNumbersSpec = PageNumbersSpec()
    masthead: MastheadSpec | None = None
    cover: bool = False
    contents: int = Field(0, ge=0, le=4, description="heading levels in a table of contents; 0: none")
    running_header: str | None = None
    compress_punctuation: bool = Field(
        False, description="two adjacent full-width marks (。” ，“) in 1.5 em; off on a character grid")
    embed_fonts: bool = Field(False, description="embed the bundled fonts in the DOCX (subset), naming them by their own family names")
    charts: Charts
