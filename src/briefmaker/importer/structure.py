"""Recognising a summary's structure in its pieces: title and subtitle, heading levels from their
numbering (一、 （一） 1. （1）) or from the file's heading styles, run-in headings, bold lead
sentences, tables and pictures with their captions, byline, signature and date.

Headings become sections only where the style's own numbering prints them exactly as written;
anywhere else (a skipped level, a run-in heading, numbering that does not count 1, 2, 3 …) they
stay in the text, bold, with their number as written, so the built text never differs.
"""
from __future__ import annotations

import datetime as dt
import re

from ..errors import Location, Problem
from ..text.numerals import chinese_numeral
from .outline import Heading, Item, Node, Outline, Section
from .source import Piece

NUMBERING = ("{cn}、", "（{cn}）", "{n}.", "（{n}）")  # the gongwen style's labels, by depth
_CN = "一二三四五六七八九十百零〇"
_LABELS = (
    (1, re.compile(rf"^([{_CN}]+)、")),
    (2, re.compile(rf"^（([{_CN}]+)）")),
    (3, re.compile(r"^(\d{1,3})[.．](?!\d)")),
    (4, re.compile(r"^（(\d{1,3})）")),
)
_SENTENCE_END = re.compile(r"[。！？]")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_BYLINE_MARK = re.compile(r"(/图|／图|/文|供稿|撰稿|通讯员|摄影|/摄|责任编辑)")
_NAMES = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[ \u3000]+[\u4e00-\u9fff]{2,4})+$")
MAX_HEADING = 50     # characters: longer than this a numbered line is a numbered paragraph, not a heading
MAX_RUN_IN = 40


def label_of(text: str) -> tuple[int, str, str] | None:
    """(depth, label, rest) when ``text`` opens with a heading number, else None."""
    for depth, pattern in _LABELS:
        match = pattern.match(text)
        if match:
            return depth, match.group(0), text[match.end():]
    return None


def expected_label(depth: int, n: int) -> str:
    """The label the style prints for the ``n``-th heading at ``depth`` (1-based)."""
    if depth > len(NUMBERING) or n > 999:
        return ""
    return NUMBERING[depth - 1].format(n=n, cn=chinese_numeral(n))


def recognise(pieces: list[Piece], markdown_title: bool = True) -> Outline:
    """The outline of a document given as pieces in reading order."""
    outline = Outline()
    pieces = list(pieces)
    _take_title(pieces, outline)
    _take_tail(pieces, outline)
    root = Node(None)
    stack = [root]
    levels = sorted({p.heading for p in pieces if p.heading})
    plain = not any(p.bold_lead for p in pieces)  # no bold anywhere: lead sentences by their form
    for piece in pieces:
        entry = _entry(piece, levels, plain)
        if entry is None:
            continue
        if isinstance(entry, Heading) and entry.depth is not None:
            while stack[-1].depth >= entry.depth:
                stack.pop()
            node = Node(entry)
            stack[-1].children.append(node)
            stack.append(node)
        elif isinstance(entry, Heading):  # a heading the style cannot number: kept as a bold line
            stack[-1].children.append(Item(entry.where, text=entry.rest or "", lead=entry.label + entry.title,
                                           piece=piece, label=entry.label))
        else:
            stack[-1].children.append(entry)
    _attach_captions(root)
    outline.opening, outline.sections = _place(root, outline)
    return outline


def _take_title(pieces: list[Piece], outline: Outline) -> None:
    titled = [i for i, p in enumerate(pieces) if p.heading == 0 or p.style == "Title"]
    if not titled:
        top = min((p.heading for p in pieces if p.heading), default=None)
        tops = [i for i, p in enumerate(pieces) if top is not None and p.heading == top]
        if len(tops) == 1 and (top == 1 or tops[0] == 0 or any(p.heading and p.heading > top for p in pieces)):
            titled = tops
    if not titled and pieces and _title_like(pieces[0]):
        titled = [0]
    if not titled:
        outline.notes.append(Problem(pieces[0].where if pieces else Location("-", 1, 1, "text"), "import_no_title",
                                     severity="warning"))
        return
    at = titled[0]
    title = pieces.pop(at)
    outline.title, outline.title_where = title.text, title.where
    if at < len(pieces):
        nxt = pieces[at]
        if nxt.kind == "text" and (nxt.style == "Subtitle" or (nxt.text.startswith("——") and len(nxt.text) <= 60)):
            outline.subtitle = pieces.pop(at).text


