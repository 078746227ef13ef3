"""The 28-character grid measured from a PDF (issue 15 item 1): how many full body lines hold
exactly the grid's characters, and why the others do not.

A body line is a line of the body font at the body size inside the type area; it is *full* when
its last character reaches the type area's right edge (within half a character). An all-Han line
(Han characters and full-width marks only) should hold 28 characters, 26 when it is a paragraph's
indented first line. A line one character longer is a *push-in*; it is *forced* when holding
one character fewer would start the next line with a mark that may not start a line (its last
character is such a mark), which typography.md allows.
"""
from __future__ import annotations

import collections
import sys
from dataclasses import dataclass

import pdfplumber

from briefmaker.style import Style
from briefmaker.text.linebreak import CANNOT_END, CANNOT_START, char_class


@dataclass(frozen=True)
class GridLine:
    text: str
    indented: bool
    all_han: bool

    @property
    def expected(self) -> int:
        return self.style_chars - (2 if self.indented else 0)

    style_chars: int = 28


def full_lines(pdf_path, style: Style, font: str = "Fang") -> list[GridLine]:
    """The full body lines of every page."""
    size = style.role("body").size
    left, right = style.margin_left, style.page_width - style.margin_right
    top, bottom = style.margin_top, style.page_height - style.margin_bottom
    pitch = style.char_pitch
    chars_per_line = round(style.type_width / pitch)
    out = []
    with pdfplumber.open(str(pdf_path)) as pdf:
        for page in pdf.pages:
            rows = collections.defaultdict(list)
            for c in page.chars:
                if abs(c["size"] - size) < 0.1 and font in c["fontname"] and top - 3 <= c["top"] <= bottom:
                    rows[round(c["top"], 1)].append(c)
            for key in sorted(rows):
                line = sorted(rows[key], key=lambda c: c["x0"])
                text = "".join(c["text"] for c in line).replace(" ", "")
                last = line[-1]
                end = last["x0"] + (pitch if char_class(last["text"]) != "latin" else last["x1"] - last["x0"])
                if abs(end - right) > pitch / 2 and abs(last["x1"] - right) > pitch / 2:
                    continue
                indented = abs(line[0]["x0"] - (left + 2 * pitch)) < pitch / 2
                if not indented and abs(line[0]["x0"] - left) > pitch / 2:
                    continue  # not a body line (centred, right-aligned)
                all_han = all(char_class(ch) in ("han", "open", "close") for ch in text)
                out.append(GridLine(text, indented, all_han, chars_per_line))
    return out


def summary(lines: list[GridLine]) -> dict:
    """Counts over the all-Han full lines: on the grid, push-ins (forced or not), push-outs, longer."""
    han = [line for line in lines if line.all_han]
    exact = [line for line in han if len(line.text) == line.expected]
    pushed_in = [line for line in han if len(line.text) == line.expected + 1]
    forced = [line for line in pushed_in if line.text[-1] in CANNOT_START or line.text[-2] in CANNOT_END]
    pushed_out = [line for line in han if len(line.text) == line.expected - 1]
    longer = [line for line in han if len(line.text) > line.expected + 1]
    return {"full": len(han), "exact": len(exact), "push_in": len(pushed_in), "forced": len(forced),
            "push_out": len(pushed_out), "longer": len(longer), "mixed": len(lines) - len(han),
            "unforced": [line.text for line in pushed_in if line not in forced]}


def main(argv: list[str]) -> int:
    """``python -m tests.pages.grid [BRIEF] [--style S]``: the grid figures of BRIEF (the seed)."""
    import tempfile
    from pathlib import Path

    from briefmaker.build import build, prepare

    from ..conftest import SEED_BRIEF

    style_name = argv[argv.index("--style") + 1] if "--style" in argv else "gongwen"
    briefs = [a for i, a in enumerate(argv) if a != "--style" and (i == 0 or argv[i - 1] != "--style")]
    brief = Path(briefs[0]) if briefs else SEED_BRIEF
    _, style, _ = prepare(brief, style_name)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = build(brief, tmp, formats=("pdf",), style=style_name).outputs[0]
        counts = summary(full_lines(pdf, style))
    full = counts["full"]
    print(f"{brief.stem} in {style_name}: {counts['exact']} of {full} full all-Han body lines hold the grid's "
          f"characters ({counts['exact'] / max(1, full):.1%}); push-ins {counts['push_in']} "
          f"({counts['forced']} forced by a line-start/line-end rule), push-outs {counts['push_out']}, "
          f"longer {counts['longer']}; {counts['mixed']} full lines hold digits or Latin")
    for text in counts["unforced"]:
        print("  unforced push-in:", text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
