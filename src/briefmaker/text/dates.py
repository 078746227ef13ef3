"""Chinese date formatting (GB/T 15835): four-digit years, no leading zeros."""
from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def to_date(value) -> tuple[int, int | None, int | None]:
    """(year, month, day) from a date, a datetime, or text '2020', '2020-09', '2020-09-30'."""
    if value is None:
        raise ValueError("no date (the data is empty)")
    if isinstance(value, dt.datetime):
        return value.year, value.month, value.day
    if isinstance(value, dt.date):
        return value.year, value.month, value.day
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return value, None, None
    if isinstance(value, str):
        match = _ISO.match(value.strip())
        if match:
            year_text, month_text, day_text = match.groups()
            year = int(year_text)  # the pattern always has a year
            month = int(month_text) if month_text else None
            day = int(day_text) if day_text else None
            if month is not None and not 1 <= month <= 12:
                raise ValueError(f"'{value}' has no month {month}")
            if day is not None and month is not None:
                dt.date(year, month, day)  # raises ValueError on 2020-02-30
            return year, month, day
    raise ValueError(f"{value!r} is not a date (write 2020-09-30, 2020-09 or 2020)")


def date_cn(value) -> str:
    """2020-12-31 → 2020年12月31日; 2020-09 → 2020年9月; 2020 → 2020年."""
    year, month, day = to_date(value)
    text = f"{year}年"
    if month:
        text += f"{month}月"
        if day:
            text += f"{day}日"
    return text


def month_end(value) -> str:
    """2020-09 (or any day in it) → 2020年9月底."""
    year, month, _ = to_date(value)
    if month is None:
        raise ValueError("month_end needs a month, e.g. 2020-09")
    return f"{year}年{month}月底"
