"""Many builds at once: briefs or data-table rows on a process pool, one outcome per unit.

A failing unit never stops the others: its located problems come back in its :class:`Outcome`.
Each worker loads fonts and styles once (in its initializer), then runs the same pure
:func:`briefmaker.build.build` as a single build. Nothing here prints: the caller gets each
outcome as it arrives (for a progress display) and the full list, in task order, at the end.
"""
from __future__ import annotations

import gc
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .errors import BriefError, Location, Problem

if TYPE_CHECKING:  # the table reader is imported only by builds that use a table
    from .brief.table import Row


@dataclass(frozen=True)
class Task:
    """One unit to build: a brief, optionally one row of a data table and the output name."""

    brief: str
    label: str  # how the unit is named in progress and summary lines
    outdir: str = "out"
    formats: tuple[str, ...] = ("docx", "pdf")
    style: str | None = None
    draft: bool = False
    embed_fonts: bool = False
    row: Row | None = None
    name: str | None = None
    reuse: bool = False  # leave outputs that are already up to date alone (build's ``reuse``)
    problems: tuple[Problem, ...] = ()  # found before building (e.g. a bad output name): fails at once


@dataclass
class Outcome:
    """What became of one task: outputs and warnings, or the problems that stopped it."""

    task: Task
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    reused: bool = False  # its outputs were already up to date: nothing was built

    @property
    def ok(self) -> bool:
        return not self.problems


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def warm(style: str | None = None) -> None:
    """Load what every build needs once per process: writers, the style, every bundled font.

    What is loaded then lives as long as the process, so it is frozen out of the garbage
    collector: its collections (the automatic ones during a build and :func:`_release`'s after
    it) then walk only a build's own objects, not the ~100 MB of modules, fonts and styles
    (the seed's warm build: about 15 % less CPU, the collection after it 60 → 1 ms)."""
    from .fonts import FONT_FILES, coverage
    from .render import docx, pdf  # noqa: F401 - importing is the warming
    from .render.pdf.fonts import pdf_font
    from .style import get_style

    for key in FONT_FILES:
        pdf_font(key)
        coverage(key)
    try:
        get_style(style or "gongwen")
    except BriefError:
        pass  # reported by the build that uses it
    finally:
        gc.collect()
        gc.freeze()


def run_task(task: Task) -> Outcome:
    """Build one task; a BriefError becomes the outcome's problems (never raised)."""
    from .build import build

    start = time.perf_counter()
    outcome = Outcome(task, problems=list(task.problems))
    if not outcome.problems:
        try:
            result = build(task.brief, task.outdir, task.formats, style=task.style, row=task.row,
                           name=task.name, draft=task.draft, embed_fonts=task.embed_fonts, reuse=task.reuse)
            outcome.outputs, outcome.warnings, outcome.reused = result.outputs, result.warnings, result.reused
        except BriefError as exc:
            outcome.problems = exc.problems
    outcome.seconds = time.perf_counter() - start
    _release()
    return outcome


def _release() -> None:
    """Give the memory of the finished build back: a worker's RSS then stays flat over many builds.

    Without this, glibc keeps the freed native memory of each build (matplotlib, lxml, ReportLab)
    and a worker grew by about 2 MB per report (243 MB after 50 reports; 143 MB with it).
    """
    from .infra.memory import trim

    gc.collect()
    trim()




def run(tasks: list[Task], jobs: int | None = None,
        on_done: Callable[[Outcome, int, int], None] | None = None) -> list[Outcome]:
    """Build every task, ``jobs`` at a time (default: the cores); outcomes in task order.

    ``on_done(outcome, done, total)`` is called in this process as each task finishes.
    One task, or ``jobs == 1``, runs here without a pool.
    """
    jobs = jobs or default_jobs()
    total = len(tasks)
    outcomes: list[Outcome | None] = [None] * total
    done = 0
    stale = []
    for i, task in enumerate(tasks):  # units already up to date need no worker (a stamp is read in milliseconds)
        reused = _reused(task)
        if reused is None:
            stale.append(i)
            continue
        outcomes[i] = reused
        done += 1
        if on_done:
            on_done(reused, done, total)
    if jobs == 1 or len(stale) <= 1:
        for i in stale:
            outcomes[i] = one = run_task(tasks[i])
            done += 1
            if on_done:
                on_done(one, done, total)
        return outcomes  # type: ignore[return-value]
    style = next((t.style for t in tasks if t.style), None)
    with ProcessPoolExecutor(max_workers=min(jobs, len(stale)), initializer=warm, initargs=(style,)) as pool:
        futures = {pool.submit(run_task, tasks[i]): i for i in stale}
        for future in as_completed(futures):
            i = futures[future]
            done += 1
            try:
                one = future.result()
            except Exception as exc:  # a worker died (killed, out of memory) or a bug: that unit failed
                one = Outcome(tasks[i], problems=[Problem(Location(tasks[i].label), "worker_crashed",
                                                          {"detail": _describe(exc)})])
            outcomes[i] = one
            if on_done:
                on_done(one, done, total)
    return outcomes  # type: ignore[return-value]


