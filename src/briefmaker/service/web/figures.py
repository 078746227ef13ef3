"""A brief's figures as form fields, and a form's values written back into the brief's text.

The YAML text stays the source of truth: :func:`figures` reads the scalar values under the
brief's own ``data:`` (where each is written, what the data comment on its line says, which
unit word the text puts after it) and :func:`apply` replaces just those scalars in the text,
so comments, order and layout survive a change made in the form.

Only PyYAML's composer runs on the text (no values are constructed, aliases are not followed),
and at most :data:`MAX_FIELDS` fields are read, so a hostile text costs bounded time.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

import yaml

from ...brief.placeholders import MARK

MAX_FIELDS = 2000
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
_INT_TAG, _FLOAT_TAG, _STR_TAG = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:str")
# measure words a Chinese text writes after a figure (longest first, so 平方米 wins over 米)
_UNITS = sorted("人 户 个 名 次 场 场次 起 件 份 套 处 支 辆 台 家 所 条 项 栋 座 棵 株 平方米 米 公里 千米 亩 "
                "吨 元 万元 亿元 万 小时 天 年 月 人次 户次 篇 期 批 组 类 门 间 张 本 部 余人 余户 余件 余份 余处 "
                "余次 余个 余场 余套 余棵".split(), key=len, reverse=True)
_AFTER = re.compile(r"\{\{-?\s*([A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*)[^}]*\}\}\s*(?:余|多)?")
_PAREN = re.compile(r"[（(]([^（）()]{1,8})[）)]\s*$")


class FieldError(ValueError):
    """A value typed into a field that its figure cannot take (``code``: a texts.py message code)."""

    def __init__(self, path: str, code: str):
        super().__init__(path)
        self.path, self.code = path, code


@dataclass(frozen=True)
class Field:
    """One figure of the form: its data path, value as written, position and what to show."""

    path: str  # dotted, as problems name it: data.disputes.found
    key: str  # the last part of the path
    group: str  # the top-level data key it sits under ('' for a top-level figure)
    value: str  # as written in the text (待填写 for a value still to fill)
    kind: str  # number | text | fill (a value still to fill)
    line: int  # 1-based line of the value
    label: str  # from the data comment on its line, else the key
    unit: str  # the measure word the text writes after it, or ''
    start: int  # character offsets of the scalar in the text
    end: int

    @property
    def to_fill(self) -> bool:
        return self.kind == "fill"


def _compose(text: str):
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    except RecursionError:
        return None


def _data_node(root):
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "data" and isinstance(value, yaml.MappingNode):
            return value
    return None


def _comment(line_text: str, after: int) -> str:
    """The comment on the rest of a line from column ``after`` (0-based), without the '#'."""
    rest = line_text[after:]
    hash_at = rest.find("#")
    if hash_at < 0 or (hash_at > 0 and not rest[hash_at - 1].isspace()):
        return ""
    return rest[hash_at + 1:].strip()


def _units_in_text(text: str) -> dict[str, str]:
    """Data path (without ``data.``) → the measure word following its first quote in the text."""
    found: dict[str, str] = {}
    for match in _AFTER.finditer(text):
        name = match.group(1)
        if name in found:
            continue
        tail = text[match.end():match.end() + 4]
        word = next((u for u in _UNITS if tail.startswith(u)), "")
        if word:
            found[name] = word
    return found


def figures(text: str, template: str = "") -> list[Field]:
    """The scalar values under the brief's own ``data:``, in file order (empty when the text is
    not YAML or has no ``data`` mapping). Lists inside ``data`` are left to the text editor.

    ``template``: the text of the template the brief extends, whose data comments and text
    give the labels and units the brief itself does not."""
    fields = _figures(text)
    if not template:
        return fields
    base = {f.path: f for f in _figures(template)}
    return [replace(f, label=f.label if f.label != f.key or f.path not in base else base[f.path].label,
                    unit=f.unit or (base[f.path].unit if f.path in base else ""))
            for f in fields]


def _figures(text: str) -> list[Field]:
    root = _compose(text)
    data = _data_node(root)
    if data is None:
        return []
    lines = text.splitlines()
    units = _units_in_text(text)
    out: list[Field] = []
    budget = [20 * MAX_FIELDS]  # mappings shared through aliases are walked once per use

    def walk(node, path: tuple[str, ...]) -> None:
        for key, value in node.value:
            budget[0] -= 1
            if len(out) >= MAX_FIELDS or budget[0] < 0:
                return
            if not isinstance(key, yaml.ScalarNode):
                continue
            here = path + (key.value,)
            if isinstance(value, yaml.MappingNode) and len(here) < 8:
                walk(value, here)
            elif isinstance(value, yaml.ScalarNode) and value.tag in (_INT_TAG, _FLOAT_TAG, _STR_TAG):
                if value.tag == _STR_TAG and value.style is None and value.value == "":
                    continue
                kind = "number" if value.tag in (_INT_TAG, _FLOAT_TAG) else \
                    "fill" if value.value.startswith(MARK) else "text"
                line = value.end_mark.line
                comment = _comment(lines[line], value.end_mark.column) if line < len(lines) else ""
                paren = _PAREN.search(comment)
                dotted = ".".join(here)
                unit = units.get(dotted, "")
                if not unit and paren and paren.group(1) in _UNITS:
                    unit = paren.group(1)
                out.append(Field(path="data." + dotted, key=key.value, group=here[0] if len(here) > 1 else "",
                                 value=value.value, kind=kind, line=value.start_mark.line + 1,
                                 label=comment or key.value, unit=unit,
                                 start=value.start_mark.index, end=value.end_mark.index))

    walk(data, ())
    return out


def scalar(field: Field, typed: str) -> str:
    """How ``typed`` is written in YAML at ``field``; raises :class:`FieldError` when a number
    field gets something that is not a plain number (``1200``, ``0.95``, ``-3``)."""
    typed = typed.strip().replace("，", ",").replace(",", "")
    if field.kind in ("number", "fill") and (field.kind == "number" or typed[:1].isdigit() or typed[:1] == "-"):
        if typed == "" and field.kind == "fill":
            return MARK
        if not _NUMBER.fullmatch(typed):
            raise FieldError(field.path, "web_not_a_number")
        return typed
    if typed == "":
        raise FieldError(field.path, "web_empty")
    return json.dumps(typed, ensure_ascii=False)  # a double-quoted YAML scalar


def apply(text: str, changes: dict[str, str]) -> tuple[str, list[FieldError]]:
    """``text`` with each changed figure (data path → the value typed) written in; the fields
    that refused their value are returned and left as they were. Unknown paths are ignored."""
    by_path = {f.path: f for f in _figures(text)}
    edits, refused = [], []
    for path, typed in changes.items():
        field = by_path.get(path)
        if field is None or typed.strip() == field.value:
            continue
        try:
            written = scalar(field, typed)
        except FieldError as exc:
            refused.append(exc)
            continue
        original = text[field.start:field.end]
        if written != original:
            edits.append((field.start, field.end, written))
    for start, end, written in sorted(edits, reverse=True):
        text = text[:start] + written + text[end:]
    return text, refused


def to_fill(text: str) -> int:
    """How many values anywhere in ``text`` are still to fill (待填写…)."""
    root = _compose(text)
    if root is None:
        return 0
    count, seen, stack = 0, 0, [root]
    while stack and seen < 100_000:
        node = stack.pop()
        seen += 1
        if isinstance(node, yaml.ScalarNode):
            count += node.tag == _STR_TAG and node.value.startswith(MARK)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(v for _, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return count
