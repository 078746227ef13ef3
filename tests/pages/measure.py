"""How full each page of a PDF is, measured from the PDF alone (pdfplumber positions).

A page's *empty fraction* is the height between the lowest text or graphic inside the type area
and the type area's bottom, as a fraction of the type area's height, less the space a full page
leaves under the glyphs of its last line (the line box reaches below its glyphs: 0.8 × (line
pitch − body size), 1.6 % of the type area in 公文), so a page whose last grid line is filled
counts as full and one with three empty lines of 22 as 13.6 % empty. ``raw`` keeps the glyph
distance uncorrected. Page numbers and running headers lie outside the type area and do not
count.

Which pages may be emptier than the bar (issue 15 item 3): the last page, and a page that ends at
a page break — one the brief writes (``page_break: true``) or one the style makes (after a
report's cover and after its contents). A page break is found the way a reader finds it: the
next page starts with the text of the block that follows the break. The distribution list (版记)
that does not fit under the signature starts a page of its own, the last page as GB/T 9704 7.4
places it: the page before it ends the text and counts as a last page too.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from briefmaker import document as d
from briefmaker.style import Style

BAR = 0.15  # no page but the exempt ones more than 15 % empty at the bottom
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    empty: float  # fraction of the type area's height left blank at the bottom
    raw: float  # the same without the last line's space under its glyphs
    forced: bool  # ends at a page break (the brief's or the style's)
    last: bool

    @property
    def exempt(self) -> bool:
        return self.forced or self.last


def _plain(text: str) -> str:
    return _SPACE.sub("", text).replace("\u3000", "")


def _starts(document: d.Document) -> list[str]:
    """The opening text of each block that follows a page break, without spaces."""
    out = []
    blocks = document.blocks
    for i, block in enumerate(blocks):
        text = ""
        if isinstance(block, d.PageBreak) and i + 1 < len(blocks):
            text = _plain(_first_text(blocks[i + 1]))
        elif isinstance(block, d.Distribution) and block.lines:
            text = _plain(block.lines[0])  # a final line such as 报：…。
        if text:
            out.append(text[:8])
    return out


def _first_text(block: d.Block) -> str:
    if isinstance(block, d.Heading):
        return block.number + block.text
    if isinstance(block, d.Paragraph):
        return "".join(r.text for r in block.runs)
    if isinstance(block, d.Contents):
        return block.title
    for name in ("caption", "text", "title", "name", "unit"):
        value = getattr(block, name, "")
        if isinstance(value, str) and value:
            return value
    return ""


def pages(pdf_path: str | Path, style: Style, document: d.Document | None = None) -> list[Page]:
    """Every page of ``pdf_path`` (laid out in ``style``) with its empty fraction; ``document``
    (the composed brief) tells where page breaks were asked for."""
    starts = _starts(document) if document is not None else []
    top, bottom = style.margin_top, style.page_height - style.margin_bottom
    under = 0.8 * (style.line_pitch - style.role("body").size)  # as render/pdf/text.py sets a baseline
    out: list[Page] = []
    with pdfplumber.open(str(pdf_path)) as pdf:
        texts, lows = [], []
        for page in pdf.pages:
            objects = [*page.chars, *page.rects, *page.lines, *page.curves, *page.images]
            inside = [o for o in objects if o["top"] >= top - 3 and o["bottom"] <= bottom + 3]
            lows.append(max((o["bottom"] for o in inside), default=top))
            area = page.crop((0, top - 3, page.width, min(page.height, bottom + 3)))
            texts.append(_plain(area.extract_text() or ""))
        count = len(texts)
        for i, low in enumerate(lows):
            forced = i + 1 < count and any(texts[i + 1].startswith(s) for s in starts)
            raw = max(0.0, (bottom - low) / style.type_height)
            empty = max(0.0, raw - under / style.type_height)
            out.append(Page(i + 1, empty, raw, forced, i + 1 == count))
    return out


def too_empty(measured: list[Page], bar: float = BAR) -> list[Page]:
    """The pages that break the bar."""
    return [p for p in measured if not p.exempt and p.empty > bar]


def main(argv: list[str]) -> int:
    """``python -m tests.pages.measure BRIEF... [--style S]...``: each brief in each style, its
    pages' empty fractions (exempt pages in brackets) and the pages over the bar."""
    import tempfile

    from briefmaker.build import build, prepare

    styles = [argv[i + 1] for i, a in enumerate(argv) if a == "--style"] or ["gongwen", "jianbao", "report"]
    briefs = [a for i, a in enumerate(argv) if a != "--style" and (i == 0 or argv[i - 1] != "--style")]
    total = bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for brief in briefs:
            for name in styles:
                _, style, document = prepare(brief, name)
                pdf = build(brief, Path(tmp) / name, formats=("pdf",), style=name).outputs[0]
                measured = pages(pdf, style, document)
                over = too_empty(measured)
                total += len(measured)
                bad += len(over)
                cells = " ".join(f"[{p.empty:.1%}]" if p.exempt else f"{p.empty:.1%}" for p in measured)
                print(f"{Path(brief).stem:28} {name:8} {len(measured):2}p  over: {len(over)}  {cells}")
    print(f"{bad} of {total} pages over {BAR:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
