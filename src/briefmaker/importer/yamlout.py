"""A small YAML writer for briefs: block style, one paragraph per line, comments where asked.

PyYAML's dumper cannot write comments and reflows long lines; this writes mappings in insertion
order, quotes a scalar only when a YAML reader (ours included) would read it otherwise, and puts
each ``Commented`` value's comment after it on the same line. Same input, same bytes.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal

import yaml

from ..brief.source import _BASE_60, _NUMBER_IN_YAML_1_2, _OCTAL


@dataclass(frozen=True)
class Commented:
    """A value with a comment written after it (``key: value  # comment``)."""

    value: object
    comment: str = ""


def dump(document: dict, header: list[str] = ()) -> str:
    """The YAML text of ``document`` (a dict of dicts, lists and scalars, values maybe ``Commented``)."""
    lines = [f"# {line}" if line else "#" for line in header]
    for key, value in document.items():
        _entry(key, value, 0, lines)
        if isinstance(_bare(value), (dict, list)):
            lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _bare(value):
    return value.value if isinstance(value, Commented) else value


def _comment(value) -> str:
    if isinstance(value, Commented) and value.comment:
        return "  # " + " ".join(value.comment.split())
    return ""


def _entry(key, value, depth: int, lines: list[str]) -> None:
    pad = "  " * depth
    bare = _bare(value)
    name = scalar(str(key))
    if isinstance(bare, dict) and bare:
        lines.append(f"{pad}{name}:{_comment(value)}")
        for k, v in bare.items():
            _entry(k, v, depth + 1, lines)
    elif isinstance(bare, list) and bare and not _flow(bare):
        lines.append(f"{pad}{name}:{_comment(value)}")
        _items(bare, depth + 1, lines)
    else:
        lines.append(f"{pad}{name}: {_inline(bare)}{_comment(value)}")


def _items(items: list, depth: int, lines: list[str]) -> None:
    pad = "  " * depth
    for item in items:
        bare = _bare(item)
        if isinstance(bare, dict) and bare:
            first = True
            for k, v in bare.items():
                sub: list[str] = []
                _entry(k, v, depth + 1, sub)
                if first:
                    sub[0] = f"{pad}- " + sub[0].lstrip(" ")
                    if _comment(item):
                        sub[0] += _comment(item)
                    first = False
                lines += sub
        elif isinstance(bare, list) and bare and not _flow(bare):
            lines.append(f"{pad}-{_comment(item)}")
            _items(bare, depth + 1, lines)
        else:
            lines.append(f"{pad}- {_inline(bare)}{_comment(item)}")


def _flow(items: list) -> bool:
    """Short lists of scalars are written inline: [项目, 数量, 单位]."""
    return (all(not isinstance(_bare(i), (dict, list)) and not isinstance(i, Commented) for i in items)
            and all(len(str(_bare(i))) <= 16 for i in items) and sum(len(str(i)) + 2 for i in items) <= 80)


def _inline(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
    if isinstance(value, dict):
        return "{}"
    return scalar(value)


def scalar(value, flow: bool = False) -> str:
    """One scalar as YAML: plain when it reads back as itself, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = format(Decimal(repr(value)), "f")
        return text if "." in text else text + ".0"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = str(value)
    if _plain_ok(text, flow):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or "\n" in text or "\t" in text:
        return False
    if flow and re.search(r"[,\[\]{}]", text):
        return False
    if text.startswith(("{", "[", "*", "&", "!", "|", ">", "'", '"', "%", "@", "`", "#", "-", "?", ":")):
        return False
    if re.fullmatch(r"[\d\s.:+\-_eE]+", text) or any(p.fullmatch(text) for p in (_NUMBER_IN_YAML_1_2, _OCTAL, _BASE_60)):
        return False
    try:
        read = yaml.safe_load(f"k: {text}\n")
    except yaml.YAMLError:
        return False
    return isinstance(read, dict) and read.get("k") == text and isinstance(read.get("k"), str)
