"""Values still to fill: the marker ``待填写`` that ``briefmaker new`` writes for every value.

A placeholder is the text ``待填写``, alone or followed by a hint (``待填写：街道名称``). ``check`` and
``build`` report each one, located; ``build --draft`` prints the rest as 【待填写】.
"""
from __future__ import annotations

MARK = "待填写"
SHOWN = "【待填写】"  # how a placeholder reads in a draft
# fields whose type is not text: a draft leaves them unset rather than writing text into them
_TYPED = frozenset({"date", "year", "issue", "printed_on", "copies", "version", "width", "digits"})


def is_placeholder(value) -> bool:
    """True for the text ``待填写`` (optionally followed by a hint)."""
    return isinstance(value, str) and value.strip().startswith(MARK)


def find(value, path: tuple = ()) -> list[tuple]:
    """Paths of every placeholder inside ``value``, in document order."""
    if is_placeholder(value):
        return [path]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in find(item, path + (key,))]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in find(item, path + (i,))]
    return []


def fill_for_draft(value, typed: bool = True):
    """A copy of ``value`` with each placeholder shown as 【待填写】.

    Outside ``data``, a placeholder in a field that cannot hold text (a date, a year) is unset.
    """
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if typed and is_placeholder(item) and key in _TYPED:
                continue
            out[key] = fill_for_draft(item, typed and key != "data")
        return out
    if isinstance(value, list):
        return [fill_for_draft(item, typed) for item in value]
    return SHOWN if is_placeholder(value) else value
