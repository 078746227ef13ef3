"""``briefmaker import``: last year's summary (.docx, .txt, .md) as a brief in the current format.

Readers turn the file into pieces (``textfile``, ``docxfile``), ``clean`` repairs the text,
``structure`` recognises the outline, ``assemble`` lifts the figures into data, ``yamlout``
writes the YAML. Nothing here prints; problems are raised as BriefError, notes returned as warnings.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..brief.source import display_name
from ..errors import BriefError, Location, Problem
from ..infra.files import read_limited
from .limits import MAX_DOCX_BYTES, MAX_TEXT_BYTES
from .assemble import Assembler, main_year
from .clean import clean
from .structure import recognise
from .yamlout import Commented, dump

SUFFIXES = (".docx", ".txt", ".md")
REFUSED = (".doc", ".wps", ".wpt", ".dot", ".rtf", ".odt")


@dataclass
class Imported:
    """A brief made from a document: its YAML, the pictures to save beside it, and what to tell the user."""

    yaml: str
    images: list[tuple[str, bytes]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    figures: int = 0          # figures (digit runs) in the prose
    lifted: int = 0           # of those, quoted from data


def read_pieces(path: Path, shown: str):
    """The document's pieces in reading order; BriefError for a file that cannot be imported."""
    suffix = path.suffix.lower()
    where = Location(shown, 1, 1, "file")
    if suffix in REFUSED:
        raise BriefError([Problem(where, "import_save_as_docx", {"suffix": suffix})])
    if suffix not in SUFFIXES:
        raise BriefError([Problem(where, "import_kind", {"suffix": suffix or "(none)"})])
    if suffix == ".docx":
        from .docxfile import read_docx

        return read_docx(read_limited(path, where, MAX_DOCX_BYTES, shown), shown)
    from .textfile import read_text

    return read_text(read_limited(path, where, MAX_TEXT_BYTES, shown), shown, markdown=suffix == ".md")


def import_document(path: str | os.PathLike, image_prefix: str = "") -> Imported:
    """The brief for the document at ``path``; raises BriefError (located) when it cannot be read."""
    path = Path(path)
    shown = display_name(path)
    pieces = clean(read_pieces(path, shown))
    if not any(p.text or p.kind != "text" for p in pieces):
        raise BriefError([Problem(Location(shown, 1, 1, "file"), "import_empty")])
    outline = recognise(pieces)
    texts = [p.text for p in pieces]
    asm = Assembler(outline, main_year(outline, texts))
    asm.image_prefix = image_prefix
    brief = _brief(outline, asm)
    images = asm.images
    header = [f"Imported by `briefmaker import` from {path.name}.",
              "Every figure the text quotes is in data (its sentence as a comment); `{{ name }}` prints it as written.",
              "Words around a figure (余, 多, 以上) stay in the text. Check the keys, then build."]
    return Imported(dump(brief, header), images, asm.notes, asm.figures, asm.lifted)


def _brief(outline, asm: Assembler) -> dict:
    brief: dict = {"version": 1}
    meta: dict = {"title": asm.lift(outline.title, prose=False) if outline.title else "（无标题）"}
    opening = asm.items(outline.opening)
    sections = asm.sections(outline.sections)
    closing = asm.items(outline.closing)
    byline = asm.lift(outline.byline) if outline.byline else ""
    if outline.subtitle:
        meta["subtitle"] = asm.lift(outline.subtitle, prose=False)
    if outline.signature:
        meta["unit"] = outline.signature[0]
        meta["date"] = outline.signature[1]
    if asm.year is not None:
        meta["year"] = asm.year
    brief["meta"] = meta
    if asm.data:
        brief["data"] = asm.data
    if asm.computed:
        brief["computed"] = asm.computed
    if opening:
        brief["opening"] = opening
    if sections:
        brief["sections"] = sections
    if closing:
        brief["closing"] = closing
    if byline:
        brief["byline"] = byline
    if outline.signature:
        brief["signature"] = {"unit": asm.lift(outline.signature[0], prose=False), "date": outline.signature[1]}
    if outline.distribution:
        brief["distribution"] = {k: (asm.lift(v, prose=False) if isinstance(v, str) and k == "printed_by" else v)
                                 for k, v in outline.distribution.items()}
    return brief


def import_file(source: str | os.PathLike, target: str | os.PathLike | None = None) -> tuple[Path, Imported]:
    """Import ``source`` and write the brief to ``target`` (default: beside it, as NAME.yaml), with
    its pictures beside the brief; returns the path written and the import. Writes nothing on error."""
    from ..infra.atomic import write_atomic

    source = Path(source)
    target = Path(target) if target else source.with_suffix(".yaml")
    if target.resolve() == source.resolve():
        raise BriefError([Problem(Location(display_name(target), 1, 1, "-o"), "import_same_file")])
    if target.exists() or target.is_symlink():  # never overwrite a brief someone has edited since
        raise BriefError([Problem(Location(display_name(target), 1, 1, "-o"), "import_exists",
                                  {"name": display_name(target)})])
    result = import_document(source, image_prefix=f"{target.stem}-")
    for name, data in result.images:
        write_atomic(target.parent / name, data)
    write_atomic(target, result.yaml.encode("utf-8"))
    return target, result


__all__ = ["Imported", "import_document", "import_file", "Commented"]
