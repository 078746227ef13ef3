"""Reading a brief file into a validated :class:`Brief` that still knows where each value came from."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..errors import BriefError, Location, Locator, Problem, path_str
from ..i18n import LocalText
from .model import Brief
from . import placeholders
from .extends import LayeredSource, layer, load_layered
from .source import Source, load_yaml
from .table import Row
from .validate import describe, number_problems, problems_from
from .versions import version_problems

_NAME = re.compile(r"^[^\W\d]\w*$")


@dataclass(frozen=True)
class LoadedBrief:
    """A validated brief, the file it came from and the positions of its values."""

    brief: Brief
    source: Source | LayeredSource
    path: Path
    #: (1.1 draft) paths of values still to fill that show the template's value, with that value
    unfilled: tuple[tuple[tuple, object], ...] = ()

    @property
    def folder(self) -> Path:
        return self.path.parent

    def locate(self, path: tuple, *, key: bool = False) -> Location:
        return self.source.locate(path, key=key)


def load_brief(path: str | os.PathLike, *, row: Row | None = None, draft: bool = False) -> LoadedBrief:
    """Read and validate the brief at ``path``.

    Raises BriefError carrying every problem found (syntax, duplicate keys, unknown keys with
    suggestions, wrong types, unusable data names), each located by file:line:col and brief path.
    ``extends:`` is applied first (each value located in the file that wrote it), then ``row``
    (one row of a data table); values still to fill (``待填写``) are errors unless ``draft``.
    """
    path = Path(path)
    raw, source = load_layered(path, keep=draft)
    problems: list[Problem] = list(source.problems)
    if not isinstance(raw, dict):
        raise BriefError([Problem(source.locate(()), "wrong_type",
                                  {"expected": LocalText.type("a mapping"), "got": describe(raw)})])
    empty: list[tuple] = []  # cells left empty where the template has no value either
    if row is not None:
        raw, source = layer(raw, source, row.values, row.source, own_root=False)
        empty = [p for p in row.empty if _missing(raw, p)]
        problems += [Problem(row.locate(p), "table_empty_cell", {"name": path_str(p[1:] if p[0] == "data" else p)})
                     for p in empty]
    if not draft:
        problems += [Problem(source.locate(p), "placeholder", {}) for p in placeholders.find(raw) if p not in empty]
    unfilled = _unfilled(path, raw) if draft and isinstance(raw, dict) else ()
    raw = placeholders.fill_for_draft(raw)
    problems += _check_data_names(raw.get("data"), ("data",), source)
    problems += number_problems(raw, source)
    brief: Brief | None = None
    try:
        validated = Brief.model_validate(raw)
    except ValidationError as exc:
        problems += problems_from(exc, raw, source, Brief)
    else:
        problems += version_problems(raw, validated.version, source)
        brief = validated
    # a value still to fill, or a number YAML 1.1 reads as text or in another base, is reported
    # once, not again as the wrong type for its field
    first = ("placeholder", "number_read_as_text", "number_other_base")
    to_fill = {(p.location.file, p.location.line, p.location.col) for p in problems if p.code in first}
    problems = [p for p in problems if p.code in first
                or (p.location.file, p.location.line, p.location.col) not in to_fill]
    if problems:
        problems.sort(key=lambda p: (p.location.line, p.location.col))
        raise BriefError(problems)
    assert brief is not None  # validation failed only with problems reported
    return LoadedBrief(brief, source, path.resolve(), unfilled if brief.version == 1.1 else ())


def _unfilled(path: Path, merged: dict) -> tuple[tuple[tuple, object], ...]:
    """(path, the template's value) for each value the brief itself leaves to fill (待填写) and
    a draft shows from the template: its data and meta values, as a draft prints them."""
    try:
        own, _ = load_yaml(path)
    except BriefError:
        return ()
    found = []
    for where in placeholders.find(own):
        if where[0] not in ("data", "meta"):
            continue
        value: object = merged
        for part in where:
            value = value.get(part) if isinstance(value, dict) else None
        if value is not None and not placeholders.is_placeholder(value) and not isinstance(value, (dict, list)):
            found.append((where, value))
    return tuple(found)


def _missing(raw: dict, path: tuple) -> bool:
    """True when ``raw`` has no usable value at ``path`` (absent, null, or still to fill)."""
    value = raw
    for part in path:
        if not isinstance(value, dict) or value.get(part) is None:
            return True
        value = value[part]
    return placeholders.is_placeholder(value)


def _check_data_names(value, path: tuple, source: Locator) -> list[Problem]:
    """Every key in data must be a name Jinja can reach with dots (``disputes.found``)."""
    problems = []
    if isinstance(value, dict):
        for key, item in value.items():
            if not _NAME.match(str(key)):
                problems.append(Problem(source.locate(path + (key,), key=True), "bad_data_key", {"key": key}))
            problems += _check_data_names(item, path + (key,), source)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            problems += _check_data_names(item, path + (i,), source)
    return problems
