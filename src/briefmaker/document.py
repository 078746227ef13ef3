"""The format-neutral document: what both writers draw, with all text final and numbers formatted.

This module is the contract between ``compose`` and the writers. It imports nothing from
python-docx, reportlab or matplotlib; every block remembers the brief location it came from, so a
writer's warning can still point at a line of the brief.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Union, assert_never

from .errors import Location

_NOWHERE = Location("")

ChartKind = Literal["bar", "hbar", "grouped", "stacked", "line", "pie", "donut", "progress"]
NumberFormat = Literal["plain", "wan", "thousands", "percent"]
RunRole = Literal["plain", "lead", "unfilled"]  # unfilled: a draft's value still to fill, set apart
CaptionPlace = Literal["above", "below"]


@dataclass(frozen=True)
class Meta:
    """Document properties and the facts header and closing blocks print."""

    title: str
    subtitle: str | None = None
    unit: str | None = None
    author: str | None = None
    date: dt.date | None = None
    subject: str | None = None
    keywords: tuple[str, ...] = ()
    issue: int | None = None


@dataclass(frozen=True)
class Run:
    """A stretch of text in one role: 'plain' or 'lead' (the bold lead sentence)."""

    text: str
    role: RunRole = "plain"


@dataclass(frozen=True)
class Block:
    """Base of every block; ``source`` is where in the brief it came from."""

    source: Location = field(default=_NOWHERE, kw_only=True, compare=False)


@dataclass(frozen=True)
class Title(Block):
    text: str
    subtitle: str | None = None


@dataclass(frozen=True)
class Heading(Block):
    """A section heading; ``number`` is the formatted label (一、 （一） 1. （1）) or ''; ``text``
    may hold ``\n`` (a line break as written).

    ``run_in``: the heading opens a paragraph (（一）经济运行稳中向好。坚持……) in the heading's font,
    continued by ``runs`` in the body's (the sheet's ``run_in`` paragraph kinds say how).
    """

    level: int
    number: str
    text: str
    key: str = ""  # a stable name for links and the table of contents ("h1", "h2" …)
    run_in: bool = False
    runs: tuple[Run, ...] = ()

    @property
    def outline(self) -> str:
        """The heading as the outline and the contents list it: number and text on one line, a
        run-in heading without its closing 。 and never with the text it runs into."""
        text = (self.number + self.text).replace("\n", "")
        return text[:-1] if self.run_in and text.endswith(("。", "．")) else text


@dataclass(frozen=True)
class Paragraph(Block):
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Progress:
    """What a progress chart shows: ``done`` of ``target`` (done ≥ 0, target > 0; more than the
    target is over-achievement, 完成率 106%), the names of the part done and of the part left, and
    the name of the whole (the series' name)."""

    done: float
    target: float
    done_label: str
    rest_label: str
    name: str
    over_label: str = ""  # the name of the part beyond the target (the second ring's series)

    @property
    def share(self) -> float:
        return self.done / self.target


@dataclass(frozen=True)
class ChartSpec:
    """A chart with its numbers resolved. A 'progress' chart has its numbers in ``progress`` and
    no categories or series; every other kind has categories and series and no ``progress``."""

    kind: ChartKind
    title: str
    categories: tuple[str, ...] = ()
    series: tuple[tuple[str, tuple[float, ...]], ...] = ()
    unit: str = ""
    width: float = 0.8  # of the type area: the figure's width, which the chart is laid out in
    number_format: NumberFormat = "plain"  # plain, wan (万/亿), thousands (12,000) or percent (ratio → 98%)
    digits: int = 2
    highlight: tuple[str, ...] = ()  # categories in the accent colour; empty: all in palette order
    progress: Progress | None = None

    def __post_init__(self) -> None:
        if (self.kind == "progress") != (self.progress is not None):
            raise ValueError("a progress chart, and only one, has a Progress")
        if self.progress is not None and (self.categories or self.series):
            raise ValueError("a progress chart has no categories or series")


@dataclass(frozen=True)
class TableData:
    """A table's text: the header row's cells and each body row's (as many as the columns)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Picture:
    """A picture: ``data`` is the file's bytes as both writers embed them (read and checked once
    by compose, converted where readers would show the file differently); ``path`` where it was."""

    path: Path
    data: bytes = field(default=b"", repr=False, compare=False)


FigureContent = Union[ChartSpec, TableData, Picture]


@dataclass(frozen=True)
class Figure(Block):
    """A chart, table or picture with what every figure has: its caption and where the caption
    goes, the alternative text read out in its place, and its width as a fraction of the type
    area's (a chart's is also its ``ChartSpec.width``, which it is laid out in)."""

    content: FigureContent
    caption: str = ""
    caption_place: CaptionPlace = "below"
    alt: str = ""
    width: float = 1.0

    def __post_init__(self) -> None:
        if isinstance(self.content, ChartSpec) and self.content.width != self.width:
            raise ValueError("a chart figure's width is its chart's")


@dataclass(frozen=True)
class KeyFigure:
    value: str
    unit: str
    label: str


@dataclass(frozen=True)
class KeyFigures(Block):
    items: tuple[KeyFigure, ...]


@dataclass(frozen=True)
class Byline(Block):
    text: str


@dataclass(frozen=True)
class Signature(Block):
    unit: str
    date: str


@dataclass(frozen=True)
class Distribution(Block):
    """The closing list (版记): final lines such as 报：…。 and 抄送：…。, then the print note
    (印发机关　印发日期印发　（共印N份）), all text made by compose."""

    lines: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class PageBreak(Block):
    pass


@dataclass(frozen=True)
class Masthead(Block):
    """A briefing's red header (报头): its name, 第N期, and the unit and date on one line."""

    name: str
    issue: str
    unit: str
    date: str


