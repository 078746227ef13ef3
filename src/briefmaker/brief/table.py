"""A data table (CSV or XLSX, one row per unit) → one set of overrides per row, every cell located.

The first row names the columns with dotted keys: ``disputes.found`` is ``data.disputes.found``,
``meta.year`` is ``meta.year``. Cells holding numbers become numbers (``3.5万`` → 35000,
``97%`` → 0.97, ``1,200`` → 1200), ``2020-12-31`` becomes a date, anything else stays text.
An empty cell overrides nothing: the template's value is used, and where the template has none
the loader reports the cell (file:row:col).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import BriefError, Location, Problem
from ..infra.files import read_limited
from .source import Source, display_name, read_text

_KEY = re.compile(r"^[^\W\d]\w*$")
_NUMBER = re.compile(r"^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(万|亿|%)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SCALE: dict[str | None, int | Decimal] = {None: 1, "万": 10_000, "亿": 100_000_000, "%": Decimal("0.01")}
MAX_ROWS = 100_000
MAX_XLSX_BYTES = 10 * 1024 * 1024  # the file on disk
MAX_XLSX_UNPACKED = 64 * 1024 * 1024  # its zip members together, uncompressed (shared strings, sheets)


@dataclass
class Row:
    """One unit: the values to lay over the template, where each came from, and its empty cells."""

    number: int  # row number in the file (the header is row 1)
    values: dict  # {"data": {...}, "meta": {...}}
    source: Source  # positions: path → (row, column)
    empty: list[tuple] = field(default_factory=list)  # paths of empty cells
    cells: dict[str, object] = field(default_factory=dict)  # column name → value (for output names)

    def locate(self, path: tuple) -> Location:
        """Where the cell for ``path`` is (file:row:col)."""
        return self.source.locate(path)


def read_table(path: str | os.PathLike) -> list[Row]:
    """The rows of the CSV or XLSX file at ``path``; raises BriefError with every bad header cell."""
    path = Path(path)
    display = display_name(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        grid = _xlsx_rows(path, display)
    elif path.suffix.lower() in (".csv", ".txt"):
        grid = csv_grid(read_text(path, display), display)
    else:
        raise BriefError([Problem(Location(display), "table_kind", {"suffix": path.suffix or "?"})])
    if not grid or not any(str(c or "").strip() for c in grid[0]):
        raise BriefError([Problem(Location(display, 1, 1), "table_empty", {})])
    if len(grid) > MAX_ROWS:
        raise BriefError([Problem(Location(display, MAX_ROWS + 1, 1), "table_too_long", {"limit": MAX_ROWS})])
    header = [str(c or "").strip() for c in grid[0]]
    problems: list[Problem] = []
    columns: list[tuple[str, ...] | None] = []
    seen: dict[str, int] = {}
    for col, name in enumerate(header, 1):
        where = Location(display, 1, col, name)
        if not name:
            columns.append(None)
            continue
        parts = name.split(".")
        if not all(_KEY.match(p) for p in parts):
            problems.append(Problem(where, "table_bad_column", {"name": name}))
        elif name in seen:
            problems.append(Problem(where, "table_duplicate_column", {"name": name, "first": seen[name]}))
        seen.setdefault(name, col)
        columns.append(tuple(parts) if parts[0] == "meta" else ("data", *parts))
    if problems:
        raise BriefError(problems)
    rows = []
    for number, cells in enumerate(grid[1:], 2):
        if not any(str(c if c is not None else "").strip() for c in cells):
            continue  # blank lines between rows are allowed
        rows.append(_row(display, number, columns, header, cells))
    if not rows:
        raise BriefError([Problem(Location(display, 2, 1), "table_empty", {})])
    return rows


def _row(display: str, number: int, columns: list, header: list, cells: list) -> Row:
    source = Source(display)
    row = Row(number, {}, source)
    source.values[()] = (number, 1)
    for col, path in enumerate(columns, 1):
        if path is None:
            continue
        raw = cells[col - 1] if col - 1 < len(cells) else None
        source.values[path] = (number, col)
        value = parse_cell(raw)
        row.cells[header[col - 1]] = value
        if value is None:
            row.empty.append(path)
            continue
        target = row.values
        for part in path[:-1]:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):  # `a` and `a.b` both given: the loader reports it
                break
        else:
            target[path[-1]] = value
    return row


def parse_cell(value):
    """A cell's value: None when empty, a number for numeric text (万, 亿, %, 1,200), a date, or text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (int, float, dt.date)):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    text = str(value).strip()
    if not text:
        return None
    match = _NUMBER.match(text)
    if match:
        try:
            number = Decimal(match.group(1).replace(",", "")) * _SCALE[match.group(2)]
        except InvalidOperation:  # pragma: no cover - the pattern only lets decimals through
            return text
        return int(number) if number == number.to_integral_value() else float(number)
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def csv_grid(text: str, display: str) -> list[list[str]]:
    """The rows of CSV ``text``; a row the csv module refuses (a field over 128 KB, a NUL) is a
    located error at its line, without quoting the field."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        raise BriefError([Problem(Location(display, max(reader.line_num, 1), 1), "csv_unreadable",
                                  {"detail": str(exc)})]) from None
    return rows


def _xlsx_rows(path: Path, display: str) -> list[list]:
    """The first sheet's cells. The file is read within a budget and its zip members' declared
    sizes (which zipfile enforces while inflating) are capped before openpyxl sees any of them."""
    import zipfile

    from openpyxl import load_workbook

    data = read_limited(path, Location(display), MAX_XLSX_BYTES, name=display)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise BriefError([Problem(Location(display), "xlsx_unreadable", {"detail": "not a zip archive"})]) from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise BriefError([Problem(Location(display), "xlsx_too_large", {"size": unpacked, "limit": MAX_XLSX_UNPACKED})])
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [list(r) for _, r in zip(range(MAX_ROWS + 2), sheet.iter_rows(values_only=True))]
        finally:
            book.close()
    except Exception as exc:  # openpyxl on a damaged workbook: any of a dozen types, none of them ours
        # the exception's text may quote the file's content; only its kind is shown
        raise BriefError([Problem(Location(display), "xlsx_unreadable", {"detail": type(exc).__name__})]) from None
