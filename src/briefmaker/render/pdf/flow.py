"""Pages without holes: figures that float to the next page while text fills this one, tables
that split across pages with their header row repeated.

A figure (chart, image, key figures, or a table that cannot split here) that does not fit in
what is left of a page waits, and the text after it fills the page; waiting figures go, in
their order, to the next page after the paragraph that runs over onto it, or before a page
break or the closing blocks (signature, byline, distribution), whichever comes first. The
template records where each figure was placed (before which block), so the DOCX can set its
blocks in the same order and break its pages in the same places.
"""
from __future__ import annotations

from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, PageBreak, Spacer

from .compat import frame_at_top, frame_height, frame_room, placed_frame, retry, row_heights

TOLERANCE = 0.01  # pt: frame heights are sums of line pitches, off by rounding


class Figure(Flowable):
    """A chart, image or key-figures panel with its caption: drawn whole, never split (a figure
    taller than a page gives up its parts, which flow on as they can)."""

    floats = True

    def __init__(self, items: list[Flowable]):
        super().__init__()
        self.items = items
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, availWidth, availHeight):
        self._sizes = [item.wrapOn(self.canv, availWidth, availHeight) for item in self.items]
        self.width = availWidth
        self.height = sum(h for _, h in self._sizes)
        return self.width, self.height

    def draw(self):
        y = self.height
        for item, (w, h) in zip(self.items, self._sizes):
            y -= h
            align = getattr(item, "hAlign", "LEFT")
            x = (self.width - w) / 2 if align in ("CENTER", "CENTRE") else self.width - w if align == "RIGHT" else 0
            item.drawOn(self.canv, x, y)

    def split(self, availWidth, availHeight):
        frame = placed_frame(self)
        self.wrap(availWidth, availHeight)
        if frame is not None and self.height > frame_height(frame) + TOLERANCE:
            return list(self.items)  # taller than any page: let the parts flow
        return []


