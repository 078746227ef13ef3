"""``briefmaker new``: a brief for another unit, built on an existing one, every value to fill marked.

The new brief ``extends:`` the template the existing brief extends (or the existing brief itself
when it extends none), so it has the same structure; it lists every data key, and every meta,
signature and distribution value the existing brief writes itself, as ``待填写`` with the
existing value as a comment. ``check`` then lists what is still to fill, located, and ``build``
refuses the brief until they are filled (``--draft`` previews it with the template's values).
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .brief.extends import load_layered
from .brief.placeholders import MARK
from .brief.source import display_name, load_yaml
from .errors import BriefError, Location, Problem

_OWN_KEYS = ("meta", "byline", "signature", "distribution")


def scaffold(source: str | os.PathLike, target: str | os.PathLike) -> int:
    """Write the new brief ``target`` from ``source``; returns how many values are left to fill.

    Raises BriefError when ``source`` cannot be read or ``target`` already exists; writes
    nothing then.
    """
    from .infra.atomic import write_atomic

    source, target = Path(source), Path(target)
    if target.exists():
        raise BriefError([Problem(Location(display_name(target)), "scaffold_exists", {"name": display_name(target)})])
    own, _ = load_yaml(source)
    merged, _ = load_layered(source)
    if not isinstance(own, dict) or not isinstance(merged, dict):
        raise BriefError([Problem(Location(display_name(source), 1, 1), "extends_not_mapping",
                                  {"name": display_name(source)})])
    parent = (source.parent / own["extends"]).resolve() if isinstance(own.get("extends"), str) else source.resolve()
    lines = [f"# {target.stem}: made by `briefmaker new --from {display_name(source)}`.",
             f"# Replace every {MARK} (the comment shows the value in {source.name});",
             "# `briefmaker check` lists the ones still to fill.",
             f"extends: {_relative(parent, target.parent.resolve())}", ""]
    count = 0
    for key in _OWN_KEYS:
        if key in own and own[key] is not None:
            part, n = _block(key, own[key], literal_only=True)
            lines += part
            count += n
    if isinstance(merged.get("data"), dict) and merged["data"]:
        part, n = _block("data", merged["data"], literal_only=False)
        lines += part
        count += n
    write_atomic(target, ("\n".join(lines).rstrip() + "\n").encode("utf-8"))
    return count


def _relative(path: Path, folder: Path) -> str:
    try:
        return Path(os.path.relpath(path, folder)).as_posix()
    except ValueError:  # another drive
        return path.as_posix()


def _block(key: str, value, literal_only: bool) -> tuple[list[str], int]:
    """YAML lines for ``key: value`` with each value to fill as 待填写 (and the old value as a comment)."""
    lines: list[str] = []
    count = _emit(key, value, 0, lines, literal_only)
    return (lines + [""], count) if count else ([], 0)


def _emit(key, value, depth: int, lines: list[str], literal_only: bool) -> int:
    pad = "  " * depth
    if isinstance(value, dict):
        inner: list[str] = []
        count = sum(_emit(k, v, depth + 1, inner, literal_only) for k, v in value.items())
        if count:
            lines.append(f"{pad}{key}:")
            lines += inner
        return count
    if literal_only and isinstance(value, str) and "{{" in value:
        return 0  # a template: it already reads right for every unit
    lines.append(f"{pad}{key}: {MARK}  # {_example(value)}")
    return 1


def _example(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_example(v) for v in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{…}"
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "…"
