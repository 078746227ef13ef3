"""Reading an address book: a YAML mapping (name: address or [addresses]) or a CSV (name,address)."""
from __future__ import annotations

from pathlib import Path

from ..brief.source import display_name, load_yaml, read_text
from ..brief.table import csv_grid
from ..errors import BriefError, Location, Problem

Book = dict[str, list[tuple[str, Location]]]


def load_address_book(path: Path, where: Location | None = None) -> Book:
    """name → [(address, where it is written)] from ``path``; raises a located BriefError.

    Addresses are returned as written; the caller checks them, so the error points at the entry.
    A file that cannot be read (missing, not a regular file, over 10 MB) is reported at ``where``
    (the brief's ``email.address_book``).
    """
    if path.suffix.lower() == ".csv":
        return _csv(path, where)
    data, source = load_yaml(path, where=where)
    problems = list(source.problems)
    book: Book = {}
    if not isinstance(data, dict):
        raise BriefError(problems + [Problem(source.locate(()), "address_book_format")])
    for name, value in data.items():
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) for v in values):
            problems.append(Problem(source.locate((name,)), "address_book_format"))
            continue
        paths = [(name, i) for i in range(len(values))] if isinstance(value, list) else [(name,)]
        book[str(name).strip()] = [(v, source.locate(p)) for v, p in zip(values, paths)]
    if problems:
        raise BriefError(problems)
    return book


def _csv(path: Path, where: Location | None) -> Book:
    display = display_name(path)
    rows = csv_grid(read_text(path, display, where), display)
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    if "name" not in header or "address" not in header:
        raise BriefError([Problem(Location(display, 1, 1), "address_book_csv")])
    n, a = header.index("name"), header.index("address")
    book: Book = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) > max(n, a) and row[n].strip():
            book.setdefault(row[n].strip(), []).append((row[a], Location(display, line, 1, row[n].strip())))
    return book
