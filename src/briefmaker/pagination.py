"""What laying out the PDF decided about pages, for the DOCX to break its pages alike.

The PDF is laid out first (render/pdf/); its page for each heading fills a table of contents, and
where a figure did not fit and text flowed past it (render/pdf/flow.py) the figure's new place,
before a later block, is the order the DOCX sets its blocks in — so LibreOffice and Word meet the
same page ends. Figures only ever move later, past text, and keep their order among themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Pagination:
    """``heading_pages``: Heading.key → page number; ``placed``: a figure's block index → the index
    of the block it was set before (``None``: after the last block); ``widows``: the paragraphs
    (block indices) that carried their last line alone to the next page, under a heading that
    would otherwise have left a page a sixth empty (render/pdf/flow.py ``HeadingKeep``);
    ``squeezed``: for a paragraph (block index), each line the PDF set narrower than its
    characters' natural widths (marks compressed beside another, or pushed in at the line's end)
    as (first, end offset in the paragraph's text, points taken off), so that Word and
    LibreOffice, which compress no mark, fit the same characters on the line; ``split_rows``: for
    a table (block index), the rows (indices in its rows, header not counted) the PDF split across
    pages, taller than the room left: the rows the DOCX lets break."""

    heading_pages: dict[str, int] = field(default_factory=dict)
    placed: dict[int, int | None] = field(default_factory=dict)
    widows: frozenset[int] = frozenset()
    squeezed: dict[int, tuple[tuple[int, int, float], ...]] = field(default_factory=dict)
    split_rows: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def order(self, count: int) -> list[int]:
        """The indices of ``count`` blocks in the order the pages show them."""
        before: dict[int, list[int]] = {}
        for figure, target in sorted(self.placed.items()):
            before.setdefault(count if target is None else target, []).append(figure)
        out: list[int] = []
        for index in range(count + 1):
            out += before.get(index, [])
            if index < count and index not in self.placed:
                out.append(index)
        return out

    def changes(self, count: int) -> bool:
        """Whether a DOCX of ``count`` blocks written without this pagination would differ
        (apart from the contents' page numbers): a figure moved, a line left alone or narrowed,
        a table row split."""
        return bool(self.widows or self.squeezed or self.split_rows) or self.order(count) != list(range(count))

    def moved(self, count: int) -> dict[int, int]:
        """Each figure set after a block that follows it in the brief, with the position in
        ``order(count)`` of the first such block: where the figure stood in the brief."""
        order = self.order(count)
        out = {}
        for position, index in enumerate(order):
            later = next((p for p in range(position) if order[p] > index), None)
            if later is not None:
                out[index] = later
        return out
