"""Reading a brief file into a validated :class:`Brief` that still knows where each value came from."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..errors import BriefError, Location, Problem
from ..i18n import LocalText
from .model import Brief
from .source import Source, display_name, load_yaml
from .validate import describe, problems_from

_NAME = re.compile(r"^[^\W\d]\w*$")


@dataclass(frozen=True)
class LoadedBrief:
    """A validated brief, the file it came from and the positions of its values."""

    brief: Brief
    source: Source
    path: Path

    @property
    def folder(self) -> Path:
        return self.path.parent

    def locate(self, path: tuple, *, key: bool = False) -> Location:
        return self.source.locate(path, key=key)


def load_brief(path: str | os.PathLike) -> LoadedBrief:
    """Read and validate the brief at ``path``.

    Raises BriefError carrying every problem found (syntax, duplicate keys, unknown keys with
    suggestions, wrong types, unusable data names), each located by file:line:col and brief path.
    """
    path = Path(path)
    raw, source = load_yaml(path, display_name(path))
    problems: list[Problem] = list(source.problems)
    if not isinstance(raw, dict):
        raise BriefError([Problem(source.locate(()), "wrong_type",
                                  {"expected": LocalText.type("a mapping"), "got": describe(raw)})])
    problems += _check_data_names(raw.get("data"), ("data",), source)
    try:
        brief = Brief.model_validate(raw)
    except ValidationError as exc:
        problems += problems_from(exc, raw, source, Brief)
        brief = None
    if problems:
        problems.sort(key=lambda p: (p.location.line, p.location.col))
        raise BriefError(problems)
    return LoadedBrief(brief, source, path.resolve())


def _check_data_names(value, path: tuple, source: Source) -> list[Problem]:
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
