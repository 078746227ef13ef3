"""Bounds as data (brief format 1.1): 增长10%以上, 突破25亿元, 约200万元, 20余场次.

A figure a summary gives only as a bound carries its qualifier in the data —
``{at_least: 0.1}``, ``{more_than: 2500000000, word: 突破}``, ``{about: 2000000}``, ``{over: 20}`` —
and every place that prints it (a filter, a key figure, a chart label, alt text) writes the
qualifier with the number: 10%以上, 突破25亿, 约200万, 20余. A :class:`Bound` is a float, so charts
draw it and arithmetic uses it; the result of arithmetic is a plain number.
"""
from __future__ import annotations

#: kind → (the words it may be written with, the default first; whether the word comes first)
KINDS: dict[str, tuple[tuple[str, ...], bool]] = {
    "at_least": (("以上", "及以上"), False),
    "more_than": (("超", "超过", "突破", "逾"), True),
    "about": (("约", "近", "大约"), True),
    "over": (("余", "多"), False),
}


class Bound(float):
    """A number known only as a bound: its value, its kind (see :data:`KINDS`) and its word."""

    kind: str
    word: str

    def __new__(cls, value: float, kind: str, word: str | None = None):
        self = super().__new__(cls, value)
        self.kind = kind
        self.word = word or KINDS[kind][0][0]
        return self

    def __reduce__(self):
        return (Bound, (float(self), self.kind, self.word))

    def __repr__(self) -> str:
        return f"Bound({float(self)!r}, {self.kind!r}, {self.word!r})"

    def __str__(self) -> str:
        from .numbers import number

        return number(self)

    def qualify(self, text: str) -> str:
        """``text`` (this number as written) with the bound's word before or after it."""
        return self.word + text if KINDS[self.kind][1] else text + self.word


def qualify(value, text: str) -> str:
    """``text`` with ``value``'s qualifier when ``value`` is a :class:`Bound`; else ``text``."""
    return value.qualify(text) if isinstance(value, Bound) else text


def read(value) -> tuple[str, object, str | None] | None:
    """(kind, number, word) when ``value`` is written as a bound (a mapping of one kind and
    optionally ``word``), else None. The number and word are as written (unchecked)."""
    if not isinstance(value, dict) or not value or set(value) - set(KINDS) - {"word"}:
        return None
    kinds = [key for key in value if key in KINDS]
    if len(kinds) != 1:
        return None
    return kinds[0], value[kinds[0]], value.get("word")


def convert(value):
    """``value`` (data) with every mapping written as a bound replaced by its :class:`Bound`."""
    found = read(value)
    if found is not None:
        kind, number, word = found
        return Bound(number, kind, word)  # type: ignore[arg-type]
    if isinstance(value, dict):
        return {key: convert(item) for key, item in value.items()}
    if isinstance(value, list):
        return [convert(item) for item in value]
    return value
