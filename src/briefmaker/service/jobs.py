"""Batch jobs: one template × the rows of an uploaded table, built in the background.

A job lives in ``.briefmaker/jobs/ID/``: the uploaded table, ``out/`` with each row's files,
``job.json`` (its state, rewritten atomically as rows finish) and, once done, ``outputs.zip``.
Rows run on the shared worker pool, at most one per worker at a time, so interactive builds
keep getting workers while a long batch runs. A job interrupted by a shutdown says so.
"""
from __future__ import annotations

import asyncio
import json
import secrets
import shutil
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BriefError, Location, Problem
from ..infra.atomic import write_atomic
from .pool import Pool, TimedOut, WorkerDied
from .problems import localize
from .worker import WorkerFailure

KEEP_DAYS = 7


@dataclass
class Unit:
    """One row of the job and what became of it."""

    label: str
    name: str | None
    state: str = "waiting"  # waiting | built | failed | interrupted
    outputs: list[str] = field(default_factory=list)
    warnings: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class Job:
    """A batch job; ``state``: queued | running | done | failed (the table itself) | interrupted."""

    id: str
    brief: str
    user: str
    folder: Path
    table: str  # the uploaded file's name, as problems name it
    created: float = field(default_factory=time.time)
    state: str = "queued"
    units: list[Unit] = field(default_factory=list)
    problems: list = field(default_factory=list)
    finished: float | None = None

    def public(self, lang: str) -> dict:
        """The job as the API shows it, problems in ``lang``."""
        done = sum(u.state in ("built", "failed") for u in self.units)
        rename = {self._worker_table(): self.table}
        body = {"id": self.id, "brief": self.brief, "user": self.user, "state": self.state,
                "created": _iso(self.created), "finished": _iso(self.finished) if self.finished else None,
                "total": len(self.units), "done": done,
                "built": sum(u.state == "built" for u in self.units),
                "failed": sum(u.state == "failed" for u in self.units),
                "problems": self.problems,
                "units": [{"label": _relabel(u.label, rename), "name": u.name, "state": u.state,
                           "outputs": u.outputs, "seconds": round(u.seconds, 3),
                           "warnings": u.warnings, "problems": u.problems} for u in self.units]}
        return localize(body, lang, rename)

    def _worker_table(self) -> str:
        return str(Path(".briefmaker") / "jobs" / self.id / self.table)

    def save(self) -> None:
        write_atomic(self.folder / "job.json", json.dumps(
            {"en": self.public("en"), "zh": self.public("zh")}, ensure_ascii=False).encode())


def _relabel(label: str, rename: dict[str, str]) -> str:
    for old, new in rename.items():
        label = label.replace(old, new)
    return label


def _iso(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))


class Jobs:
    """The jobs of one workspace: start them, look them up, zip their outputs, stop them."""

    def __init__(self, state_dir: Path, pool: Pool):
        self.folder = state_dir / "jobs"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.pool = pool
        self.jobs: dict[str, Job] = {}
        self.tasks: dict[str, asyncio.Task] = {}
        self._forget_old()

    def _forget_old(self) -> None:
        cutoff = time.time() - KEEP_DAYS * 86400
        for folder in self.folder.iterdir():
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)

    def start(self, brief_rel: str, brief: str, user: str, table: bytes, table_name: str, *,
              pattern: str | None, fmt: str, style: str | None) -> Job:
        """Store the uploaded table and start building each of its rows; the new job."""
        job_id = secrets.token_hex(8)
        folder = self.folder / job_id
        (folder / "out").mkdir(parents=True)
        job = Job(job_id, brief, user, folder, table_name)
        write_atomic(folder / table_name, table)
        job.save()
        self.jobs[job_id] = job
        self.tasks[job_id] = asyncio.create_task(self._run(job, brief_rel, pattern, fmt, style))
        return job

    async def _run(self, job: Job, brief_rel: str, pattern, fmt, style) -> None:
        job.state = "running"
        out = str(Path(".briefmaker") / "jobs" / job.id / "out")
        try:
            tasks = await self.pool.run("row_tasks", brief_rel, job._worker_table(), pattern, out, fmt, style,
                                        wait=True)
        except (BriefError, TimedOut, WorkerDied, WorkerFailure) as exc:
            job.problems = exc.problems if isinstance(exc, BriefError) else [Problem(
                Location(job.table), "worker_crashed", {"detail": f"{type(exc).__name__}: {str(exc)[-500:]}"})]
            job.state, job.finished = "failed", time.time()
            job.save()
            return
        job.units = [Unit(t.label, t.name) for t in tasks]
        job.save()
        slots = asyncio.Semaphore(self.pool.size)
        last_save = [time.monotonic()]

        async def one(unit: Unit, task) -> None:
            async with slots:
                start = time.perf_counter()
                try:
                    outcome = await self.pool.run("run_row", task, wait=True)
                    unit.outputs = [p.name for p in outcome.outputs]
                    unit.warnings, unit.problems = outcome.warnings, outcome.problems
                except TimedOut:
                    unit.problems = [Problem(Location(task.label), "service_time_limit",
                                             {"seconds": round(self.pool.limit)})]
                except (WorkerDied, WorkerFailure) as exc:
                    unit.problems = [Problem(Location(task.label), "worker_crashed", {"detail": str(exc)[-500:]})]
                unit.state = "failed" if unit.problems else "built"
                unit.seconds = time.perf_counter() - start
            if time.monotonic() - last_save[0] > 1:
                last_save[0] = time.monotonic()
                await asyncio.to_thread(job.save)

        try:
            await asyncio.gather(*(one(u, t) for u, t in zip(job.units, tasks)))
            job.state = "done"
        except asyncio.CancelledError:
            job.state = "interrupted"
            for unit in job.units:
                if unit.state == "waiting":
                    unit.state = "interrupted"
            raise
        finally:
            job.finished = time.time()
            job.save()

    def get(self, job_id: str) -> Job | dict | None:
        """The running or recent job, or the saved JSON of one from before a restart, or None."""
        if job_id in self.jobs:
            return self.jobs[job_id]
        if not job_id.isalnum():
            return None
        saved = self.folder / job_id / "job.json"
        return json.loads(saved.read_text()) if saved.is_file() else None

    def zip_path(self, job: Job) -> Path:
        """``outputs.zip`` of a finished job (made once; fixed timestamps, names sorted)."""
        target = job.folder / "outputs.zip"
        if not target.exists():
            files = sorted(p for p in (job.folder / "out").iterdir() if p.is_file() and not p.name.startswith("."))
            tmp = target.with_suffix(".tmp")
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in files:
                    info = zipfile.ZipInfo(path.name, date_time=(1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.flag_bits |= 0x800  # names in UTF-8 (Chinese unit names)
                    archive.writestr(info, path.read_bytes())
            tmp.replace(target)
        return target

    async def stop(self) -> None:
        """Interrupt every running job (each records which rows were left unbuilt)."""
        for task in self.tasks.values():
            task.cancel()
        await asyncio.gather(*self.tasks.values(), return_exceptions=True)