def _title_like(piece: Piece) -> bool:
    text = piece.text
    return (piece.kind == "text" and 0 < len(text) <= 60 and not _SENTENCE_END.search(text)
            and "，" not in text and label_of(text) is None)


_SENT_TO = re.compile(r"^(报|送|发|抄送)：(.+)。$")
_PRINTED = re.compile(r"^(.+?)[　 ]+(\d{4})年(\d{1,2})月(\d{1,2})日印发(?:[　 ]*（共印(\d+)份）)?$")
_DIST_KEYS = {"报": "report_to", "送": "send_to", "发": "issue_to", "抄送": "cc"}


def _take_distribution(pieces: list[Piece], outline: Outline) -> None:
    """The distribution list (版记) closing a document: 报：… 抄送：… and the print note."""
    dist: dict = {}
    if pieces and pieces[-1].kind == "text" and _PRINTED.match(pieces[-1].text):
        m = _PRINTED.match(pieces[-1].text)
        try:
            dist["printed_on"] = dt.date(int(m.group(2)), int(m.group(3)), int(m.group(4)))
        except ValueError:
            return
        dist["printed_by"] = m.group(1)
        if m.group(5):
            dist["copies"] = int(m.group(5))
        pieces.pop()
    lines = {}
    while pieces and pieces[-1].kind == "text" and _SENT_TO.match(pieces[-1].text):
        m = _SENT_TO.match(pieces.pop().text)
        lines[_DIST_KEYS[m.group(1)]] = m.group(2).split("，")
    order = ("report_to", "send_to", "issue_to", "cc")
    outline.distribution = {k: lines[k] for k in order if k in lines} | dist


def _take_tail(pieces: list[Piece], outline: Outline) -> None:
    """Distribution list, signature (unit + date) and byline at the very end, in the order a brief prints them."""
    _take_distribution(pieces, outline)
    if len(pieces) >= 2 and _is_date_line(pieces[-1]) and _is_unit_line(pieces[-2]):
        date = _DATE.match(pieces[-1].text)
        try:
            when = dt.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))
        except ValueError:
            when = None
        if when:
            unit = pieces[-2].text
            del pieces[-2:]
            outline.signature = (unit, when)
    if pieces and _is_byline(pieces[-1]):
        outline.byline = pieces.pop().text


def _is_date_line(piece: Piece) -> bool:
    return piece.kind == "text" and bool(_DATE.match(piece.text))


def _is_unit_line(piece: Piece) -> bool:
    text = piece.text
    return (piece.kind == "text" and 2 <= len(text) <= 30 and not re.search(r"[，。；：！？、\d]", text)
            and not _DATE.match(text))


def _is_byline(piece: Piece) -> bool:
    text = piece.text
    if piece.kind != "text" or piece.style not in ("", "Byline") or len(text) > 30 or re.search(r"[，。；！？]", text):
        return False
    return piece.style == "Byline" or bool(_BYLINE_MARK.search(text)) or bool(_NAMES.match(text))


def _entry(piece: Piece, levels: list[int], plain: bool):
    """What one piece is: a Heading, an Item, or None (a caption taken by its picture)."""
    if piece.kind != "text":
        return Item(piece.where, kind=piece.kind, piece=piece, caption="")
    text = piece.text
    label = label_of(piece.label + text) if piece.label else label_of(text)
    explicit = piece.heading is not None and piece.heading > 0
    if explicit:
        depth = levels.index(piece.heading) + 1 if piece.heading in levels else 1
        if label and label[0] == depth:
            return Heading(piece.where, depth, label[1], label[2].lstrip(), explicit=True)
        if piece.label:
            return Heading(piece.where, None, piece.label, text, explicit=True, rest="")
        return Heading(piece.where, depth, "", text, explicit=True)
    if label:
        depth, mark, rest = label
        bold_rest = max(piece.bold_lead - (len(mark) - len(piece.label)), 0)
        own_line = len(rest) <= MAX_HEADING and not _SENTENCE_END.search(rest[:-1])
        if own_line and (bold_rest >= len(rest) or not piece.bold_lead):
            return Heading(piece.where, depth, mark, rest)
        first = _SENTENCE_END.search(rest)
        cut = bold_rest if 0 < bold_rest < len(rest) else (first.end() if first else 0)
        if 0 < cut <= MAX_RUN_IN:
            return Heading(piece.where, depth, mark, rest[:cut], rest=rest[cut:])
        return _paragraph(piece, piece.label + text if piece.label else text, plain)
    if piece.bold and len(text) <= MAX_HEADING and not _SENTENCE_END.search(text[:-1]) and piece.style != "Caption":
        return Heading(piece.where, None, "", text, rest="")
    return _paragraph(piece, text, plain)


