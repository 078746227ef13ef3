"""A ReportLab flowable that sets Chinese text with briefmaker's own line breaker.

It owns glyph fallback (each character from its role's font, else the wide-coverage fallback),
grid pitch for full-width characters, synthetic bold for lead sentences, justification, and
splitting across pages without leaving a single line behind (孤行).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable

from ...fonts import runs_by_font
from ...text.linebreak import (Box, Line, align_line, break_lines, char_class, make_boxes, natural_width,
                               set_ragged)
from .fonts import pdf_font, string_width


@dataclass(frozen=True)
class TextStyle:
    """How one run of text is drawn: bundled font key, size, colour, synthetic bold, grid pitch."""

    font: str
    size: float
    color: str = "000000"
    bold: bool = False
    pitch: float | None = None  # advance of every full-width character (the text grid), else natural
    compress: bool = False  # adjacent full-width marks in 1.5 em (the style's compress_punctuation)


class TextBlock(Flowable):
    """Lines of Chinese text; ``runs`` are (text, TextStyle)."""

    role = "text"  # 'paragraph' for body paragraphs (text a figure may float past)
    allow_widow = False  # may carry its last line alone to the next page (see flow.HeadingKeep)
    widowed = False  # did so

    def __init__(self, runs, *, leading: float, align: str = "justify", first_indent: float = 0.0,
                 space_before: float = 0.0, space_after: float = 0.0, keep_with_next: bool = False,
                 left_indent: float = 0.0, right_indent: float = 0.0, lines: list[Line] | None = None,
                 phrases: bool = False):
        super().__init__()
        self.runs = [(text, style) for text, style in runs if text]
        self.leading = leading
        self.align = align
        self.first_indent = first_indent
        self.space_before = space_before
        self.space_after = space_after
        self.keepWithNext = keep_with_next
        self.left_indent = left_indent
        self.right_indent = right_indent
        self._lines = lines
        self._width = None
        self.phrases = phrases  # break between space-separated phrases where they fit

    # -- layout --------------------------------------------------------------------------------
    def _styles(self):
        styles = {}
        pieces = []
        for text, style in self.runs:  # each run split by the font that can draw each character
            pieces += [(run, style, key) for run, key in runs_by_font(text, style.font)]
        runs = []
        for text, style, key in pieces:
            name = f"{id(style)}:{key}"
            styles[name] = (style, key)
            runs.append((text, name))
        return runs, styles

    def _measures(self):
        """(runs by style name, measure(text, name), em_of(name)) for the line breaker."""
        runs, styles = self._styles()
        self._style_table = styles

        def measure(text: str, name: str) -> float:
            style, key = styles[name]
            if style.pitch and all(char_class(ch) in ("han", "open", "close") for ch in text):
                return style.pitch * len(text)
            return string_width(text, key, style.size)

        def em_of(name: str) -> float:
            style, _ = styles[name]
            return style.pitch or style.size

        return runs, measure, em_of

    def _layout(self, width: float) -> list[Line]:
        runs, measure, em_of = self._measures()
        measure_width = width - self.left_indent - self.right_indent
        narrowest = measure_width - max(self.first_indent, 0.0)  # no unit wider than a line
        compress = all(style.compress for _, style in self.runs)
        boxes = lambda: make_boxes(runs, measure, em_of, narrowest, compress=compress)  # noqa: E731
        lines = break_lines(boxes(), measure_width, self.first_indent, phrases=self.phrases)
        if self.align == "center" and len(lines) > 1:
            lines = self._balanced(boxes, measure_width, len(lines))
        if self.align != "justify":
            set_ragged(lines)
            for line in lines:
                align_line(line, self.align)
        return lines

    def _balanced(self, fresh_boxes, width: float, count: int) -> list[Line]:
        """Centred text in ``count`` lines of as even a length as possible (a symmetric title)."""
        low, high = width / count, width
        best = None
        for _ in range(12):
            middle = (low + high) / 2
            trial = break_lines(fresh_boxes(), middle, self.first_indent, phrases=self.phrases)
            if len(trial) <= count:
                best, high = trial, middle
            else:
                low = middle
        lines = best or break_lines(fresh_boxes(), width, self.first_indent, phrases=self.phrases)
        for line in lines:
            line.width = width - (line.indent if line is lines[0] else 0.0)
        return lines

    def wrap(self, availWidth, availHeight):
        if self._lines is None or self._width != availWidth:
            self._lines = self._layout(availWidth)
            self._width = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.leading + self.space_before + self.space_after
        return self.width, self.height

    def getSpaceBefore(self):
        return 0

    def getSpaceAfter(self):
        return 0

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        fit = int((availHeight - self.space_before + 1e-6) // self.leading)
        assert self._lines is not None  # wrap() laid the lines out
        total = len(self._lines)
        if fit >= total:
            return [self]
        if fit < 2 or total < 3:
            return []  # never leave one line alone at the foot of a page; move the whole block
        if total - fit == 1 and not self.allow_widow:
            fit -= 1  # never carry one last line alone to the next page (孤行)
            if fit < 2:
                return []  # nor leave one at the foot instead (three lines, room for two)
        elif total - fit == 1:
            self.widowed = True  # one line went on alone: the DOCX must allow it too
        head = self._clone(self._lines[:fit], space_after=0.0)
        head.outline = self.outline
        head.on_draw = self.on_draw
        tail = self._clone(self._lines[fit:], space_before=0.0)
        tail.continued = True  # the rest of a paragraph: a floated figure waits until it ends
        return [head, tail]

    def squeezes(self) -> tuple[tuple[int, int, float], ...]:
        """Each line set narrower than its characters' natural widths (marks compressed beside
        another, or pushed in at the line's end), as (first offset, end offset in the text,
        points taken off), once laid out; offsets count the runs' text as written."""
        text = "".join(t for t, _ in self.runs)
        out, at = [], 0
        for line in self._lines or []:
            start = None
            for box in line.boxes:
                found = text.find(box.text, at)
                if found < 0:
                    return ()  # not the text as written (cannot happen): claim nothing
                start = found if start is None else start
                at = found + len(box.text)
            squeeze = sum(box.squeeze for box in line.boxes)
            if start is not None and squeeze > 1e-6:
                out.append((start, at, round(squeeze, 2)))
        return tuple(out)

    def _clone(self, lines, **overrides) -> "TextBlock":
        args: dict = dict(leading=self.leading, align=self.align, first_indent=self.first_indent,
                    space_before=self.space_before, space_after=self.space_after,
                    keep_with_next=False, left_indent=self.left_indent, right_indent=self.right_indent,
                    phrases=self.phrases)
        args.update(overrides)
        clone = TextBlock(self.runs, lines=lines, **args)
        clone._style_table = self._style_table
        clone._width = self._width
        clone.role = self.role
        return clone

    # -- drawing -------------------------------------------------------------------------------
    outline: tuple[int, str, str] | None = None  # (level, title, key): a PDF bookmark for a heading
    on_draw: Callable[[str, int], None] | None = None  # called with (key, page number) when an outlined block is drawn

    def draw(self):
        canvas = self.canv
        top = self.height - self.space_before
        if self.outline:
            level, title, key = self.outline
            canvas.bookmarkHorizontal(key, 0, self.height)
            canvas.addOutlineEntry(title, key, level=level, closed=False)
            if self.on_draw:
                self.on_draw(key, canvas.getPageNumber())
        for index, line in enumerate(self._lines or ()):
            line_top = top - index * self.leading
            self._draw_line(canvas, line, line_top)

    def _draw_line(self, canvas, line: Line, line_top: float) -> None:
        segments = _segments(line.boxes, self._style_table)
        for seg_boxes, name, char_space in _by_subset(segments, self._style_table, canvas._doc):
            style, key = self._style_table[name]
            baseline = line_top - (self.leading - style.size) * 0.2 - 0.88 * style.size
            first = seg_boxes[0]
            text = canvas.beginText(self.left_indent + first.x - first.shift, baseline)
            text.setFont(pdf_font(key), style.size)
            text.setCharSpace(char_space)
            colour = HexColor("#" + style.color)
            text.setFillColor(colour)
            if style.bold:
                text.setTextRenderMode(2)
                text.setStrokeColor(colour)
                canvas.saveState()
                canvas.setLineWidth(style.size * 0.035)
            text.textOut("".join(b.text for b in seg_boxes))
            canvas.drawText(text)
            if style.bold:
                canvas.restoreState()


