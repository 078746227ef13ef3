"""Run one function in a forked child process while the parent goes on with other work.

A single brief is written as a PDF and a DOCX; on a machine with two or more cores the DOCX is
written in a child while the parent lays out the PDF. fork (not spawn) lets the child start with
everything the parent has loaded and composed, so nothing is pickled on the way in; only the
result (bytes) or the exception comes back through a pipe.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
import traceback


def can_fork() -> bool:
    """Whether this platform forks (Linux, BSD, macOS; not Windows)."""
    return hasattr(os, "fork")


class Forked:
    """``task()`` running in a child process; :meth:`result` waits for it and returns its value
    or raises its exception in the parent."""

    def __init__(self, task):
        sys.stdout.flush()
        sys.stderr.flush()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run, report, and leave without running the parent's clean-ups
            os.close(read)
            status = 0
            try:
                try:
                    payload = pickle.dumps((True, task()), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # noqa: BLE001 – every failure goes back to the parent
                    try:
                        payload = pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
                    except Exception:
                        payload = pickle.dumps((False, RuntimeError(traceback.format_exc())))
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(payload)
            except BaseException:
                status = 1
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def cancel(self) -> None:
        """Stop the child and collect it (no zombie, no child blocked on a full pipe): for when
        the parent fails before it wants the result."""
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(self._read)
        os.waitpid(self._pid, 0)

    def result(self):
        """The task's return value (or its exception, raised here)."""
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if not data:
            raise RuntimeError(f"the DOCX writer process ended without a result (status {status})")
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        return value
