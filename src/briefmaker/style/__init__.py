"""Style templates: how a brief looks (page, grid, fonts by role, numbering, header blocks).

Styles are YAML files (built-in ones in ``builtin/``, or a user's own path), resolved here into
a :class:`Style` with every length in points, so writers never convert units themselves.
See docs/styles.md.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import Location
from ..infra.digests import file_digest
from ..infra.files import note_reads, recording
from .load import SIZE_NAMES, builtin_styles, load_style
from .model import MM, FontRole, Masthead, PageNumbers, Style

__all__ = ["Style", "FontRole", "PageNumbers", "Masthead", "MM", "SIZE_NAMES", "get_style", "list_styles"]


_LOADED: dict[tuple[str, str | None], tuple[Style, dict[str, str]]] = {}
_KEEP = 32  # styles kept per process


def _cached(name: str, relative_to: str | None) -> tuple[Style, dict[str, str]]:
    """The style and the files it was made from (real path → SHA-256), loaded again when one of
    them has changed since (a long-running service sees an edited style file)."""
    key = (name, relative_to)
    hit = _LOADED.get(key)
    if hit is not None and _unchanged(hit[1]):
        return hit
    with recording() as reads:
        style = load_style(name, None, Path(relative_to) if relative_to else None)
    if len(_LOADED) >= _KEEP:
        _LOADED.pop(next(iter(_LOADED)))
    _LOADED[key] = (style, dict(reads))
    return _LOADED[key]


def _unchanged(reads: dict[str, str]) -> bool:
    try:
        return all(file_digest(path) == digest for path, digest in reads.items())
    except OSError:
        return False


def get_style(name: str, where: Location | None = None, relative_to: Path | None = None) -> Style:
    """The style ``name`` (built-in name or a path, relative to ``relative_to``), loaded once per process.

    Problems are reported at ``where`` (the brief's ``style:`` value, or --style).
    """
    from ..errors import BriefError, Problem

    try:
        style, reads = _cached(name, str(relative_to) if relative_to else None)
        note_reads(reads)  # a build's stamp records them whether or not the style was loaded just now
        return style
    except BriefError as exc:
        if where is None:
            raise
        # problems about the name itself point at where it was given
        moved = [Problem(where, p.code, p.params) if p.location.file == "--style" else p for p in exc.problems]
        raise BriefError(moved) from None


def list_styles() -> list[tuple[str, str]]:
    """(name, one-line description) of each built-in style."""
    return [(name, load_style(name).description) for name in builtin_styles()]
