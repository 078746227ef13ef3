"""What the service does, whoever asks: the API routes and (later) the web pages call these.

Every operation takes the :class:`~.accounts.User` asking, checks the role and the brief's unit
itself, and raises :class:`Refused` (an HTTP status and a message code) or ``BriefError``
(the brief's own problems, → 422). Builds and sends run in the worker pool, file and database
work in threads: nothing here blocks the event loop.
"""
from __future__ import annotations

import asyncio
import secrets
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import BriefError, Location, Problem
from .accounts import Accounts, User
from .jobs import Job, Jobs
from .pool import Pool, TimedOut, WorkerDied
from .versions import Conflict, Versions
from .workspace import BadName, Workspace, etag_of

FORMATS = ("pdf", "docx", "png")
POSTED = "brief.yaml"  # how problems name a brief posted in a request body


class Refused(Exception):
    """A request the service will not do: ``status`` (400, 403, 404, 409, …) and a message code."""

    def __init__(self, status: int, code: str, headers: dict | None = None, **params):
        super().__init__(code)
        self.status, self.code, self.params, self.headers = status, code, params, headers or {}


@dataclass
class Built:
    """A build's file: its bytes, warnings, and the brief version it was built from."""

    data: bytes
    warnings: list
    version: str
    filename: str


class Service:
    """One workspace served: its accounts, versions, worker pool and jobs."""

    def __init__(self, workspace: Workspace, pool: Pool):
        self.ws = workspace
        self.accounts = Accounts(workspace.state)
        self.versions = Versions(workspace.state)
        self.pool = pool
        self.jobs = Jobs(workspace.state, pool)
        self._summaries: dict[str, tuple] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def close(self) -> None:
        """Interrupt running jobs, let running builds finish, stop the workers, close the database."""
        await self.jobs.stop()
        await self.pool.close()
        self.versions.close()
        self.accounts.close()

    async def _audit(self, *args) -> None:
        """An audit row (see ``Accounts.audit``), written in a thread: the insert waits for the
        disk (a few ms, SQLite syncs its log on commit), which the event loop must not."""
        await asyncio.to_thread(self.accounts.audit, *args)

    def _lock(self, key: str) -> asyncio.Lock:
        return self._locks.setdefault(key, asyncio.Lock())

    # ---- names and permissions ---------------------------------------------------------------
    def path(self, name: str, *, must_exist: bool = True) -> Path:
        """The brief file of ``name``; Refused 400 for a bad name, 404 for a missing brief."""
        try:
            return self.ws.brief(name, must_exist=must_exist)
        except BadName:
            raise Refused(400, "service_bad_name", name=name) from None
        except FileNotFoundError:
            raise Refused(404, "service_not_found", what="brief", name=name) from None

    def _summary(self, name: str) -> dict:
        path = self.ws.brief(name)
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._summaries.get(name)
        if cached and cached[0] == key:
            return cached[1]
        from ..brief.extends import load_layered

        info = {"name": name, "title": None, "unit": None, "template": name.startswith("_"),
                "version": etag_of(path.read_bytes()), "valid": True}
        try:
            raw, source = load_layered(path)
            meta = raw.get("meta") if isinstance(raw, dict) else None
            if isinstance(meta, dict):
                info["title"] = meta.get("title") if isinstance(meta.get("title"), str) else None
                info["unit"] = meta.get("unit") if isinstance(meta.get("unit"), str) else None
            info["valid"] = not source.problems
        except BriefError:
            info["valid"] = False
        self._summaries[name] = (key, info)
        return info

    async def summary(self, name: str) -> dict:
        """Name, title, unit and version of a brief, read (and cached) without building it."""
        self.path(name)
        return dict(await asyncio.to_thread(self._summary, name))

    async def allow(self, user: User, name: str, action: str) -> dict:
        """The brief's summary when ``user`` may do ``action`` (read, build, edit, batch, send) to it."""
        info = await self.summary(name)
        ok = user.may_read(info["unit"]) if action in ("read", "build") else user.may_write(info["unit"])
        if not ok:
            raise Refused(403, "service_forbidden", role=user.role, action=action, name=name)
        return info

    # ---- reading -----------------------------------------------------------------------------
    async def list(self, user: User) -> list[dict]:
        """The briefs ``user`` may read: name, title, unit, version, last build, last send."""
        out = []
        for name in self.ws.names():
            try:
                info = await self.summary(name)
            except (Refused, OSError):
                continue
            if user.may_read(info["unit"]):
                info["last_build"], info["last_send"] = await asyncio.to_thread(self._last_build_and_send, name)
                out.append(info)
        return out

    def _last_build_and_send(self, name: str) -> tuple[dict | None, dict | None]:
        return self.accounts.last(name, "build"), self.accounts.last(name, "send")

    async def read(self, user: User, name: str) -> tuple[bytes, str]:
        """The brief's text and version tag."""
        await self.allow(user, name, "read")
        data = await asyncio.to_thread(self.path(name).read_bytes)
        return data, etag_of(data)

    # ---- saving ------------------------------------------------------------------------------
    async def save(self, user: User, name: str, data: bytes, if_match: str | None) -> str:
        """Save ``data`` as the brief's new version (``if_match``: the version read; a new brief
        needs none); returns the new version tag.

        The text must load as a brief (values still to fill allowed); an editor may save only
        briefs of its units, before and after the edit. Raises BriefError (→ 422), Refused
        (403, 409 when the brief changed since ``if_match``, 428 without it)."""
        path = self.path(name, must_exist=False)
        exists = path.exists()
        if exists:
            await self.allow(user, name, "edit")
            if if_match is None:
                raise Refused(428, "service_precondition", name=name)
        elif user.role not in ("admin", "editor"):
            raise Refused(403, "service_forbidden", role=user.role, action="edit", name=name)
        async with self._lock(f"save:{name}"):
            info = await self._check_text(name, data)
            if not user.may_write(info["unit"]):
                raise Refused(403, "service_forbidden", role=user.role, action="edit", name=name)
            try:
                tag = await asyncio.to_thread(self.versions.save, name, path, data, user.name,
                                              if_match if exists else None)
            except Conflict as exc:
                raise Refused(409, "service_conflict", name=name, current=exc.current or "-",
                              headers={"ETag": f'"{exc.current}"'} if exc.current else {}) from None
        await self._audit(user.name, "save", name, tag)
        return tag

    async def _check_text(self, name: str, data: bytes) -> dict:
        """Validate ``data`` as it would be at ``briefs/NAME.yaml`` (so ``extends`` resolves)."""
        probe = self.ws.briefs / f".{name}.{secrets.token_hex(6)}.yaml"
        await asyncio.to_thread(probe.write_bytes, data)
        try:
            return await self._run("check", self.ws.relative(probe))
        except BriefError as exc:
            raise _renamed(exc, {self.ws.relative(probe): self.ws.relative(self.ws.briefs / f"{name}.yaml")}) from None
        finally:
            probe.unlink(missing_ok=True)

    # ---- building ----------------------------------------------------------------------------
    def _format(self, fmt: str) -> str:
        if fmt not in FORMATS:
            raise Refused(400, "service_bad_request", detail=f"format must be pdf, docx or png, not {fmt!r}")
        return fmt

    def _style(self, style: str | None) -> str | None:
        if not style:
            return None
        try:
            return self.ws.style(style)
        except BadName:
            raise Refused(400, "service_bad_name", name=style) from None

    async def build(self, user: User, name: str, fmt: str, style: str | None = None) -> Built:
        """Build the stored brief as ``briefmaker build briefs/NAME.yaml -o out --format FMT``
        run in the workspace does (same file written, same bytes returned)."""
        fmt, style = self._format(fmt), self._style(style)
        info = await self.allow(user, name, "build")
        brief = self.ws.relative(self.path(name))
        async with self._lock(f"out:{name}.{fmt}"):  # two styles of one brief write the same file
            result = await self._run("build", brief, fmt, style, self.ws.relative(self.ws.out))
        await self._audit(user.name, "build", name, info["version"], {"format": fmt, "style": style})
        return Built(result["data"], result["warnings"], info["version"], f"{name}.{fmt}")

    async def build_posted(self, user: User, data: bytes, fmt: str) -> Built:
        """Build a brief sent in the request, alone in a folder of its own (it can reach no
        workspace file); nothing of it is kept."""
        fmt = self._format(fmt)
        if user.role not in ("admin", "editor"):
            raise Refused(403, "service_forbidden", role=user.role, action="build", name=POSTED)
        folder = self.ws.state / "tmp" / secrets.token_hex(8)
        brief = folder / POSTED
        rename = {self.ws.relative(brief): POSTED}
        try:
            await asyncio.to_thread(_write_new, brief, data)
            try:
                result = await self._run("build", self.ws.relative(brief), fmt, None, self.ws.relative(folder / "out"))
            except BriefError as exc:
                raise _renamed(exc, rename) from None
        finally:
            await asyncio.to_thread(shutil.rmtree, folder, True)
        await self._audit(user.name, "build", POSTED, etag_of(data), {"format": fmt})
        return Built(result["data"], _renamed(BriefError(result["warnings"]), rename).problems, etag_of(data),
                     f"brief.{fmt}")

    async def preview(self, user: User, name: str, data: bytes, style: str | None = None) -> dict:
        """Pictures of the pages ``data`` would give saved as the brief ``name`` (nothing is saved):
        ``{"pages": [PNG bytes], "warnings", "draft"}``; BriefError with its problems."""
        style = self._style(style)
        stored = await asyncio.to_thread(self.path(name).read_bytes)
        await self.allow(user, name, "build" if data == stored else "edit")  # a viewer sees only what is saved
        probe = self.ws.briefs / f".{name}.{secrets.token_hex(6)}.yaml"
        await asyncio.to_thread(probe.write_bytes, data)
        rename = {self.ws.relative(probe): self.ws.relative(self.ws.briefs / f"{name}.yaml")}
        try:
            result = await self._run("preview", self.ws.relative(probe), style, self.ws.relative(self.ws.out))
        except BriefError as exc:
            raise _renamed(exc, rename) from None
        finally:
            probe.unlink(missing_ok=True)
        result["warnings"] = _renamed(BriefError(result["warnings"]), rename).problems
        return result

    async def _run(self, task: str, *args, wait: bool = False):
        """A task in the pool; a time limit or a dead worker becomes the brief's problem."""
        try:
            return await self.pool.run(task, *args, wait=wait)
        except TimedOut:
            raise BriefError([Problem(Location(args[0]), "service_time_limit",
                                      {"seconds": round(self.pool.limit)})]) from None
        except WorkerDied as exc:
            raise BriefError([Problem(Location(args[0]), "worker_crashed", {"detail": str(exc)})]) from None

    # ---- batches and sending -----------------------------------------------------------------
    async def batch(self, user: User, name: str, table: bytes, table_name: str, *, pattern: str | None,
                    fmt: str, style: str | None) -> Job:
        """Start a job building ``name`` once per row of the uploaded table; the job."""
        fmt, style = self._format(fmt), self._style(style)
        info = await self.allow(user, name, "batch")
        brief = self.ws.relative(self.path(name))
        job = self.jobs.start(brief, name, user.name, table, table_name, pattern=pattern, fmt=fmt, style=style)
        await self._audit(user.name, "batch", name, info["version"], {"job": job.id, "format": fmt})
        return job

    def job(self, user: User, job_id: str) -> Job | dict:
        """A job ``user`` started (any job for an admin); Refused 404 otherwise."""
        job = self.jobs.get(job_id)
        owner = None if job is None else job.user if isinstance(job, Job) else job["en"]["user"]
        if owner is None or (user.role != "admin" and owner != user.name):
            raise Refused(404, "service_not_found", what="job", name=job_id)
        return job

    async def outputs(self, user: User, job_id: str) -> Path:
        """``outputs.zip`` of a finished job ``user`` may see; Refused 409 while it runs."""
        job = self.job(user, job_id)
        state = job.state if isinstance(job, Job) else job["en"]["state"]
        if state in ("queued", "running"):
            raise Refused(409, "service_job_running", name=job_id)
        if not isinstance(job, Job):  # a job from before a restart: its saved JSON
            job = Job(job["en"]["id"], job["en"]["brief"], job["en"]["user"], self.jobs.folder / job["en"]["id"], "")
        return await asyncio.to_thread(self.jobs.zip_path, job)

    async def send(self, user: User, name: str, attach: str, confirm: bool) -> dict:
        """The delivery plan of the brief (who gets it, who has this version already); with
        ``confirm``, send it as ``briefmaker send briefs/NAME.yaml -o out`` does, into the same
        delivery log, so no copy goes twice across the CLI and the service."""
        info = await self.allow(user, name, "send")
        brief = self.ws.relative(self.path(name))
        result = await self._run("send", brief, self.ws.relative(self.ws.out), attach, confirm)
        if confirm:
            counts = {s: sum(o["status"] == s for o in result["outcomes"]) for s in ("sent", "skipped", "failed")}
            await self._audit(user.name, "send", name, info["version"], counts)
        return result


def _write_new(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(data)


def _renamed(exc: BriefError, rename: dict[str, str]) -> BriefError:
    """The same problems with the worker's file names replaced by the ones the client knows."""
    return BriefError([replace(p, location=replace(p.location, file=rename.get(p.location.file, p.location.file)))
                       for p in exc.problems])