def _reused(task: Task) -> Outcome | None:
    """The outcome of ``task`` when its outputs are already up to date (infra/uptodate.py), else None."""
    if not task.reuse or task.problems:
        return None
    from .build import up_to_date

    outputs = up_to_date(task.brief, task.outdir, task.formats, style=task.style, row=task.row,
                         name=task.name, draft=task.draft, embed_fonts=task.embed_fonts)
    return Outcome(task, outputs=outputs, reused=True) if outputs is not None else None


def _describe(exc: BaseException) -> str:
    """The exception with the worker's traceback when there is one (a bug deserves its traceback)."""
    import traceback

    remote = exc.__cause__  # concurrent.futures attaches the worker's traceback here
    text = f"{type(exc).__name__}: {exc}"
    if remote is not None and not isinstance(exc, BrokenProcessPool):
        text += "\n" + "".join(traceback.format_exception_only(remote)).rstrip()
    return text


# ---- data-table rows → tasks ---------------------------------------------------------------
_FIELD = re.compile(r"\{([^{}]+)\}")
_BAD_NAME = re.compile(r"[/\\\x00-\x1f:*?\"<>|]")


def row_tasks(template: str, rows: list, pattern: str | None, **options) -> list[Task]:
    """One task per row of a data table; each output named by ``pattern``.

    ``pattern`` is a column name (``unit.name``) or a pattern with fields (``{unit.name}-{meta.year}``),
    filled from the row, else from the template's values; by default the first column names
    the row. A name that cannot be a file name, or one two rows share, fails that row only.
    """
    from .brief.extends import load_layered

    try:
        base, _ = load_layered(template)
    except BriefError:
        base = {}
    base = base if isinstance(base, dict) else {}
    tasks: list[Task] = []
    first: dict[str, int] = {}
    for row in rows:
        problems: list[Problem] = []
        name = _name(row, pattern, base, problems)
        if name is not None:
            where = row.source.locate(())
            if not name.strip() or _BAD_NAME.search(name) or name.startswith("."):
                problems.append(Problem(where, "table_name_bad", {"name": name}))
            elif name in first:
                problems.append(Problem(where, "table_name_twice", {"name": name, "first": first[name], "row": row.number}))
            else:
                first[name] = row.number
        label = f"{row.source.file}:{row.number} {name or ''}".strip()
        tasks.append(Task(template, label, row=row, name=name, problems=tuple(problems), **options))
    return tasks


def _name(row, pattern: str | None, base: dict, problems: list) -> str | None:
    where = Location(row.source.file, row.number, 1, "--name")
    if not pattern:
        return _text(next(iter(row.cells.values()), None)) if row.cells else str(row.number)
    fields = _FIELD.findall(pattern) if "{" in pattern else [pattern]
    values = {}
    for key in fields:
        value = _value(row, base, key.strip())
        if value is None:
            problems.append(Problem(where, "table_name_column", {"name": key.strip()}))
            return None
        values[key] = _text(value)
    if "{" not in pattern:
        return values[pattern]
    return _FIELD.sub(lambda m: values[m.group(1)], pattern)


def _value(row, base: dict, key: str):
    if key in row.cells and row.cells[key] is not None:
        return row.cells[key]
    value = base
    for part in (key.split(".") if key.startswith("meta.") else ["data", *key.split(".")]):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


# ---- what a terminal shows -----------------------------------------------------------------
def progress_line(done: int, total: int, elapsed: float, width: int = 30) -> str:
    """``[#######-------]  7/20  35%  ETA 0:12`` for a terminal's progress bar."""
    filled = int(width * done / total) if total else width
    eta = elapsed / done * (total - done) if done else 0.0
    minutes, seconds = divmod(int(round(eta)), 60)
    return (f"[{'#' * filled}{'-' * (width - filled)}] {done:>{len(str(total))}}/{total} "
            f"{100 * done // max(total, 1):>3}%  ETA {minutes}:{seconds:02d}")