@dataclass(frozen=True)
class ContentsEntry:
    level: int
    text: str
    key: str  # matches the Heading it lists (Heading.key)


@dataclass(frozen=True)
class Contents(Block):
    """A table of contents; page numbers are the writers' to find (the PDF's layout decides)."""

    title: str
    entries: tuple[ContentsEntry, ...]


@dataclass(frozen=True)
class Cover(Block):
    """A cover page: the title, subtitle, issuing unit and date, alone on the first page."""

    title: str
    subtitle: str
    unit: str
    date: str


BLOCK_TYPES: tuple[type[Block], ...] = (
    Title, Heading, Paragraph, Figure, KeyFigures, Byline, Signature, Distribution, PageBreak,
    Masthead, Cover, Contents,
)
#: every block a document holds; writers dispatch on it with ``match`` and ``assert_never``
AnyBlock = Union[Title, Heading, Paragraph, Figure, KeyFigures, Byline, Signature, Distribution,
                 PageBreak, Masthead, Cover, Contents]


def content_texts(content: FigureContent) -> Iterator[str]:
    """Every string a figure's content shows (chart title, unit, labels, names; table cells)."""
    match content:
        case ChartSpec():
            yield from (content.title, content.unit, *content.categories)
            yield from (name for name, _ in content.series)
            if content.progress is not None:
                yield from (content.progress.done_label, content.progress.rest_label, content.progress.name)
        case TableData():
            yield from content.columns
            yield from (cell for row in content.rows for cell in row)
        case Picture():
            pass
        case _:
            assert_never(content)


def block_texts(block: Block) -> Iterator[str]:
    """Every string of ``block`` a reader sees (captions, cells, labels, chart text …), non-empty."""
    match block:
        case Title():
            yield from (block.text, block.subtitle or "")
        case Heading():
            yield block.number + block.text
            yield from (run.text for run in block.runs)
        case Paragraph():
            yield from (run.text for run in block.runs)
        case Figure():
            yield from (block.caption, block.alt)
            yield from content_texts(block.content)
        case KeyFigures():
            yield from (text for item in block.items for text in (item.value, item.unit, item.label))
        case Byline():
            yield block.text
        case Signature():
            yield from (block.unit, block.date)
        case Distribution():
            yield from (*block.lines, block.note)
        case Masthead():
            yield from (block.name, block.issue, block.unit, block.date)
        case Cover():
            yield from (block.title, block.subtitle, block.unit, block.date)
        case Contents():
            yield from (block.title, *(entry.text for entry in block.entries))
        case PageBreak():
            pass


@dataclass(frozen=True)
class Document:
    """A composed brief: metadata and the blocks in reading order."""

    meta: Meta
    blocks: tuple[AnyBlock, ...]
    running_header: str = ""  # text at the top of every page but a cover
    draft: str = ""  # the stamp on every page (草稿) of a build with values still to fill; '' for none

    def charts(self) -> list[Figure]:
        """The figures that are charts (``content`` a ChartSpec), in reading order."""
        return [b for b in self.blocks if isinstance(b, Figure) and isinstance(b.content, ChartSpec)]

    def texts(self) -> Iterator[tuple[Block | None, str]]:
        """Every non-empty string a reader sees, with the block it is in (None: the page's own,
        such as the running header), in reading order."""
        for block in self.blocks:
            for text in block_texts(block):
                if text:
                    yield block, text
        for text in (self.running_header, self.draft):
            if text:
                yield None, text

    def plain_text(self) -> str:
        """All the text a reader sees, one block per line (for checks and tests)."""
        lines = []
        for block in self.blocks:
            if isinstance(block, Title):
                lines += [block.text] + ([block.subtitle] if block.subtitle else [])
            elif isinstance(block, Heading):
                lines.append(block.number + block.text + "".join(run.text for run in block.runs))
            elif isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Figure) and block.caption:
                lines.append(block.caption)
            elif isinstance(block, Byline):
                lines.append(block.text)
            elif isinstance(block, Signature):
                lines += [block.unit, block.date]
        return "\n".join(lines)
