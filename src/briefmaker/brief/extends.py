"""``extends:`` — a brief built on another brief (a district's template), with positions kept per file.

The merge rule (docs/brief-format.md, "Extending a template"):

* mappings merge key by key, recursively;
* ``null`` deletes: ``subtitle: null`` removes the template's subtitle;
* lists replace the template's list, except a list whose items are all mappings carrying ``id:``,
  which merges item by item by id: an item with a known id merges into the template's item (in
  the template's place), ``{id: x, delete: true}`` removes it, an unknown id is appended;
* everything else replaces.

Every merged value remembers the file it was written in and its path there, so an error in a
value inherited from the template points into the template, and one in an override into the child.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import BriefError, Location, Problem, path_str
from ..infra.files import allowed_roots, resolve_named
from .placeholders import is_placeholder
from .source import Source, display_name, load_yaml

MAX_DEPTH = 10  # templates extending templates …


class LayeredSource:
    """Positions of a merged brief: each path is located in the file (and path) it came from.

    It answers the same questions as :class:`Source` (``locate``, ``block_scalars`` …), with
    paths of the merged brief.
    """

    def __init__(self, origin: dict[tuple, tuple[Source, tuple]], problems: list[Problem]):
        self.origin = origin  # merged path → (source of that subtree, its path in that file)
        self.problems = problems
        self.file = origin[()][0].file
        self.block_scalars = _Membership(self, "block_scalars")
        self.folded_scalars = _Membership(self, "folded_scalars")
        self._last: Source = origin[()][0]

    def resolve(self, path: tuple) -> tuple[Source, tuple]:
        """The source holding the value at ``path`` and the value's path inside that file."""
        path = tuple(path)
        for cut in range(len(path), -1, -1):
            found = self.origin.get(path[:cut])
            if found is not None:
                source, there = found
                return source, there + path[cut:]
        return self.origin[()][0], path

    def locate(self, path: tuple, *, key: bool = False) -> Location:
        """The location of the value at ``path`` (or its key) in the file that wrote it."""
        source, there = self.resolve(path)
        self._last = source
        return source.locate(there, key=key)

    def raw_block(self, path: tuple) -> str:
        source, there = self.resolve(path)
        return source.raw_block(there)

    def text_origin(self, path: tuple) -> int:
        source, there = self.resolve(path)
        return source.text_origin(there)

    def indent(self, line: int) -> int:
        """Indentation of ``line`` in the file last located (callers locate before asking)."""
        return self._last.indent(line)


class _Membership:
    def __init__(self, layered: LayeredSource, name: str):
        self.layered, self.name = layered, name

    def __contains__(self, path) -> bool:
        source, there = self.layered.resolve(path)
        return there in getattr(source, self.name)


def load_layered(path: str | os.PathLike, *, keep: bool = False) -> tuple[object, Source | LayeredSource]:
    """The brief at ``path`` with every ``extends:`` applied, and where each value came from.

    A brief without ``extends`` comes back exactly as :func:`load_yaml` reads it. Raises
    BriefError for a missing template, a cycle, or a template that is not a mapping.
    """
    path = Path(path)
    return _read(path, (), None, keep, allowed_roots(path.parent))


def _read(path: Path, seen: tuple, where: Location | None, keep: bool, roots: list[Path]):
    display = display_name(path)
    try:
        raw, source = load_yaml(path, display, where)
    except BriefError as exc:
        if where is not None and exc.problems and exc.problems[0].code == "file_not_found":
            raise BriefError([Problem(where, "extends_not_found", {"name": display})]) from None
        raise
    if not isinstance(raw, dict) or "extends" not in raw:
        return raw, source
    parent = raw["extends"]
    here = source.locate(("extends",))
    if not isinstance(parent, str) or not parent.strip():
        raise BriefError(source.problems + [Problem(here, "extends_bad", {})])
    key = str(path.resolve())
    if key in seen or len(seen) >= MAX_DEPTH:
        raise BriefError([Problem(here, "extends_cycle", {"name": parent})])
    parent_path = resolve_named(parent, path.parent, here, roots=roots)
    base, base_source = _read(parent_path, seen + (key,), here, keep, roots)
    if not isinstance(base, dict):
        raise BriefError([Problem(here, "extends_not_mapping", {"name": parent})])
    child = {k: v for k, v in raw.items() if k != "extends"}
    return layer(base, base_source, child, source, keep=keep)


