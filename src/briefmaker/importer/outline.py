"""The recognised document: title, opening, sections, closing blocks — still plain text, no data."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..errors import Location, Problem
from .source import Piece


@dataclass
class Item:
    """A body item: a paragraph (with an optional bold lead), a table, a picture, key figures, a chart."""

    where: Location
    kind: str = "paragraph"       # paragraph | table | image | figures | chart
    text: str = ""
    lead: str = ""
    caption: str = ""
    piece: Piece | None = None
    label: str = ""               # a heading kept in the text: its number, which opens ``lead``


@dataclass
class Heading:
    """A heading as the source writes it: its numbering label, its text, and for a run-in heading
    the rest of the paragraph it opens."""

    where: Location
    depth: int | None             # 1 = 一、 … 4 = （1）; None: a bold line without a number
    label: str
    title: str
    rest: str | None = None       # run-in: the paragraph's text after the heading
    explicit: bool = False        # the file marks it as a heading (Markdown #, a Word heading style)


@dataclass
class Node:
    """A section: its heading, then its items and subsections in the order written."""

    heading: Heading | None
    children: list = field(default_factory=list)   # Item | Node

    @property
    def depth(self) -> int:
        return self.heading.depth if self.heading else 0


@dataclass
class Outline:
    """Everything the brief will say, in the brief's own shape."""

    title: str = ""
    title_where: Location | None = None
    subtitle: str = ""
    opening: list[Item] = field(default_factory=list)
    sections: list["Section"] = field(default_factory=list)
    closing: list[Item] = field(default_factory=list)
    byline: str = ""
    signature: tuple[str, dt.date] | None = None
    distribution: dict = field(default_factory=dict)   # report_to, send_to, issue_to, cc, printed_by, printed_on, copies
    notes: list[Problem] = field(default_factory=list)


@dataclass
class Section:
    """A section the brief numbers itself (its heading printed with the style's numbering)."""

    title: str
    where: Location
    body: list[Item] = field(default_factory=list)
    sections: list["Section"] = field(default_factory=list)
