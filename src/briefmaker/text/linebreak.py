"""Chinese line breaking: clusters that may not be split, greedy filling with push-in and push-out,
punctuation compression and justification. Pure arithmetic on widths — no fonts, no PDF.

Rules (../shared/reference/typography.md, W3C clreq):
- no mark of ``CANNOT_START`` begins a line and no mark of ``CANNOT_END`` ends one; pairs such as
  。” or ）。 move together, because they are one cluster;
- —— and …… are one unit; a run of digits or Latin letters (12.6, 97%, 2020, GB/T) is one unit;
- a unit wider than the line (a long URL or word) is split into pieces a line may break between:
  after / . _ - ? & = where it can, else between any two characters, with no hyphen added; the
  pieces of one unit are set close, without justification space between them, and a line that
  ends inside such a unit is not stretched;
- with ``compress`` (free-pitch styles; off on a character grid) two adjacent full-width marks are
  set in 1.5 em (the first closing mark, or the second opening mark, loses half an em);
- a line breaks where the next unit no longer fits, so on a grid a full all-Han line holds exactly
  the grid's characters; only when that break is prohibited (the unit that no longer fits belongs
  to a cluster whose first unit does) is the cluster either absorbed by compressing punctuation
  on the line (push in, at most one character more) or moved down whole (push out), the slack
  spread evenly over the gaps;
- a cluster wider than a line (a run of 120 ！ or 200,000 quote marks) yields: its units break
  wherever they fill the line;
- "\n" ends a line where it stands (a line break written in a title);
- at most 1/4 em between a Han character and a digit or Latin letter, none at line ends;
- no hanging punctuation: every full line ends flush with the measure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

CANNOT_START = set("、，。．：；！？”’）〕】〗》〉」』％‰–—～·/…" ",.;:!?)]}%")
CANNOT_END = set("“‘（〔【〖《〈「『" "([{")
OPENING = set("“‘（〔【〖《〈「『")
CLOSING = set("、，。．：；！？”’）〕】〗》〉」』")
_PAIRED = ("——", "……")
_BREAK_AFTER = "/._-?&="  # where a URL too wide for the line prefers to break
_PIECE = re.compile(f"[^{re.escape(_BREAK_AFTER)}]*[{re.escape(_BREAK_AFTER)}]*")
_EPS = 1e-6


def char_class(ch: str) -> str:
    """'open', 'close', 'space', 'latin' (ASCII and other half-width) or 'han' (full width)."""
    if ch in OPENING:
        return "open"
    if ch in CLOSING:
        return "close"
    if ch == " ":
        return "space"
    if ch == "\n":
        return "break"
    if ord(ch) < 0x2E80 and ch not in "—…～·‰":
        return "latin"
    return "han"


@dataclass
class Box:
    """One unbreakable piece of text in one style: a Han character, a mark, a Latin word."""

    text: str
    style: str
    width: float  # natural advance
    em: float  # the em of its style, for compression and spacing
    cls: str
    squeeze: float = 0.0  # width removed by punctuation compression
    shift: float = 0.0  # glyph drawn this far left of its slot (compressed opening marks)
    joined: bool = False  # continues the box before it (a piece of a unit too wide for a line)
    x: float = 0.0  # set by layout: left edge of the slot

    @property
    def advance(self) -> float:
        return self.width - self.squeeze


@dataclass
class Line:
    """A laid-out line: boxes with x positions, and whether it is the paragraph's last."""

    boxes: list[Box]
    indent: float
    width: float  # measure available
    last: bool = False
    natural: float = 0.0
    ragged: bool = False  # ends inside a split unit: set without justification, like a last line

    @property
    def text(self) -> str:
        return "".join(b.text for b in self.boxes)


def _units(text: str) -> list[str]:
    """Split text into units: paired 2-em marks, runs of Latin/digits, single characters."""
    units: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in _PAIRED:
            units.append(pair)
            i += 2
            continue
        ch = text[i]
        if char_class(ch) == "latin" and ch not in ",.;:!?)]}%([{/\n":
            j = i + 1
            while j < len(text) and (
                (char_class(text[j]) == "latin" and text[j] not in ",;:!?)]}([{ \n")
                or (text[j] in ".," and j + 1 < len(text) and text[j + 1].isdigit() and text[j - 1].isdigit())
            ):
                j += 1
            # a trailing '.' of a sentence is a separate mark; '%' stays with its number
            units.append(text[i:j])
            i = j
            continue
        units.append(ch)
        i += 1
    return units


def _pieces(unit: str, fits: Callable[[str], bool]) -> list[str]:
    """``unit`` cut after each run of /._-?&= and, where a piece still does not ``fit``, into
    single characters."""
    pieces = [p for p in _PIECE.findall(unit) if p]
    return [q for p in pieces for q in ([p] if fits(p) else list(p))]


