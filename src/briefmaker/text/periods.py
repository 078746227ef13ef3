"""Dates and periods without a year (brief format 1.1): 1—11月, 截至11月底, 前三季度.

A year-end summary mostly names months and quarters of the year it covers, so the data holds
them without a year (``"1-11"``, ``"11"``, ``"Q1-Q3"``, ``"H1"``, ``"11-30"``); the year is
``meta.year`` when a filter is asked to print it (``year=true``). Each function raises
:class:`PeriodError`, whose text exists in English and Chinese.
"""
from __future__ import annotations

import calendar
import re

from . import dates
from .numerals import chinese_numeral

_MONTHS = re.compile(r"^(\d{1,2})(?:\s*[-—~～至]\s*(\d{1,2}))?$")
_QUARTERS = re.compile(r"^[Qq]([1-4])(?:\s*[-—~～至]\s*[Qq]([1-4]))?$")
_HALVES = {"H1": "上半年", "H2": "下半年", "h1": "上半年", "h2": "下半年"}
_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})$")


class PeriodError(ValueError):
    """A value a period or date filter cannot read; ``en``/``zh`` are the message's two texts."""

    def __init__(self, filter_name: str, en: str, zh: str):
        super().__init__(en)
        self.filter, self.en, self.zh = filter_name, en, zh


def _text(value) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError
    return str(value).strip()


def _year(meta, name: str) -> int:
    year = meta.get("year") if isinstance(meta, dict) else None
    if isinstance(year, bool) or not isinstance(year, int):
        raise PeriodError(name, f"{name}(year=true) takes the year from meta.year, which this brief does not set",
                          f"{name}(year=true) 的年份取自 meta.year，但本简报没有设置 meta.year")
    return year


def period(value, meta=None, year: bool = False) -> str:
    """``"1-11"`` → 1—11月, ``"11"`` → 11月, ``"Q3"`` → 第三季度, ``"Q1-Q3"`` → 前三季度,
    ``"Q1-Q4"`` → 全年, ``"H1"`` → 上半年; ``year=True`` puts meta.year in front (2020年1—11月)."""
    try:
        text = _text(value)
    except TypeError:
        quoted = repr(value)[:40]
        raise PeriodError("period", f"{quoted} is not a period (write 1-11, 11, Q1-Q3, Q3 or H1)",
                          f"{quoted} 不是时段（请写 1-11、11、Q1-Q3、Q3 或 H1）") from None
    shown = _months(text) or _quarters(text) or _HALVES.get(text)
    if shown is None:
        raise PeriodError("period", f"'{text[:20]}' is not a period (write 1-11, 11, Q1-Q3, Q3 or H1)",
                          f"“{text[:20]}”不是时段（请写 1-11、11、Q1-Q3、Q3 或 H1）")
    return (f"{_year(meta, 'period')}年" if year else "") + shown


def _months(text: str) -> str | None:
    match = _MONTHS.match(text)
    if not match:
        return None
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    for month in (first, last):
        if not 1 <= month <= 12:
            raise PeriodError("period", f"'{text}' has no month {month}", f"“{text}”中没有 {month} 月")
    if last < first:
        raise PeriodError("period", f"'{text}' ends before it starts", f"“{text}”的结束月份早于开始月份")
    return f"{first}月" if first == last else f"{first}—{last}月"


def _quarters(text: str) -> str | None:
    match = _QUARTERS.match(text)
    if not match:
        return None
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    if last < first:
        raise PeriodError("period", f"'{text}' ends before it starts", f"“{text}”的结束季度早于开始季度")
    if first == last:
        return f"第{chinese_numeral(first)}季度"
    if first == 1:
        return "全年" if last == 4 else f"前{chinese_numeral(last)}季度"
    return f"第{chinese_numeral(first)}至第{chinese_numeral(last)}季度"


def _month_day(value, name: str, meta) -> tuple[int | None, int, int | None]:
    """(year or None, month, day or None) of a date, a dated text, or a month (11) or month-day
    (11-30) without a year; a day is checked against meta.year when there is one."""
    if not isinstance(value, bool) and isinstance(value, int) and 1 <= value <= 12:
        return None, value, None
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit() and len(text) <= 2:
            month = int(text)
            if not 1 <= month <= 12:
                raise PeriodError(name, f"'{text}' has no month {month}", f"“{text}”中没有 {month} 月")
            return None, month, None
        match = _MONTH_DAY.match(text)
        if match:
            month, day = int(match.group(1)), int(match.group(2))
            if not 1 <= month <= 12:
                raise PeriodError(name, f"'{text}' has no month {month}", f"“{text}”中没有 {month} 月")
            known = meta.get("year") if isinstance(meta, dict) else None
            leap = known if isinstance(known, int) and not isinstance(known, bool) else 2000
            if not 1 <= day <= calendar.monthrange(leap, month)[1]:
                raise PeriodError(name, f"'{text}': month {month} has no day {day}",
                                  f"“{text}”：{month} 月没有 {day} 日")
            return None, month, day
    try:
        return dates.to_date(value)  # type: ignore[return-value]
    except ValueError as exc:
        raise PeriodError(name, str(exc).replace("(write 2020-09-30, 2020-09 or 2020)",
                                                 "(write 2020-09-30, 2020-09, 11-30 or 11)"),
                          f"{repr(value)[:40]} 不是日期（请写 2020-09-30、2020-09、11-30 或 11）") from None


def date_cn(value, meta=None, year: bool = False) -> str:
    """As :func:`.dates.date_cn`, and also without a year: ``"11-30"`` → 11月30日, ``"11"`` →
    11月; ``year=True`` adds meta.year to a date written without one (2020年11月30日)."""
    found, month, day = _month_day(value, "date_cn", meta)
    if found is not None and month is None:
        return f"{found}年"
    if found is None and year:
        found = _year(meta, "date_cn")
    text = (f"{found}年" if found is not None else "") + f"{month}月"
    return text + (f"{day}日" if day else "")


def month_end(value, meta=None, year: bool = False) -> str:
    """As :func:`.dates.month_end`, and also without a year: ``"11"`` → 11月底 (截至11月底);
    ``year=True`` adds meta.year to a month written without one (2020年11月底)."""
    found, month, _ = _month_day(value, "month_end", meta)
    if month is None:
        raise PeriodError("month_end", "month_end needs a month, e.g. 2020-09 or 11",
                          "month_end 需要月份，如 2020-09 或 11")
    if found is None and year:
        found = _year(meta, "month_end")
    return (f"{found}年" if found is not None else "") + f"{month}月底"
