"""Finding the quantities in a sentence: a figure with its unit or measure word (27名, 3.5万户,
1.86亿元, 12.4%, 20余场次) or a date (2020年9月底), each with the filter that prints it exactly
as written.

A figure is lifted only when the filter, run for real, gives back the very characters of the
source; anything else (3.50, 1,200, a month without its year) stays text. Figures inside quotation
marks or book-title marks (“六个一”, 《2020年规划》), ordinals (第3) and numbers that name things
(2号院, 5G, 12中) are not quantities.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from ..text import dates, numbers

# a figure, not glued to letters or other figures, not an ordinal
_FIGURE = re.compile(r"(?<![\dA-Za-z.．第#＃/／_-])(\d+(?:\.\d+)?)(?![\d.．]?\d)")
_FULL_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_MONTH_END = re.compile(r"(\d{4})年(\d{1,2})月底")
_MONTH = re.compile(r"(\d{4})年(\d{1,2})月(?![\d底])")
_QUOTED = re.compile(r"“[^“”]*”|《[^《》]*》|\"[^\"]*\"|‘[^‘’]*’|「[^「」]*」|『[^『』]*』|【[^【】]*】")
# what may follow a figure that counts or measures something
_APPROX = "余多来"
_NOT_A_MEASURE = set("号中楼栋幢室线路院点时分秒月日期版级档学届季") | set("-—～~至到.．:：/／")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD_UNITS = ("个百分点", "百分点", "场次", "人次", "户次", "平方米", "平方公里", "立方米", "公里", "千米", "千克", "公斤",
               "小时", "个月", "千瓦时", "千瓦", "车位", "公顷", "家次", "架次", "台次", "辆次")


@dataclass
class Found:
    """One quantity in a text: where it is, its value, and how a template prints it back."""

    start: int
    end: int
    original: str
    value: object          # int, float, str ('2020-09') or datetime.date
    filter: str            # '' | 'wan' | 'wan(3)' | 'percent' | 'percent(1)' | 'number(3)' | 'date_cn' | 'month_end' | 'year'
    kind: str              # count | percent | date | year
    unit: str = ""         # the unit or measure word written after it


def protected(text: str) -> list[tuple[int, int]]:
    """Spans of quoted names, whose figures are part of the name."""
    return [m.span() for m in _QUOTED.finditer(text)]


def find(text: str, year: int | None) -> list[Found]:
    """Every liftable quantity in ``text``, in order, not overlapping."""
    shielded = protected(text)
    taken: list[Found] = []

    def free(a: int, b: int) -> bool:
        return not any(s < b and a < e for s, e in shielded) and not any(f.start < b and a < f.end for f in taken)

    for match in _FULL_DATE.finditer(text):
        y, mo, d = (int(g) for g in match.groups())
        try:
            when = dt.date(y, mo, d)
        except ValueError:
            continue
        if free(*match.span()) and dates.date_cn(when) == match.group():
            taken.append(Found(match.start(), match.end(), match.group(), when, "date_cn", "date"))
    for pattern, flt in ((_MONTH_END, "month_end"), (_MONTH, "date_cn")):
        for match in pattern.finditer(text):
            y, mo = int(match.group(1)), int(match.group(2))
            if not 1 <= mo <= 12 or not free(*match.span()):
                continue
            value = f"{y:04d}-{mo:02d}"
            end = match.end()
            shown = dates.month_end(value) if flt == "month_end" else dates.date_cn(value)
            if shown == match.group():
                taken.append(Found(match.start(), end, match.group(), value, flt, "date"))
    for match in _FIGURE.finditer(text):
        a, b = match.span()
        if not free(a, b) or (a >= 2 and text[a - 1] in ",，" and text[a - 2].isdigit()):
            continue  # the thousands of 1,200
        found = _figure(text, match.group(1), a, b, year)
        if found:
            taken.append(found)
    return sorted(taken, key=lambda f: f.start)


def _figure(text: str, digits: str, a: int, b: int, year: int | None) -> Found | None:
    after = text[b:b + 4]
    if len(digits) > 1 and digits.startswith("0") and not digits.startswith("0."):
        return None
    if len(digits.replace(".", "")) > 15:
        return None
    if after.startswith(("年", "学年")) and len(digits) == 4 and "." not in digits and 1900 <= int(digits) <= 2100:
        if year is not None and int(digits) == year:
            return Found(a, b, digits, year, "year", "year")
        return Found(a, b, digits, int(digits), "", "year")
    exact = Decimal(digits)
    if after.startswith("%") or after.startswith("％"):
        places = -exact.as_tuple().exponent if "." in digits else 0
        ratio = exact / 100
        value = int(ratio) if ratio == ratio.to_integral_value() else float(ratio)
        flt = "percent" if places == 0 else f"percent({places})"
        if numbers.percent(value, places) == digits + "%":
            return Found(a, b + 1, digits + after[0], value, flt, "percent", "%")
        return None
    if after[:1] in ("万", "亿") and after[1:2] != "分":
        scale = 10_000 if after[0] == "万" else 100_000_000
        full = exact * scale
        value = int(full) if full == full.to_integral_value() else float(full)
        places = -exact.as_tuple().exponent if "." in digits else 0
        for flt, shown in (("wan", numbers.wan(value)), (f"wan({places})", numbers.wan(value, places))):
            if shown == digits + after[0]:
                unit = _unit(text, b + 1)
                return Found(a, b + 1, shown, value, flt, "count", after[0] + unit)
        return None  # 0.5万 and the like: no filter prints them back
    if after.startswith("月") and "." not in digits and 1 <= int(digits) <= 12 and text[b + 1:b + 2] != "份":
        # a month without its year (5月初): a plain figure until briefs can say 'a month of meta.year'
        return Found(a, b, digits, int(digits), "", "count", "月")
    unit = _unit(text, b)
    if not unit:
        return None
    value = int(exact) if "." not in digits else float(exact)
    if numbers.number(value) == digits:
        return Found(a, b, digits, value, "", "count", unit)
    places = -exact.as_tuple().exponent
    if places <= 6 and numbers.number(value, places) == digits:
        return Found(a, b, digits, value, f"number({places})", "count", unit)
    return None


def _unit(text: str, at: int) -> str:
    """The unit or measure word written at ``at`` (after 余/多 when given), or '' when none."""
    rest = text[at:]
    if rest[:1] in _APPROX:
        rest = rest[1:]
    for word in _WORD_UNITS:
        if rest.startswith(word):
            return word
    head = rest[:1]
    if not head or not _CJK.match(head) or head in _NOT_A_MEASURE:
        return ""
    return head