class TableFigure(Flowable):
    """A table with its caption (above, or below its last part). It splits between rows across
    pages, the header row repeated, keeping the caption, the header and at least ``keep`` rows
    together at the foot of a page and at least ``keep`` rows on the next; a row taller than the
    room left splits inside itself (``split_row``: its cells' first lines here, at least ``keep``
    of them, the rest in the same row on the next page under the repeated header), as Word and
    LibreOffice split a row that may break; a table that cannot split so floats as a figure.
    ``after``: space under it, dropped where it ends a page (Word and LibreOffice drop the space
    before a paragraph at the top of a page). ``sources``: each row's index in the brief's table;
    ``split_rows`` collects those of the rows split across pages (shared by every part), for the
    DOCX to let exactly those rows break."""

    floats = True

    def __init__(self, caption: Flowable | None, header: list, rows: list[list], make_table, *,
                 continued: bool = False, after: float = 0.0, caption_below: bool = False, keep: int = 2,
                 split_row=None, sources: list[int] | None = None, split_rows: set[int] | None = None):
        super().__init__()
        self.keep = keep
        self.caption, self.header, self.rows = caption, header, rows
        self.caption_below = caption_below
        self.after = after  # space under the table (under its last part)
        self.make_table = make_table  # rows (header first) → a ReportLab Table
        self.split_row = split_row  # (cells, height) → (this page's cells, the next's) or None
        self.sources = list(range(len(rows))) if sources is None else sources
        self.split_rows: set[int] = set() if split_rows is None else split_rows
        self.ends_in_row: int | None = None  # the brief's row this part's last row is the start of
        self.table = make_table([header, *rows])
        self.continued = continued  # the part of a split table on a following page
        self._caption_h = 0.0

    def wrap(self, availWidth, availHeight):
        self._canvas = self.canv
        return self._measure(availWidth, availHeight)

    def _measure(self, availWidth, availHeight):
        canv = self._canvas
        self._caption_h = self.caption.wrapOn(canv, availWidth, availHeight)[1] if self.caption else 0.0
        w, h = self.table.wrapOn(canv, availWidth, availHeight)
        self._table_w = w
        self.width, self.height = availWidth, self._caption_h + h + self.after
        return self.width, self.height

    def draw(self):
        if self.ends_in_row is not None:
            self.split_rows.add(self.ends_in_row)
        table_y = self.after + (self._caption_h if self.caption_below else 0.0)
        if self.caption is not None:
            cw, ch = self.caption.wrapOn(self.canv, self.width, self.height)
            self.caption.drawOn(self.canv, (self.width - cw) / 2, self.after if self.caption_below else self.height - ch)
        self.table.drawOn(self.canv, (self.width - self._table_w) / 2, table_y)

    def split_at(self, availWidth, availHeight) -> int:
        """How many rows go on this page: 0 (none: the whole table moves) or at least ``keep``
        with at least ``keep`` left for the next page, a row cut in two counted (after a wrap)."""
        count, cut = self._plan(availWidth, availHeight)
        return count + (cut is not None)

    def _plan(self, availWidth, availHeight) -> tuple[int, tuple[list, list] | None]:
        """(whole rows on this page, the next row cut in two or None) — see split_at: the
        first row that does not fit is cut where the page ends when ``split_row`` can cut it
        (at least ``keep`` lines of it on either side: a row of a line or three never is), else
        the table splits between rows."""
        self._measure(availWidth, availHeight)
        heights = row_heights(self.table)
        room = availHeight + TOLERANCE - (0.0 if self.caption_below else self._caption_h) - heights[0]
        count, used = 0, 0.0
        for height in heights[1:]:
            if used + height > room:
                break
            used += height
            count += 1
        if count < len(self.rows) and self.split_row is not None:
            cut = self.split_row(self.rows[count], room - used)
            if cut is not None:
                return count, cut
        whole = min(count, len(self.rows) - self.keep)
        return (whole if whole >= self.keep else 0), None

    def split(self, availWidth, availHeight):
        if self.after and self.height - self.after <= availHeight + TOLERANCE:
            return [self._part(self.rows, self.sources, caption=self.caption, after=0.0)]  # it ends the page
        count, cut = self._plan(availWidth, availHeight)
        if not count and cut is None:
            frame = placed_frame(self)
            if frame is None or not frame_at_top(frame) or len(self.rows) < 2:
                return []  # the next page
            count = 1  # a page holds only the header and one row: split all the same
        below = self.caption_below
        rows, sources = self.rows[:count], self.sources[:count]
        rest, rest_sources = self.rows[count:], self.sources[count:]
        if cut is not None:
            rows, sources = [*rows, cut[0]], [*sources, self.sources[count]]
            rest = [cut[1], *rest[1:]]
        head = self._part(rows, sources, caption=None if below else self.caption, after=0.0)
        if cut is not None:
            head.ends_in_row = self.sources[count]
        tail = self._part(rest, rest_sources, caption=self.caption if below else None, after=self.after,
                          continued=True)
        return [head, tail]

    def _part(self, rows, sources, *, caption, after: float, continued: bool | None = None) -> "TableFigure":
        part = TableFigure(caption, self.header, rows, self.make_table, after=after, caption_below=self.caption_below,
                           continued=self.continued if continued is None else continued, keep=self.keep,
                           split_row=self.split_row, sources=sources, split_rows=self.split_rows)
        part.block_index = getattr(self, "block_index", None)
        return part


class HeadingKeep(CondPageBreak):
    """Goes to the next page unless the heading after it fits with what a reader needs under it:
    the next paragraph whole when it has at most three lines (it could not split, leaving two
    lines on either side), else two of its lines; a heading under it with its own need. Figures
    in between do not count: one that fits stands under the heading, one that does not waits.
    The height is set by :func:`keep_headings` once the story is known."""

    def __init__(self, heading: Flowable):
        super().__init__(0)
        self.heading = heading