def make_boxes(runs: Sequence[tuple[str, str]], measure: Callable[[str, str], float],
               em_of: Callable[[str], float], max_width: float | None = None, *,
               compress: bool = False) -> list[Box]:
    """Boxes for ``runs`` of (text, style); ``measure(text, style)`` gives natural widths.

    A Latin unit wider than ``max_width`` (the narrowest line) becomes pieces that each fit,
    every piece after the first ``joined`` to the one before it. With ``compress``, adjacent
    full-width marks take 1.5 em; without it (a character grid) every mark keeps its full em."""
    boxes = []
    for text, style in runs:
        for unit in _units(text):
            cls = "space" if unit == " " else char_class(unit[0]) if len(unit) == 1 else (
                "han" if unit in _PAIRED else "latin")
            if cls == "break":
                boxes.append(Box(unit, style, 0.0, em_of(style), cls))
                continue
            width = measure(unit, style)
            if cls != "latin" or max_width is None or width <= max_width + _EPS:
                boxes.append(Box(unit, style, width, em_of(style), cls))
                continue
            fits = lambda piece: measure(piece, style) <= max_width + _EPS  # noqa: E731
            for i, piece in enumerate(_pieces(unit, fits)):
                boxes.append(Box(piece, style, measure(piece, style), em_of(style), cls, joined=i > 0))
    if compress:
        _compress_pairs(boxes)
    return boxes


def _compress_pairs(boxes: list[Box]) -> None:
    """Adjacent full-width marks take 1.5 em: squeeze the closing first mark, else the opening second."""
    for a, b in zip(boxes, boxes[1:]):
        if a.cls in ("open", "close") and b.cls in ("open", "close"):
            if a.cls == "close" and not a.squeeze:
                a.squeeze = a.em / 2
            elif b.cls == "open" and not b.squeeze:
                b.squeeze = b.em / 2
                b.shift = b.em / 2


def _clusters(boxes: list[Box], max_width: float) -> list[list[Box]]:
    """Boxes grouped into clusters no line break may split; a cluster wider than ``max_width``
    is given back as single boxes (nothing else fits, so the prohibitions yield)."""
    clusters: list[list[Box]] = []
    for box in boxes:
        previous = clusters[-1][-1] if clusters else None
        if previous is not None and box.cls not in ("space", "break") and previous.cls not in ("space", "break") \
                and not box.joined and (box.text[0] in CANNOT_START or previous.text[-1] in CANNOT_END):
            clusters[-1].append(box)
        elif previous is not None and previous.cls == "space" and box.text[0] in CANNOT_START and not box.joined:
            clusters[-1].append(box)  # a mark after a space still may not start a line
        else:
            clusters.append([box])
    out: list[list[Box]] = []
    for cluster in clusters:
        if len(cluster) > 1 and natural_width(cluster) > max_width + _EPS:
            out.extend([box] for box in cluster)
        else:
            out.append(cluster)
    return out


def _gap(a: Box, b: Box) -> float:
    """Extra space between two boxes: 1/4 em between Han and Latin/digits."""
    if {a.cls, b.cls} == {"han", "latin"}:
        return min(a.em, b.em) / 4
    return 0.0


def natural_width(boxes: Sequence[Box]) -> float:
    """Width of boxes set side by side with their inter-script gaps."""
    total = 0.0
    for i, box in enumerate(boxes):
        total += box.advance + (_gap(boxes[i - 1], box) if i else 0.0)
    return total


def widest_cluster(boxes: list[Box]) -> float:
    """Width of the widest run of ``boxes`` no line break may split (a character with the marks
    that may not be parted from it, a number, a word): the narrowest measure that holds them with
    every unit whole."""
    return max((natural_width(c) for c in _clusters(boxes, float("inf"))), default=0.0)


def _squeezable(boxes: Sequence[Box], i: int) -> float:
    """How much more box ``i`` may lose: a closing mark its empty right half; an opening mark its
    empty left half only after another opening mark (elsewhere its glyph would be drawn over
    the previous character's box, and copy-paste would give the characters out of order)."""
    box = boxes[i]
    if box.cls == "close" or (box.cls == "open" and i and boxes[i - 1].cls == "open"):
        return max(box.em / 2 - box.squeeze, 0.0)
    return 0.0


def _shrinkable(boxes: Sequence[Box]) -> float:
    return sum(_squeezable(boxes, i) for i in range(len(boxes)))


def _trim(boxes: list[Box]) -> list[Box]:
    while boxes and boxes[0].cls == "space":
        boxes = boxes[1:]
    while boxes and boxes[-1].cls == "space":
        boxes = boxes[:-1]
    return boxes


def _phrases(clusters: list[list[Box]], width: float) -> list[list[Box]]:
    """Space-separated phrases as single clusters where each fits a line (titles and headings
    such as 坚持站稳立场 巩固提升 break between phrases, not inside one)."""
    merged: list[list[Box]] = []
    phrase: list[list[Box]] = []

    def close():
        if phrase:
            joined = [b for c in phrase for b in c]
            merged.extend([joined] if natural_width(joined) <= width else phrase)
            phrase.clear()

    for cluster in clusters:
        if cluster[0].cls in ("space", "break"):
            close()
            merged.append(cluster)
        else:
            phrase.append(cluster)
    close()
    return merged