def text_width(text: str, style: TextStyle) -> float:
    """The natural width of ``text`` set on one line in ``style``, as a TextBlock measures it."""
    runs, measure, em_of = TextBlock([(text, style)], leading=style.size)._measures()
    return natural_width(make_boxes(runs, measure, em_of, compress=style.compress))


def _segments(boxes: list[Box], styles) -> list[tuple[list[Box], str, float]]:
    """Group boxes that one text operator can draw: same style, single characters, even spacing."""
    segments: list[tuple[list[Box], str, float]] = []
    current: list[Box] = []
    space = 0.0
    for box in _single_glyphs(boxes):
        if box.cls == "space":
            if current:
                segments.append((current, current[0].style, space))
            current = []
            continue
        if current:
            prev = current[-1]
            glyph = _glyph_width(prev, styles)
            delta = box.x - box.shift - (prev.x - prev.shift) - glyph
            single = len(prev.text) == 1 and len(box.text) == 1
            if box.style == prev.style and single and (len(current) == 1 or abs(delta - space) < 0.01):
                if len(current) == 1:
                    space = delta
                current.append(box)
                continue
            segments.append((current, current[0].style, space if len(current) > 1 else 0.0))
        current = [box]
        space = 0.0
    if current:
        segments.append((current, current[0].style, space if len(current) > 1 else 0.0))
    return segments


def _single_glyphs(boxes: list[Box]):
    """Boxes, with a 2-em unit (—— ……) given back as its two characters, each in half its slot
    (on the grid the slot is two pitches, narrower than the glyphs' natural advance)."""
    for box in boxes:
        if box.cls == "han" and len(box.text) > 1:
            step = box.advance / len(box.text)
            for k, ch in enumerate(box.text):
                yield replace(box, text=ch, width=step, squeeze=0.0, shift=0.0, x=box.x - box.shift + k * step)
        else:
            yield box


def _by_subset(segments, styles, doc):
    """Segments with character spacing cut where ReportLab changes font subset, each drawn as
    its own text object: pdfminer (pdfplumber) drops the spacing after the last glyph of each
    string (pdfminer.six issue 1128), and would misplace every character after a switch."""
    for seg_boxes, name, char_space in segments:
        if not char_space or len(seg_boxes) < 2:
            yield seg_boxes, name, char_space
            continue
        _, key = styles[name]
        chunks = getFont(pdf_font(key)).splitString("".join(b.text for b in seg_boxes), doc)
        start = 0
        for _, chunk in chunks:
            count = len(chunk)  # one byte of a subset per character
            yield seg_boxes[start:start + count], name, char_space
            start += count


def _glyph_width(box: Box, styles) -> float:
    style, key = styles[box.style]
    return string_width(box.text, key, style.size)