def keep_headings(story: list, width: float, height: float, keep: int = 2) -> None:
    """Give every HeadingKeep of ``story`` the height its heading needs (see HeadingKeep):
    ``keep`` lines of a paragraph stay together at the foot and the top of a page."""
    for index, flowable in enumerate(story):
        if isinstance(flowable, HeadingKeep):
            flowable.height = _need(story, index, width, height, keep) - TOLERANCE


def _need(story: list, index: int, width: float, height: float, keep: int) -> float:
    mark = story[index]
    need = mark.heading.wrap(width, height)[1]
    for flowable in story[story.index(mark.heading, index) + 1:]:
        if isinstance(flowable, HeadingKeep):
            return need + _need(story, story.index(flowable, index), width, height, keep)
        if getattr(flowable, "floats", False) or type(flowable) is Spacer:
            continue
        leading = getattr(flowable, "leading", None)
        if leading and hasattr(flowable, "runs"):  # a paragraph
            lines = round(flowable.wrap(width, height)[1] / leading)
            if lines == 2 * keep - 1 and need > 1.5 * leading:
                # a heading of two lines or more with a paragraph of three would leave four
                # lines (18 % of a 公文 page) empty: the paragraph may leave its last line alone
                # at the top of the next page instead (a widow, typography.md: "where avoidable")
                flowable.allow_widow = True
                lines = keep
            return need + leading * min(lines, keep if lines >= 2 * keep else lines)
        return need
    return need


class End(Flowable):
    """The end of the story: figures still waiting are placed before it."""

    barrier = True

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        pass


def _fits(flowable, canv, width: float, room: float) -> bool:
    _, height = flowable.wrapOn(canv, width, room)
    if height - getattr(flowable, "after", 0.0) <= room + TOLERANCE:
        return True
    return isinstance(flowable, TableFigure) and bool(flowable.split_at(width, room))


class FlowTemplate(BaseDocTemplate):
    """A document template whose figures float to the next page instead of leaving a hole.

    ``placed`` maps each figure's block index to the index of the block it was set before
    (``None``: at the end), for every figure that waited."""

    def __init__(self, *args, line_pitch: float, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_pitch = line_pitch
        self.waiting: list[Flowable] = []
        self.waiting_since = 0  # the page the first waiting figure could not go on
        self.placed: dict[int, int | None] = {}

    def handle_flowable(self, flowables):
        first = flowables[0] if flowables else None
        frame = getattr(self, "frame", None)
        if first is None or frame is None:
            return super().handle_flowable(flowables)
        if self.waiting and (_is_barrier(first) or (self.page > self.waiting_since
                                                   and not getattr(first, "continued", False))):
            for figure in self.waiting:
                self.placed[figure.block_index] = getattr(first, "block_index", None)
            retry(first)  # it did not fit the last page; the figures go first on this one
            flowables[0:0] = self.waiting
            self.waiting = []
            first = flowables[0]
        elif getattr(first, "floats", False) and self._should_wait(first, flowables, frame):
            if not self.waiting:
                self.waiting_since = self.page
            self.waiting.append(flowables.pop(0))
            return None
        return super().handle_flowable(flowables)

    def _should_wait(self, figure, flowables, frame) -> bool:
        if self.waiting:
            return True  # figures keep their order
        room, width = frame_room(frame)
        if room < self.line_pitch - TOLERANCE or _fits(figure, self.canv, width, room):
            return False
        full = frame_height(frame)
        if figure.wrapOn(self.canv, width, full)[1] > full + TOLERANCE:
            return False  # taller than a page: it splits where it stands
        return _text_follows(flowables)


def _is_barrier(flowable) -> bool:
    return isinstance(flowable, PageBreak) or getattr(flowable, "barrier", False)


def _text_follows(flowables) -> bool:
    """Whether text comes after the figure at the head of ``flowables`` before the next page
    break or closing block (figures in between would wait too)."""
    for flowable in flowables[1:]:
        if _is_barrier(flowable):
            return False
        if getattr(flowable, "floats", False) or type(flowable) is Spacer:
            continue
        return True  # a paragraph, or a heading behind its CondPageBreak
    return False