def _paragraph(piece: Piece, text: str, plain: bool) -> Item:
    if 0 < piece.bold_lead < len(text):
        return Item(piece.where, text=text[piece.bold_lead:], lead=text[:piece.bold_lead], piece=piece)
    if piece.bold_lead >= len(text) and text:
        return Item(piece.where, text="", lead=text, piece=piece)
    lead = plain_lead(text) if plain and not piece.style else ""
    return Item(piece.where, text=text[len(lead):], lead=lead, piece=piece)


def plain_lead(text: str) -> str:
    """A headline-like first sentence (抓好支部建设，筑牢组织基础。) of a plain-text paragraph, or ''.

    Plain text has no bold; a short first sentence without figures, with at most one comma,
    followed by more text, is how 公文 writes a lead sentence."""
    first = _SENTENCE_END.search(text)
    if not first or first.end() >= len(text) or first.group() != "。":
        return ""
    head = text[:first.end()]
    if len(head) > 24 or re.search(r"[\d、；：“”（）]", head) or head.count("，") > 1:
        return ""
    return head


def _attach_captions(node: Node) -> None:
    """A caption paragraph (图1 …, 表1 …, or the file's Caption style) joins its picture or table."""
    children = node.children
    out = []
    i = 0
    while i < len(children):
        child = children[i]
        if isinstance(child, Node):
            _attach_captions(child)
        elif child.kind in ("image", "chart") and i + 1 < len(children) and _is_caption(children[i + 1], "图"):
            child.caption = _caption_text(children[i + 1])
            out.append(child)
            i += 2
            continue
        elif child.kind == "table" and out and isinstance(out[-1], Item) and _is_caption(out[-1], "表"):
            child.caption = _caption_text(out.pop())
        out.append(child)
        i += 1
    node.children = out


def _is_caption(item, mark: str) -> bool:
    if not isinstance(item, Item) or item.kind != "paragraph":
        return False
    text = item.lead + item.text
    style = item.piece.style if item.piece else ""
    return style == "Caption" or (bool(re.match(rf"^{mark}\s*\d{{1,3}}[ 　\s]", text)) and len(text) <= 60)


def _caption_text(item: Item) -> str:
    return item.lead + item.text


def _place(root: Node, outline: Outline) -> tuple[list[Item], list[Section]]:
    """Root's items before the first section are the opening; headings the style can number become
    sections, the others stay in the text."""
    items, sections = _children(root, outline)
    return items, sections


def _numberable(node: Node) -> bool:
    """True when every heading directly under ``node`` prints exactly as written with the style's numbering."""
    subs = [c for c in node.children if isinstance(c, Node)]
    for n, sub in enumerate(subs, 1):
        h = sub.heading
        if h.rest is not None or h.depth != node.depth + 1:
            return False
        if h.label and h.label != expected_label(h.depth, n):
            return False
        if not h.label and not h.explicit:
            return False
    return True


def _children(node: Node, outline: Outline) -> tuple[list[Item], list[Section]]:
    """(items before the first subsection, subsections) of ``node``, flattening what cannot be a section."""
    if not _numberable(node):
        subs = [c for c in node.children if isinstance(c, Node)]
        if subs:
            outline.notes.append(Problem(subs[0].heading.where, "import_heading_kept", severity="warning"))
        return _flatten(node.children), []
    items: list[Item] = []
    sections: list[Section] = []
    for child in node.children:
        if isinstance(child, Node):
            body, subs = _children(child, outline)
            sections.append(Section(child.heading.title, child.heading.where, body, subs))
        elif sections:  # never happens: items after a heading belong to it
            sections[-1].body.append(child)
        else:
            items.append(child)
    return items, sections


def _flatten(children: list) -> list[Item]:
    out: list[Item] = []
    for child in children:
        if isinstance(child, Node):
            h = child.heading
            out.append(Item(h.where, text=h.rest or "", lead=h.label + h.title, label=h.label))
            out += _flatten(child.children)
        else:
            out.append(child)
    return out
