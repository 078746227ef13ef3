"""One brief → its output files: load, compose, draw charts once, write each format atomically."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BriefError, Location, Problem

if TYPE_CHECKING:  # the stages are imported when a build runs, not when the CLI starts
    from . import document as d
    from .brief.load import LoadedBrief
    from .brief.table import Row
    from .charts.cache import ChartCache
    from .style import Style

FORMATS = ("docx", "pdf")  # what a build makes unless told otherwise
PICTURE_FORMATS = ("png",)  # made on request only: the PDF's pages as one long picture
KNOWN_FORMATS = FORMATS + PICTURE_FORMATS
NAME_MAX = 255  # bytes in one file name: ext4, XFS, Btrfs, tmpfs, APFS, NTFS (UTF-16 units there)


@dataclass
class BuildResult:
    """What one build produced: the files written and any warnings (located, not fatal)."""

    brief: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    reused: bool = False  # the outputs were already what this build would write (infra/uptodate.py)


def prepare(path: str | os.PathLike, style_name: str | None = None, *, row: Row | None = None,
            draft: bool = False) -> tuple[LoadedBrief, Style, d.Document]:
    """Load, validate and compose one brief; raises BriefError with every problem found.

    ``row``: one row of a data table laid over the brief's values; ``draft``: values still to
    fill are allowed and the document is stamped 草稿.
    """
    from .brief.load import load_brief
    from .compose import compose
    from .style import get_style

    loaded = load_brief(path, row=row, draft=draft)
    if style_name:  # --style: a built-in name, or a path from the working directory
        style = get_style(style_name, Location("--style"))
    else:  # the brief's own `style:`, a path relative to the brief
        style = get_style(loaded.brief.style, loaded.locate(("style",)), loaded.folder)
    return loaded, style, compose(loaded, style, draft=draft)


def draft_warnings(loaded: LoadedBrief, document: d.Document) -> list[Problem]:
    """(1.1 draft) A warning for each paragraph whose own words name a value still to fill as the
    template has it — prose that names the unit the brief was made from (示例街道) and will go on
    naming it once the value is filled: to review."""
    names = sorted({str(value) for _, value in loaded.unfilled if isinstance(value, str) and len(value) >= 2},
                   key=len, reverse=True)
    if not names:
        return []
    from . import document as d
    warnings = []
    for block in document.blocks:
        if not isinstance(block, (d.Paragraph, d.Heading)):
            continue  # prose only: there a quoted value is a run of its own
        text = "\n".join(run.text for run in block.runs if run.role != "unfilled")
        named = [name for name in names if name in text]
        if named and block.source.file:
            warnings.append(Problem(block.source, "draft_names_source", {"name": named[0]}, severity="warning"))
    return warnings


def glyph_warnings(loaded: LoadedBrief, document: d.Document) -> list[Problem]:
    """A warning for each block (and the page's own text) holding characters no bundled font can
    draw: paragraphs, table cells, key figures, chart text, masthead, distribution — every string
    of :meth:`Document.texts`."""
    from .fonts import missing_glyphs

    by_block: dict[int, tuple[d.Block | None, list[str]]] = {}
    for block, text in document.texts():
        by_block.setdefault(id(block), (block, []))[1].append(text)
    warnings = []
    for block, texts in by_block.values():
        missing = missing_glyphs("\n".join(texts))
        if missing:
            where = block.source if block is not None and block.source.file else Location(str(loaded.path))
            warnings.append(Problem(where, "no_glyph", {"chars": " ".join(f"{c} (U+{ord(c):04X})" for c in missing)},
                                    severity="warning"))
    return warnings


def render_outputs(document: d.Document, style: Style, formats: tuple[str, ...],
                   cache: ChartCache, *, parallel: bool = False) -> dict[str, bytes]:
    """Each requested format's bytes.

    The PDF lays its charts out as vector drawings; the DOCX holds native Word charts, or, when the
    style asks for pictures, PNGs of the same layout (taken from the cache when drawn before).
    The DOCX follows the PDF's pagination (pagination.py): a table of contents shows the PDF's
    page numbers, figures stand where the PDF set them, so a DOCX-only build of a document with
    figures or contents lays the PDF out too, and the DOCX is the same whatever else is built.
    ``parallel``: write the DOCX in a forked process while the PDF is laid out (same bytes: it is
    written again when the PDF moved a figure or left a line alone; not with a table of contents,
    which needs the PDF's page numbers first)."""
    from . import document as d
    from .pagination import Pagination

    needs_pages = any(isinstance(b, d.Contents) for b in document.blocks)
    floating = (d.Figure, d.KeyFigures)  # what the PDF may set after the text after it
    needs_layout = needs_pages or any(isinstance(b, floating) for b in document.blocks)
    out = {}
    layout = Pagination()
    from .infra.forked import Forked, can_fork

    if parallel and can_fork() and not needs_pages and set(formats) == {"pdf", "docx"}:
        def docx_bytes() -> bytes:
            from .render.docx import write_docx

            return write_docx(document, style, cache, None)

        docx_job = Forked(docx_bytes)
        try:
            from .render.pdf import PdfWriter

            writer = PdfWriter(document, style)
            pdf = writer.write()
        except BaseException:
            docx_job.cancel()
            raise
        docx = docx_job.result()
        if writer.pagination.changes(len(document.blocks)):
            from .render.docx import write_docx

            docx = write_docx(document, style, cache, writer.pagination)
        return {"docx": docx, "pdf": pdf}
    if "pdf" in formats or ("docx" in formats and needs_layout):
        from .render.pdf import PdfWriter

        writer = PdfWriter(document, style)
        pdf = writer.write()
        layout = writer.pagination
        if "pdf" in formats:
            out["pdf"] = pdf
    if "docx" in formats:
        from .render.docx import write_docx

        out = {"docx": write_docx(document, style, cache, layout), **out}
    return out


def _outputs(outdir: Path, stem: str, formats) -> list[Path]:
    """The files a build of ``formats`` named ``stem`` writes into ``outdir``, in writing order."""
    return [outdir / f"{stem}.{fmt}" for fmt in KNOWN_FORMATS if fmt in formats]


def _stamp(path: str | os.PathLike, outdir: Path, stem: str, formats, *, style: str | None, row: Row | None,
           draft: bool, embed_fonts: bool):
    from .infra.uptodate import Stamp

    options = {"style": style, "draft": draft, "embed_fonts": embed_fonts, "row": row.values if row else None}
    return Stamp.of(path, outdir, stem, tuple(formats), options)


def up_to_date(path: str | os.PathLike, outdir: str | os.PathLike = "out", formats=FORMATS, *,
               style: str | None = None, row: Row | None = None, name: str | None = None,
               draft: bool = False, embed_fonts: bool = False) -> list[Path] | None:
    """The outputs :func:`build` with ``reuse`` would leave alone, as they are already what it would
    write (infra/uptodate.py); None when it would build. Imports none of the stages."""
    outdir = Path(outdir)
    stem = name or Path(path).stem
    stamp = _stamp(path, outdir, stem, formats, style=style, row=row, draft=draft, embed_fonts=embed_fonts)
    expected = _outputs(outdir, stem, formats)
    return expected if stamp is not None and stamp.fresh(expected) else None


def build(path: str | os.PathLike, outdir: str | os.PathLike = "out", formats=FORMATS, *,
          style: str | None = None, cache_dir: str | os.PathLike | None = None,
          row: Row | None = None, name: str | None = None, draft: bool = False,
          embed_fonts: bool = False, parallel: bool = False, reuse: bool = False) -> BuildResult:
    """Build ``path`` into ``outdir/<stem>.docx`` and ``.pdf`` (``<name>.…`` when ``name`` is given).

    ``row`` lays one row of a data table over the brief's values; ``draft`` builds a brief that
    still has values to fill, stamped 草稿 on every page; ``parallel`` writes the two formats in
    two processes (for a single build on a machine with cores to spare, not inside a batch);
    ``embed_fonts`` embeds the bundled fonts in the DOCX, whatever the style says; ``reuse``
    leaves outputs alone that are already what this build would write (infra/uptodate.py), and
    records what this build read so that the next one can tell.

    Nothing is written unless the whole brief is valid and every format rendered; the outputs
    are replaced together (both new or both as they were), so a failure leaves the previous
    good pair untouched.
    """
    from .infra.atomic import write_all

    unknown = [f for f in formats if f not in KNOWN_FORMATS]
    if unknown:
        raise BriefError([Problem(Location("--format"), "format_unknown", {"name": unknown[0]})])
    if not formats:
        raise BriefError([Problem(Location("--format"), "format_none", {})])
    outdir = Path(outdir)
    if os.path.exists(outdir) and not os.path.isdir(outdir):
        raise BriefError([Problem(Location("-o"), "output_not_folder", {"name": str(outdir)})])
    stem = name or Path(path).stem
    for fmt in formats:  # a name the file system cannot hold fails before anything is made
        size = len(os.fsencode(f"{stem}.{fmt}"))
        if size > NAME_MAX:
            raise BriefError([Problem(Location(str(outdir / f"{stem}.{fmt}")), "output_name_too_long",
                                      {"size": size, "limit": NAME_MAX})])
    stamp = _stamp(path, outdir, stem, formats, style=style, row=row, draft=draft,
                   embed_fonts=embed_fonts) if reuse else None
    expected = _outputs(outdir, stem, formats)
    if stamp is not None and stamp.fresh(expected):
        return BuildResult(Path(path), outputs=expected, reused=True)
    from .infra.files import recording

    with recording() as reads:
        loaded, resolved_style, document = prepare(path, style, row=row, draft=draft)
    if embed_fonts:
        resolved_style = dataclasses.replace(resolved_style, embed_fonts=True)
    from .charts.cache import ChartCache
    from .infra.cachedirs import chart_cache_dir

    cache = ChartCache(Path(cache_dir) if cache_dir else chart_cache_dir(outdir))
    drawn = tuple(dict.fromkeys(f if f in FORMATS else "pdf" for f in formats))  # a picture is of the PDF
    data = render_outputs(document, resolved_style, drawn, cache, parallel=parallel)
    if "png" in formats:
        from .render.png import long_png

        data["png"] = long_png(data["pdf"])
        if "pdf" not in formats:
            del data["pdf"]
    result = BuildResult(Path(path), warnings=glyph_warnings(loaded, document) + draft_warnings(loaded, document))
    files = {path: data[path.suffix[1:]] for path in expected}
    try:
        write_all(files)  # both new or both as they were
    except OSError as exc:
        named = [Path(n) for n in (exc.filename, exc.filename2) if n]  # a rename names source and target
        where = next((n for n in named if n in files), next(iter(files)))  # never a temp file's name
        raise BriefError([Problem(Location(str(where)), "write_failed",
                                  {"detail": exc.strerror or str(exc)})]) from None
    result.outputs.extend(files)
    if stamp is not None and not result.warnings:
        stamp.save(reads, files)
    return result
