"""What runs inside a build worker process: warm-up once, then one task per message.

Every task is a thin call into the library (``batch.run_task``, ``build.prepare``,
``deliver.send``), run with the workspace as the working directory, so paths and the
messages that quote them read exactly as ``briefmaker`` run from the workspace would print
them. Tasks return plain data or raise ``BriefError``; nothing here knows about HTTP.
"""
from __future__ import annotations

import fcntl
import os
import resource
import signal
import traceback
from contextlib import contextmanager
from pathlib import Path

from ..errors import BriefError, Location, Problem


class WorkerFailure(Exception):
    """A bug inside a worker: carries the worker's traceback as text (pickles safely)."""


def build(brief: str, fmt: str, style: str | None, outdir: str) -> dict:
    """Build one format of ``brief`` into ``outdir`` as ``briefmaker build`` does; its bytes and warnings."""
    from ..batch import Task, run_task

    outcome = run_task(Task(brief, brief, outdir=outdir, formats=(fmt,), style=style))
    if outcome.problems:
        raise BriefError(outcome.problems)
    return {"data": outcome.outputs[0].read_bytes(), "warnings": outcome.warnings}


def check(brief: str) -> dict:
    """Validate ``brief`` as a draft (values still to fill allowed); its title and unit."""
    from ..build import prepare

    loaded, _, _ = prepare(brief, draft=True)
    return {"title": loaded.brief.meta.title, "unit": loaded.brief.meta.unit}


def row_tasks(brief: str, table: str, pattern: str | None, outdir: str, fmt: str, style: str | None) -> list:
    """One ``batch.Task`` per row of ``table``, as ``briefmaker build --data`` makes them."""
    from ..batch import row_tasks as tasks
    from ..brief.table import read_table

    return tasks(brief, read_table(table), pattern, outdir=outdir, formats=(fmt,), style=style)


def run_row(task) -> object:
    """Build one row's task; the ``batch.Outcome`` (problems inside it, never raised)."""
    from ..batch import run_task

    return run_task(task)


def send(brief: str, outdir: str, attach: str, confirm: bool) -> dict:
    """The delivery plan of ``brief``, and with ``confirm`` the outcome of sending it.

    The whole of it runs under an exclusive lock on the output folder's delivery log, so two
    requests for the same copies cannot both find them unsent: the second one waits and then
    finds them in the log (status 'skipped')."""
    from ..deliver.log import DeliveryLog
    from ..deliver.send import check_sender, deliver, parse_attach, plan
    from ..deliver.settings import load_settings

    formats = parse_attach(attach)
    settings = load_settings() if confirm else None
    if settings is not None:
        check_sender(settings, False)
    with _locked(Path(outdir) / ".deliveries.lock"):
        planned = plan([brief], outdir, formats)
        with DeliveryLog(outdir) as log:
            summary = [{"unit": item.unit, "subject": item.subject, "version": item.content_hash,
                        "attachments": [shown for _, shown in item.attachments],
                        "warnings": list(item.warnings),
                        "recipients": [{"name": r.name, "address": r.address,
                                        "state": log.state(item.content_hash, r.address)} for r in item.recipients]}
                       for item in planned]
        result: dict = {"plan": summary}
        if settings is not None:
            outcomes = deliver(planned, outdir, settings)
            result["outcomes"] = [{"name": o.recipient.name, "address": o.recipient.address, "status": o.status,
                                   "problem": o.problem} for o in outcomes]
        return result


@contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def preview(brief: str, style: str | None, outdir: str) -> dict:
    """The web page's preview of ``brief``: each PDF page as a PNG, warnings, whether a draft."""
    from .web.preview import preview as pictures

    return pictures(brief, style, outdir)


TASKS = {"build": build, "check": check, "row_tasks": row_tasks, "run_row": run_row, "send": send,
         "preview": preview}


MEMORY_LIMIT = 4 * 1024 ** 3  # address space of one worker: a brief that needs more is refused


def main(conn, root: str) -> None:
    """The worker's life: warm up in ``root``, say ready, then answer tasks until told to stop.

    Each reply is ``(ok, value, retire)``; a worker that ran out of memory retires (the pool
    starts a fresh one). SIGINT and SIGTERM are ignored: the server stops its workers itself
    once their running builds are done (or kills one whose build ran over its time limit)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    os.chdir(root)
    from ..batch import warm

    try:
        warm()
    except Exception:  # noqa: BLE001 - a build will report whatever is wrong
        pass
    conn.send(("ready", os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        name, args = message
        retire = False
        try:
            reply = (True, TASKS[name](*args), False)
        except BriefError as exc:
            reply = (False, exc, False)
        except MemoryError:
            retire = True
            reply = (False, BriefError([Problem(Location(str(args[0])), "service_memory_limit",
                                                {"mb": MEMORY_LIMIT // 1024 ** 2})]), True)
        except Exception:  # noqa: BLE001 - a bug: its traceback goes to the server's log
            reply = (False, WorkerFailure(traceback.format_exc()), False)
        try:
            conn.send(reply)
        except Exception:  # noqa: BLE001 - a reply that cannot be pickled is a bug too
            conn.send((False, WorkerFailure(traceback.format_exc()), False))
        if retire:
            return