def break_lines(boxes: list[Box], width: float, first_indent: float = 0.0, *,
                phrases: bool = False) -> list[Line]:
    """Fill lines of ``width`` greedily by cluster; the first line starts ``first_indent`` in.

    A line breaks before the first unit that does not fit. Push in (compressing punctuation to
    take at most one more character) or push out (the cluster moves down whole) happen only when
    that break would split a cluster, i.e. break a line-start/line-end rule. With ``phrases``,
    space-separated phrases stay whole where they fit on a line. Linear in the number of boxes.
    """
    lines: list[Line] = []
    current: list[Box] = []  # the line being filled; never starts with a space
    filled = 0.0  # natural_width(current)
    clusters = _clusters(boxes, width - max(first_indent, 0.0))
    if phrases:
        clusters = _phrases(clusters, width - first_indent)

    def end_line(**flags) -> None:
        indent = first_indent if not lines else 0.0
        lines.append(Line(_trim(current), indent, width - indent, **flags))

    for cluster in clusters:
        avail = width - (first_indent if not lines else 0.0)
        if cluster[0].cls == "break":
            end_line(last=True)  # a line break as written: set like a paragraph's last line
            current, filled = [], 0.0
            continue
        if not current:
            current = _line_start(_trim(cluster) if cluster[0].cls == "space" else list(cluster))
            filled = natural_width(current)
            continue
        gap = _gap(current[-1], cluster[0])
        wide = natural_width(cluster)
        if cluster[-1].cls == "space" or filled + gap + wide <= avail + _EPS:
            current += cluster
            filled += gap + wide
            continue
        over = filled + gap + wide - avail
        head_fits = filled + gap + cluster[0].advance <= avail + _EPS
        if (len(cluster) > 1 and head_fits and over <= max(b.em for b in cluster) + _EPS
                and over <= _shrinkable(current + cluster) + _EPS):
            current += cluster  # push in: the break inside this cluster would be prohibited
            filled += gap + wide
            continue
        end_line(ragged=cluster[0].joined)  # a plain break, or push out when head_fits
        current = _line_start(_trim(cluster) if cluster[0].cls == "space" else list(cluster))
        filled = natural_width(current)
    if current or not lines:
        end_line(last=True)
    lines[-1].last = True
    _avoid_lone_character(lines)
    for line in lines:
        _justify(line)
    return lines


def _line_start(boxes: list[Box]) -> list[Box]:
    """``boxes`` beginning a line: an opening mark there keeps its full em (compressed after
    another opening mark, it would be drawn left of the line's edge)."""
    if boxes and boxes[0].cls == "open" and boxes[0].shift:
        boxes[0].squeeze = boxes[0].shift = 0.0
    return boxes


def _avoid_lone_character(lines: list[Line]) -> None:
    """No single character alone on a paragraph's last line (孤字): bring the previous line's
    last cluster down with it; that line, one character short, is justified like any other."""
    if len(lines) < 2 or lines[-2].last:
        return
    last, previous = lines[-1], lines[-2]
    if sum(1 for b in last.boxes if b.cls in ("han", "latin")) != 1:
        return
    clusters = _clusters(previous.boxes, previous.width)
    if len(clusters) < 3:
        return
    moved = clusters[-1]
    if natural_width(moved + last.boxes) > last.width + _EPS:
        return  # a piece of a split URL or word: moving it down would overflow the last line
    previous.boxes = _trim([b for cluster in clusters[:-1] for b in cluster])
    last.boxes = moved + last.boxes


def _justify(line: Line, align: str = "justify") -> None:
    boxes = line.boxes
    natural = natural_width(boxes)
    if natural > line.width + _EPS:
        # push in: compress marks from the end of the line until it fits
        over = natural - line.width
        for i in range(len(boxes) - 1, -1, -1):
            if over <= _EPS:
                break
            take = min(_squeezable(boxes, i), over)
            if take > 0:
                box = boxes[i]
                box.squeeze += take
                if box.cls == "open":
                    box.shift += take
                over -= take
        natural = natural_width(boxes)
    line.natural = natural
    slack = line.width - natural
    gaps = sum(1 for box in boxes[1:] if not box.joined)  # a split unit stays close
    spread = slack / gaps if (not line.last and not line.ragged and gaps and slack > 0) else 0.0
    x = line.indent
    for i, box in enumerate(boxes):
        if i:
            x += _gap(boxes[i - 1], box) + (0.0 if box.joined else spread)
        box.x = x
        x += box.advance


def align_line(line: Line, align: str) -> None:
    """Shift a laid-out line for 'left' (no-op), 'center' or 'right' alignment within its measure."""
    if align in ("left", "justify") or not line.boxes:
        return
    free = line.width - line.natural
    offset = free / 2 if align == "center" else free
    for box in line.boxes:
        box.x += offset


def set_ragged(lines: list[Line]) -> None:
    """Undo justification spreading (for centred or right-aligned text): natural spacing."""
    for line in lines:
        line.last = True
        _justify(line)


__all__ = ["Box", "Line", "make_boxes", "break_lines", "natural_width", "align_line", "set_ragged",
           "CANNOT_START", "CANNOT_END", "char_class"]
