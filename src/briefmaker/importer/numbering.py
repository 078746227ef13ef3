"""Labels Word draws from its numbering definitions (word/numbering.xml): 一、 （一） 1. （1） …

A paragraph with ``w:numPr`` shows no number in its text; Word computes it from the level's
``numFmt``, ``lvlText`` and ``start`` and the paragraphs numbered before it. This counts the same
way, so the importer sees the heading numbers a reader sees.
"""
from __future__ import annotations

from ..text.numerals import chinese_numeral

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"


def number(text, default: int = 0) -> int:
    """An attribute's whole number (Word writes them as text); ``default`` for anything else."""
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        return default


def _val(element, tag: str, default=None):
    child = element.find(W + tag) if element is not None else None
    return child.get(W + "val", default) if child is not None else default


def format_number(n: int, fmt: str) -> str:
    """``n`` in Word's number format ``fmt`` (decimal, chineseCounting, decimalEnclosedCircle …)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "chineseLegalSimplified") and 0 < n < 1000:
        return chinese_numeral(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return _PAREN[n - 1] if 0 < n <= 20 else str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "none":
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, mark in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                        (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + mark, n - value
    return out


class Numbering:
    """Counts numbered paragraphs as Word does and gives each its label."""

    def __init__(self, root):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}   # abstractNumId → ilvl → (fmt, text, start)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}          # numId → (abstractNumId, start overrides)
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            levels = {}
            for lvl in abstract.iter(W + "lvl"):
                levels[number(lvl.get(W + "ilvl"))] = (_val(lvl, "numFmt", "decimal"), _val(lvl, "lvlText", ""),
                                                       number(_val(lvl, "start"), 1))
            self.levels[abstract.get(W + "abstractNumId", "")] = levels
        for num in root.iter(W + "num"):
            overrides = {}
            for override in num.iter(W + "lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[number(override.get(W + "ilvl"))] = number(start, 1)
            self.nums[num.get(W + "numId", "")] = (_val(num, "abstractNumId", ""), overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """The label of the next paragraph numbered ``num_id`` at level ``ilvl`` ('' when none)."""
        if num_id in ("", "0") or num_id not in self.nums or not 0 <= ilvl <= 8:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        # instances of one list continue its count unless they restart it
        counters = self.counters.setdefault(num_id if overrides else "abstract:" + abstract, [0] * 9)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        for upper in range(ilvl):
            if counters[upper] == 0 and upper in levels:
                counters[upper] = overrides.get(upper, levels[upper][2])
        start = overrides.get(ilvl, levels[ilvl][2])
        counters[ilvl] = start if counters[ilvl] == 0 else counters[ilvl] + 1
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return ""
        out = text
        for level in range(9):
            mark = f"%{level + 1}"
            if mark in out:
                lfmt = levels.get(level, ("decimal", "", 1))[0]
                out = out.replace(mark, format_number(counters[level], "decimal" if lfmt == "bullet" else lfmt))
        return out
