"""Turning pydantic's validation errors into located, friendly problems."""
from __future__ import annotations

import datetime as dt
import difflib
import math

from pydantic import BaseModel, ValidationError

from ..errors import Locator, Problem
from ..i18n import LocalText
from .model import BLOCK_KEYS, BLOCK_TAGS, TAG_MODELS, Block, block_tag

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "date_type": "a date (2020-12-31)",
    "date_parsing": "a date (2020-12-31)",
    "date_from_datetime_parsing": "a date (2020-12-31)",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "finite_number": "a number",
}


# pydantic's bounds on a number or a list, said in both languages
_BOUNDS = {
    "less_than_equal": ("must be at most", "应不大于"), "less_than": ("must be less than", "应小于"),
    "greater_than_equal": ("must be at least", "应不小于"), "greater_than": ("must be more than", "应大于"),
}


def describe(value) -> LocalText:
    """How a value's type reads in a message: 'text "abc"', 'a list', …"""
    if value is None:
        return LocalText.type("nothing")
    if isinstance(value, bool):
        return LocalText(f"{str(value).lower()}", f"{str(value).lower()}")
    if isinstance(value, (int, float)):
        return LocalText(f"the number {value}", f"数字 {value}")
    if isinstance(value, str):
        short = value if len(value) <= 20 else value[:20] + "…"
        return LocalText(f"text '{short}'", f"文字“{short}”")
    if isinstance(value, (dt.date, dt.datetime)):
        return LocalText(f"the date {value}", f"日期 {value}")
    if isinstance(value, list):
        return LocalText.type("a list")
    if isinstance(value, dict):
        return LocalText.type("a mapping")
    return LocalText(type(value).__name__, type(value).__name__)


def suggest(word: str, choices) -> LocalText | str:
    """A did-you-mean hint for ``word`` among ``choices``, or ''."""
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return LocalText.of("did_you_mean", suggestion=match[0]) if match else ""


def _data_path(raw, loc: tuple) -> tuple[tuple, object, object]:
    """Map pydantic's loc onto the real data path, dropping union tags; returns (path, parent, value)."""
    path: list = []
    node, parent = raw, None  # type: tuple[object, object]
    for part in loc:
        if isinstance(node, dict) and part in node:
            parent, node = node, node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            parent, node = node, node[part]
            path.append(part)
        elif isinstance(part, str) and (part in BLOCK_TAGS or part.startswith(("list[", "dict["))):
            continue  # a union tag, not a key of the user's data
        else:
            path.append(part)
            parent, node = node, None
    return tuple(path), parent, node


