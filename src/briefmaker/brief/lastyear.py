"""(1.1) Last year's figures for ``previous:`` kept as a data file rather than a brief.

``previous:`` names last year's brief, or a file that holds only its figures:

* a YAML file with no key of a brief's but ``data`` — ``data:`` (a mapping, written as a brief's ``data``, bounds
  allowed) and optionally ``year:`` (previous.meta.year; default: this brief's year − 1);
* a CSV or XLSX table of one row, its columns named as a data table's (``gdp.done``,
  ``meta.year``; 万, 亿 and % read as in docs/brief-format.md#data-tables).

A YAML file with ``meta:`` (or ``extends:``, ``computed:`` … any key of a brief's besides
``data``) is a brief and is read as one (compose/blocks.py). The file is named,
resolved and read as every file a brief names (infra/files.py: inside the folder after
symlinks, a regular file, a byte budget); its problems are located in it.
"""
from __future__ import annotations

import copy
from pathlib import Path

from ..errors import BriefError, Problem
from ..i18n import LocalText
from ..text import bounds
from .load import _check_data_names
from .model import Brief
from .source import Source
from .table import read_table
from .validate import describe, number_problems
from .versions import bound_problems

TABLE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")
DATA_KEYS = ("data", "year")


def is_table(path: Path) -> bool:
    """Whether ``path`` names a table (CSV or XLSX) rather than YAML."""
    return path.suffix.lower() in TABLE_SUFFIXES


def is_data_file(raw: object) -> bool:
    """Whether a YAML file is a data file: no key of a brief's besides ``data`` (``meta``,
    ``extends``, ``computed``, ``sections`` …); a file with one is a brief."""
    return not (isinstance(raw, dict) and any(key in Brief.model_fields and key != "data" for key in raw))


def data_file(raw: object, source: Source) -> tuple[dict, dict]:
    """(last year's figures as previous.… quotes them, its meta: ``{year}`` when written) of a
    YAML data file; raises BriefError with every problem, located in the file."""
    if not isinstance(raw, dict):
        raise BriefError([Problem(source.locate(()), "wrong_type",
                                  {"expected": LocalText.type("a mapping"), "got": describe(raw)})])
    problems = list(source.problems)
    problems += [Problem(source.locate((key,), key=True), "previous_data_key", {"key": key})
                 for key in raw if key not in DATA_KEYS]
    data, year = raw.get("data"), raw.get("year")
    if "data" not in raw:
        problems.append(Problem(source.locate(()), "previous_no_data", {}))
    elif not isinstance(data, dict):
        problems.append(Problem(source.locate(("data",)), "wrong_type",
                                {"expected": LocalText.type("a mapping"), "got": describe(data)}))
    else:
        problems += _check_data_names(data, ("data",), source)
        problems += number_problems({"data": data}, source)
        problems += bound_problems(data, ("data",), source)
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        problems.append(Problem(source.locate(("year",)), "wrong_type",
                                {"expected": LocalText.type("a whole number"), "got": describe(year)}))
    if problems:
        problems.sort(key=lambda p: (p.location.line, p.location.col))
        raise BriefError(problems)
    return bounds.convert(copy.deepcopy(data)), ({} if year is None else {"year": year})


def table_file(path: Path) -> tuple[dict, dict]:
    """(last year's figures, its meta: the ``meta.…`` columns) of a one-row CSV or XLSX table;
    raises BriefError, located in the table (file:row:col)."""
    rows = read_table(path)
    if len(rows) != 1:
        raise BriefError([Problem(rows[1].locate(()), "previous_rows", {"count": len(rows)})])
    values = rows[0].values
    meta = values.get("meta", {})
    return copy.deepcopy(values.get("data", {})), dict(meta) if isinstance(meta, dict) else {}