def layer(base: dict, base_source, over: dict, source: Source, *, keep: bool = False, own_root: bool = True):
    """``over`` (written in ``source``) merged onto ``base`` by the merge rule, with positions.

    ``keep``: a placeholder (``待填写``) in ``over`` keeps the template's value where there is one
    (draft builds); otherwise placeholders are merged like any value, for the loader to report.
    ``own_root``: the whole document is located in ``over``'s file (a child brief), rather than
    in the template's (a row of a data table).
    """
    origin: dict[tuple, tuple[Source, tuple]] = {}
    problems: list[Problem] = []
    if isinstance(base_source, LayeredSource):
        origin.update(base_source.origin)
    else:
        origin[()] = (base_source, ())
    problems += base_source.problems + source.problems
    merged = _merge_map(base, over, (), (), source, origin, keep)
    if own_root:  # the document as a whole (and anything unplaced) is the child's
        origin[()] = (source, ())
    return merged, LayeredSource(origin, problems)


def _own(origin: dict, merged_path: tuple, source: Source, path: tuple) -> None:
    """Record that the subtree at ``merged_path`` was written in ``source`` at ``path``."""
    for key in [k for k in origin if k[: len(merged_path)] == merged_path]:
        del origin[key]
    origin[merged_path] = (source, path)


def _merge_map(base: dict, over: dict, mpath: tuple, cpath: tuple, source: Source, origin: dict,
               keep: bool = False) -> dict:
    # the template's values keep their origin; when the root of the template is itself the
    # fallback ((), …) every unlisted path falls back to it, so pin the template's keys first
    base_root = _resolve(origin, mpath)
    for key in base:
        origin.setdefault(mpath + (key,), (base_root[0], base_root[1] + (key,)))
    out = dict(base)
    for key, value in over.items():
        here, there = mpath + (key,), cpath + (key,)
        if keep and is_placeholder(value) and base.get(key) is not None:
            continue
        if value is None:
            out.pop(key, None)
            _own(origin, here, source, there)
            continue
        out[key] = _merge_value(base.get(key), value, here, there, source, origin, keep)
    return out


def _merge_value(base, value, mpath: tuple, cpath: tuple, source: Source, origin: dict, keep: bool):
    if isinstance(base, dict) and isinstance(value, dict):
        return _merge_map(base, value, mpath, cpath, source, origin, keep)
    if isinstance(base, list) and isinstance(value, list) and value and all(_has_id(v) for v in value):
        return _merge_by_id(base, value, mpath, cpath, source, origin, keep)
    _own(origin, mpath, source, cpath)
    return value


def _has_id(value) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str)


def _merge_by_id(base: list, over: list, mpath: tuple, cpath: tuple, source: Source, origin: dict,
                 keep: bool) -> list:
    # where each template item came from, before positions shift
    placed = []
    for i, item in enumerate(base):
        src, there = _resolve(origin, mpath + (i,))
        placed.append((item, src, there))
    for key in [k for k in origin if k[: len(mpath)] == mpath and len(k) > len(mpath)]:
        del origin[key]
    items: list[tuple] = list(placed)
    for j, item in enumerate(over):
        index = next((i for i, (old, src, _) in enumerate(items)
                      if src is not None and _has_id(old) and old["id"] == item["id"]), None)
        if item.get("delete") is True:
            if index is not None:
                items.pop(index)
            continue
        if index is None:
            items.append((item, source, cpath + (j,)))
        else:
            items[index] = (item, None, (index, j, items[index]))  # merged below, once indices are final
    out = []
    for i, (item, src, there) in enumerate(items):
        here = mpath + (i,)
        if src is None:  # merge the child's item into the template's
            _, j, (old, old_src, old_there) = there
            origin[here] = (old_src, old_there)
            out.append(_merge_map(old, item, here, cpath + (j,), source, origin, keep))
        else:
            origin[here] = (src, there)
            out.append(item)
    return out


def _resolve(origin: dict, path: tuple) -> tuple[Source, tuple]:
    for cut in range(len(path), -1, -1):
        found = origin.get(path[:cut])
        if found is not None:
            return found[0], found[1] + path[cut:]
    raise AssertionError("origin has no root")


__all__ = ["LayeredSource", "load_layered", "path_str"]