def _model_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names allowed where ``loc`` points, found by walking the models alongside loc."""
    from typing import get_args

    current: object = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if current == "block":
            current = TAG_MODELS.get(part)
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part)
        if field is None:
            continue  # a union tag such as 'chart' that pydantic repeats in loc
        current = _unwrap(field.annotation, get_args)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation, get_args):
    """The model (or 'block' for body lists) inside an annotation such as list[Section] | None."""
    stack = [annotation]
    while stack:
        candidate = stack.pop()
        if candidate is Block or any(getattr(meta, "discriminator", None) is block_tag
                                     for meta in getattr(candidate, "__metadata__", ())):
            return "block"  # the body-item union (rebuilt by pydantic around the Section forward reference)
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        stack.extend(get_args(candidate))
    return None


def problems_from(error: ValidationError, raw, source: Locator, model: type[BaseModel]) -> list[Problem]:
    """One located :class:`Problem` per pydantic error, sorted by position in the file."""
    problems = []
    seen = set()
    for err in error.errors():
        loc = tuple(err["loc"])
        path, parent, value = _data_path(raw, loc)
        kind = err["type"]
        if kind == "extra_forbidden":
            key = path[-1]
            allowed = _model_fields(model, loc)
            problem = Problem(source.locate(path, key=True), "unknown_key",
                              {"key": key, "hint": suggest(key, allowed)})
        elif kind == "missing":
            problem = Problem(source.locate(path), "missing_key", {"key": path[-1]})
        elif kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == r"\S":
            problem = Problem(source.locate(path), "empty_value", {"name": path[-1]})
        elif kind in ("xml_char", "lone_surrogate"):
            problem = Problem(source.locate(path), kind, {"codepoint": err["ctx"]["codepoint"]})
        elif kind in _BOUNDS and "ctx" in err:
            limit = next(iter(err["ctx"].values()))
            en, zh = _BOUNDS[kind]
            problem = Problem(source.locate(path), "invalid_value",
                              {"detail": LocalText(f"{en} {limit}, got {err.get('input')!r}",
                                                   f"{zh} {limit}，实际是 {err.get('input')!r}")})
        elif kind == "not_a_sentence":
            problem = Problem(source.locate(path), "wrong_type",
                              {"expected": LocalText.type("a sentence"), "got": describe(err.get("input"))})
        elif kind == "not_a_block":
            kinds = "text, lead + text, " + ", ".join(k for k in BLOCK_KEYS if k != "text")
            problem = Problem(source.locate(path), "not_a_block", {"kinds": kinds})
        elif kind in _EXPECTED and any(part in ("int", "float", "str") for part in loc):
            # a NumberOrRef union: one message for the three members' complaints
            problem = Problem(source.locate(path), "wrong_type",
                              {"expected": LocalText.type("a number or a data name"), "got": describe(err.get("input"))})
        elif kind in _EXPECTED:
            problem = Problem(source.locate(path), "wrong_type",
                              {"expected": LocalText.type(_EXPECTED[kind]), "got": describe(err.get("input"))})
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            problem = Problem(source.locate(path), "invalid_value",
                              {"detail": LocalText(f"expected {expected}, got {err.get('input')!r}"
                                                   + (suggest(err.get('input'), _literal_choices(expected)) and
                                                      f" (did you mean '{_best(err.get('input'), expected)}'?)" or ""),
                                                   f"应为 {expected} 之一，实际是 {err.get('input')!r}")})
        else:
            problem = Problem(source.locate(path), "invalid_value", {"detail": err["msg"]})
        key = (problem.location, problem.code)
        if key not in seen:
            seen.add(key)
            problems.append((path, problem))
    # a union (mapping | text) complains at the parent when a member fails deeper down: keep the deeper one
    paths = [path for path, _ in problems]
    kept = [problem for path, problem in problems
            if not (problem.code == "wrong_type" and any(other[:len(path)] == path and len(other) > len(path)
                                                         for other in paths))]
    kept.sort(key=lambda p: (p.location.line, p.location.col))
    return kept


def _literal_choices(expected: str) -> list[str]:
    return [part.strip(" '\"") for part in expected.replace(" or ", ",").split(",") if part.strip()]


def _best(word, expected: str) -> str:
    match = difflib.get_close_matches(str(word), _literal_choices(expected), n=1, cutoff=0.6)
    return match[0] if match else ""


MAX_NUMBER = 10 ** 15  # the largest size of a number in a brief (see text/sandbox.py MAX_NUMBER)


def number_problems(raw, source: Locator, path: tuple = ()) -> list[Problem]:
    """A located problem for every number in ``raw`` that is not finite or beyond ±10^15.

    10^15 (1000万亿) is more than any figure of a year-end summary, and every whole number up to it
    is exact as a float, so a chart draws exactly what the text quotes.
    """
    problems: list[Problem] = []
    stack = [(path, raw)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((here + (k,), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((here + (i,), v) for i, v in enumerate(value))
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(Problem(source.locate(here), "number_not_finite", {"value": str(value)}))
        elif abs(value) > MAX_NUMBER:
            if isinstance(value, float):
                shown = f"{value:.6g}"
            else:
                shown = str(value) if value.bit_length() <= 64 else f"{str(value)[:6]}… ({len(str(abs(value)))} digits)"
            problems.append(Problem(source.locate(here), "number_too_large", {"value": shown, "limit": "10^15"}))
    return problems
