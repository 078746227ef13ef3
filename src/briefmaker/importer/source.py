"""What a reader hands on: the document's paragraphs, tables and pictures in reading order.

Readers (``textfile``, ``docxfile``) know nothing about briefs; they only say what each piece of
the source is, where it is (line:col for text, the paragraph number for a .docx) and what the
file itself says about it (a heading style, a numbering label, bold runs, alignment).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Location


@dataclass
class Piece:
    """One paragraph (``kind='text'``), table (``'table'``) or picture (``'image'``) of the source."""

    where: Location
    text: str = ""
    kind: str = "text"
    heading: int | None = None    # level the file gives explicitly: 1 = '#'/Heading 1 … (0 = the title)
    label: str = ""               # a number the file draws itself (Word numbering), not part of ``text``
    bold_lead: int = 0            # how many leading characters are bold (0: none)
    style: str = ""               # the file's own name for the paragraph's role: Title, Subtitle, Caption …
    center: bool = False
    right: bool = False
    rows: list[list[str]] = field(default_factory=list)   # a table's cells, first row = the columns
    figure_cells: list[tuple[str, str, str]] = field(default_factory=list)  # key figures: (value, unit, label)
    image: bytes = b""            # a picture's bytes
    image_ext: str = ""           # 'png' or 'jpeg'
    alt: str = ""
    chart: dict | None = None     # a native chart: {'kind', 'categories', 'series': {name: [values]}, 'title'}

    @property
    def bold(self) -> bool:
        """True when the whole paragraph is bold."""
        return bool(self.text) and self.bold_lead >= len(self.text)
