"""Which format version a brief needs: a version-1 brief may use nothing of 1.1.

The models (:mod:`.model`) admit both versions' fields; this module finds every 1.1 capability a
brief uses, so a brief that says ``version: 1`` (or nothing) and uses one gets a located error
naming it, and a version-1 brief is read exactly as before. (Every such form was an error in
version 1 already, so no version-1 brief that built is refused now; a line break in a title, which
version 1 turned into a space, is not a 1.1 form but a 1.1 meaning.) In 1.1 it also checks that the ids in
one list are distinct (a brief that extends it addresses items by id).
"""
from __future__ import annotations

from collections.abc import Iterator

from ..errors import Problem
from ..i18n import LocalText
from ..text.bounds import KINDS
from .model import block_tag

_BODIES = ("opening", "closing")
_ZH = {"chart": "图表", "table": "表格", "figures": "关键数字", "image": "图片", "page_break": "分页",
       "indicators": "指标"}


def features(raw: dict) -> Iterator[tuple[tuple, LocalText]]:
    """(path, what) for every 1.1 capability ``raw`` (a brief as read, extends applied) uses."""
    if "previous" in raw:
        yield ("previous",), LocalText("previous (last year's brief)", "previous（上年简报）")
    for key in _BODIES:
        yield from _body(raw.get(key), (key,))
    yield from _sections(raw.get("sections"), ("sections",))


def _sections(value, path: tuple) -> Iterator[tuple[tuple, LocalText]]:
    if not isinstance(value, list):
        return
    for i, section in enumerate(value):
        if isinstance(section, dict):
            yield from _section(section, path + (i,))


def _section(section: dict, path: tuple) -> Iterator[tuple[tuple, LocalText]]:
    if "run_in" in section:
        yield path + ("run_in",), LocalText("run_in (a run-in heading)", "run_in（段首标题）")
    yield from _body(section.get("body"), path + ("body",))
    yield from _sections(section.get("sections"), path + ("sections",))


def _body(value, path: tuple) -> Iterator[tuple[tuple, LocalText]]:
    if not isinstance(value, list):
        return
    for i, item in enumerate(value):
        here = path + (i,)
        tag = block_tag(item)
        if tag == "section":
            yield here, LocalText("a subsection inside body", "正文中的下级标题")
            yield from _section(item, here)
        elif tag == "indicators":
            yield here, LocalText("an indicators block", "指标完成情况（indicators）")
        elif tag == "lead_paragraph":
            if isinstance(item.get("text"), list):
                yield here + ("text",), LocalText("a paragraph written as a list of sentences",
                                                  "按句列出的段落")
        elif tag is not None and isinstance(item, dict) and "id" in item:
            yield here + ("id",), LocalText(f"an id on a {tag.replace('_', ' ')}", f"{_ZH[tag]}上的 id ")


def version_problems(raw: dict, version, source) -> list[Problem]:
    """Located problems: a 1.1 capability in a version-1 brief; in 1.1, an id used twice in a list."""
    if version == 1.1 and not isinstance(version, bool):
        return _duplicate_ids(raw, (), source) + bound_problems(raw.get("data"), ("data",), source)
    return [Problem(source.locate(path), "needs_version", {"feature": what}) for path, what in features(raw)]


def _duplicate_ids(value, path: tuple, source) -> list[Problem]:
    problems: list[Problem] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "data":
                problems += _duplicate_ids(item, path + (key,), source)
    elif isinstance(value, list):
        seen: dict[str, int] = {}
        for i, item in enumerate(value):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                first = seen.setdefault(item["id"], i)
                if first != i:
                    problems.append(Problem(source.locate(path + (i, "id")), "duplicate_id",
                                            {"id": item["id"], "first": source.locate(path + (first,)).line}))
            problems += _duplicate_ids(item, path + (i,), source)
    return problems


def bound_problems(value, path: tuple, source) -> list[Problem]:
    """Located problems in data written as bounds (1.1): ``{at_least: 0.1}`` needs one kind, a
    number, and a word the kind is written with."""
    problems: list[Problem] = []
    if isinstance(value, list):
        for i, item in enumerate(value):
            problems += bound_problems(item, path + (i,), source)
        return problems
    if not isinstance(value, dict):
        return problems
    kinds = [key for key in value if key in KINDS]
    if not kinds or set(value) - set(KINDS) - {"word"}:
        for key, item in value.items():
            problems += bound_problems(item, path + (key,), source)
        return problems
    if len(kinds) > 1:
        return [Problem(source.locate(path + (kinds[1],), key=True), "bound_kinds", {"kinds": ", ".join(kinds)})]
    kind = kinds[0]
    number = value[kind]
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        from .validate import describe

        problems.append(Problem(source.locate(path + (kind,)), "wrong_type",
                                {"expected": LocalText.type("a number"), "got": describe(number)}))
    words = KINDS[kind][0]
    if "word" in value and value["word"] not in words:
        problems.append(Problem(source.locate(path + ("word",)), "bound_word",
                                {"kind": kind, "word": _shown(value["word"]), "words": "、".join(words)}))
    return problems


def _shown(value) -> str:
    """``value`` as a message can quote it: at most 20 characters, control characters escaped."""
    text = str(value)[:20]
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}" for c in text)
