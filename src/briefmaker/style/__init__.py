"""Style templates: how a brief looks (page, grid, fonts by role, numbering, header blocks).

Styles are YAML files (built-in ones in ``builtin/``, or a user's own path), resolved here into
a :class:`Style` with every length in points, so writers never convert units themselves.
See docs/styles.md.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import Location
from .load import SIZE_NAMES, builtin_styles, load_style
from .model import MM, FontRole, Masthead, PageNumbers, Style

__all__ = ["Style", "FontRole", "PageNumbers", "Masthead", "MM", "SIZE_NAMES", "get_style", "list_styles"]


@lru_cache(maxsize=32)
def _cached(name: str, relative_to: str | None) -> Style:
    return load_style(name, None, Path(relative_to) if relative_to else None)


def get_style(name: str, where: Location | None = None, relative_to: Path | None = None) -> Style:
    """The style ``name`` (built-in name or a path, relative to ``relative_to``), loaded once per process.

    Problems are reported at ``where`` (the brief's ``style:`` value, or --style).
    """
    from ..errors import BriefError, Problem

    try:
        return _cached(name, str(relative_to) if relative_to else None)
    except BriefError as exc:
        if where is None:
            raise
        # problems about the name itself point at where it was given
        moved = [Problem(where, p.code, p.params) if p.location.file == "--style" else p for p in exc.problems]
        raise BriefError(moved) from None


def list_styles() -> list[tuple[str, str]]:
    """(name, one-line description) of each built-in style."""
    return [(name, load_style(name).description) for name in builtin_styles()]
