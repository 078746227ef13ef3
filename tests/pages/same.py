"""The DOCX's pages as LibreOffice lays them out, beside the PDF's (issue 16 item 2)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pdfplumber

from ..office import convert

_ENTRY = re.compile(r"^(.+?)[.…·]{2,}\s*(\d+)$", re.M)


def texts(pdf_path: Path) -> list[str]:
    """Each page's text without spaces."""
    with pdfplumber.open(str(pdf_path)) as pdf:
        return [(page.extract_text() or "").replace(" ", "").replace("\u3000", "") for page in pdf.pages]


def contents_errors(office: list[str]) -> tuple[int, list[tuple[str, int, int]]]:
    """(entries read, [(entry, listed page, page LibreOffice put the heading on)] where they differ)
    from the contents page of LibreOffice's rendering."""
    at = next((i for i, text in enumerate(office) if "目录" in text), None)
    if at is None:
        return 0, []
    entries = _ENTRY.findall(office[at])
    wrong = []
    for text, number in entries:
        text = text.strip(".…·")
        page = next((i + 1 for i in range(at + 1, len(office)) if text in office[i].replace("\\n", "").replace("\n", "")), 0)
        if page != int(number):
            wrong.append((text, int(number), page))
    return len(entries), wrong


def compare(docx: Path, pdf: Path, folder: Path) -> tuple[int, int, int, list]:
    """(our PDF's pages, LibreOffice's pages of the DOCX, contents entries, wrong entries)."""
    office = texts(convert(docx, folder))
    entries, wrong = contents_errors(office)
    return len(texts(pdf)), len(office), entries, wrong


def main(argv: list[str]) -> int:
    """``python -m tests.pages.same BRIEF... [--style S]...``: page counts PDF vs LibreOffice."""
    import tempfile

    from briefmaker.build import build

    styles = [argv[i + 1] for i, a in enumerate(argv) if a == "--style"] or ["gongwen", "jianbao", "report"]
    briefs = [a for i, a in enumerate(argv) if a != "--style" and (i == 0 or argv[i - 1] != "--style")]
    equal = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for brief in briefs:
            for name in styles:
                folder = Path(tmp) / Path(brief).stem / name
                docx, pdf = build(brief, folder, style=name).outputs
                ours, office, entries, wrong = compare(docx, pdf, folder / "lo")
                total += 1
                equal += ours == office
                note = f"  contents {entries - len(wrong)}/{entries} right {wrong}" if entries else ""
                print(f"{Path(brief).stem:28} {name:8} pdf {ours:2}  libreoffice {office:2}{note}", flush=True)
    print(f"{equal} of {total} equal")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
