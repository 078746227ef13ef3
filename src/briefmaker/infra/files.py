"""Reading a file that a brief (or the command line) names, as untrusted input.

Every such path goes through :func:`resolve_named` (a path written in a brief: no NUL byte, and
after symlinks inside the brief's folder or ``$BRIEFMAKER_ROOT``) and is read by
:func:`read_limited`: opened without blocking, refused unless it is a regular file (checked on the
open file, so a swap after the check cannot matter), and read with a byte budget counted while
reading. Problems come back as located :class:`BriefError`s that name the path as written and
never quote the file's content.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from ..errors import BriefError, Location, Problem
from ..i18n import LocalText

MAX_BYTES = 10 * 1024 * 1024  # briefs, templates, styles, address books, settings, CSV tables
ROOT_ENV = "BRIEFMAKER_ROOT"  # a folder every path a brief names may use (a shared template folder)

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


_READS: ContextVar[dict[str, str] | None] = ContextVar("briefmaker_reads", default=None)


@contextmanager
def recording() -> Iterator[dict[str, str]]:
    """Collect every file read inside the block that decides what is built: real path → SHA-256.

    :func:`read_limited` notes each file it returns; other readers (images, a style's font files)
    call :func:`note_read`. A build stamp (infra/uptodate.py) keeps the result."""
    reads: dict[str, str] = {}
    token = _READS.set(reads)
    try:
        yield reads
    finally:
        _READS.reset(token)
        note_reads(reads)  # a recording inside another: the outer one needs these files too


def note_reads(reads: dict[str, str]) -> None:
    """Tell a running :func:`recording` of files read earlier (real path → SHA-256)."""
    outer = _READS.get()
    if outer is not None:
        outer.update(reads)


def note_read(path: str | os.PathLike, data: bytes | None = None) -> None:
    """Tell a running :func:`recording` that the file at ``path`` (``data``, when already read)
    decided this build. Outside a recording it does nothing."""
    reads = _READS.get()
    if reads is None:
        return
    from .digests import data_digest, file_digest

    try:
        reads[os.path.realpath(path)] = data_digest(data) if data is not None else file_digest(path)
    except OSError:
        reads[os.path.realpath(path)] = "unreadable"  # never matches again: the next build builds


def allowed_roots(folder: Path) -> list[Path]:
    """The folders a brief in ``folder`` may name files in: its own and ``$BRIEFMAKER_ROOT``."""
    roots = [Path(os.path.realpath(folder))]
    if os.environ.get(ROOT_ENV):
        roots.append(Path(os.path.realpath(os.environ[ROOT_ENV])))
    return roots


def resolve_named(name: str, folder: Path, where: Location, *, roots: list[Path] | None = None) -> Path:
    """The file ``name`` (as written in a brief, relative to ``folder``) refers to, symlinks resolved.

    Raises a located BriefError when ``name`` holds a NUL byte, is absolute (a brief names files
    relative to itself, so that it can move) or resolves outside every one of ``roots``
    (default :func:`allowed_roots` of ``folder``). Whether the file exists and is a
    regular file is left to :func:`read_limited`, which checks the file it opens.
    """
    if "\x00" in name:
        raise BriefError([Problem(where, "path_nul", {})])
    if os.path.isabs(name):
        raise BriefError([Problem(where, "path_outside", {"name": name})])
    resolved = Path(os.path.realpath(Path(folder) / name))
    for root in roots if roots is not None else allowed_roots(Path(folder)):
        if resolved == root or resolved.is_relative_to(root):
            return resolved
    raise BriefError([Problem(where, "path_outside", {"name": name})])


def file_kind(path: str | os.PathLike) -> LocalText | None:
    """None for a regular file (after symlinks), else what it is, in both languages.

    Raises FileNotFoundError when nothing is there."""
    kind = _kind(os.stat(path).st_mode)
    return LocalText.type(kind) if kind else None


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_limited(path: str | os.PathLike, where: Location, limit: int = MAX_BYTES, name: str | None = None) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Refused with a located BriefError (at ``where``): nothing there (``file_not_found``), not a
    regular file — a folder, FIFO, device or socket, told as such (``not_regular``), over the
    budget (``file_over_limit``, counted while reading, not trusted from its size), or unreadable
    (``not_a_file``). Never blocks on a FIFO. ``name``: the path as the user wrote it.
    """
    name = name or os.fspath(path)
    if "\x00" in os.fspath(path):
        raise BriefError([Problem(where, "path_nul", {})])
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise BriefError([Problem(where, "file_not_found", {})]) from None
    except IsADirectoryError:
        raise BriefError([Problem(where, "not_regular", {"name": name, "kind": LocalText.type("a folder")})]) from None
    except OSError as exc:
        raise BriefError([Problem(where, "not_a_file", {"detail": exc.strerror or str(exc)})]) from None
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind:
            raise BriefError([Problem(where, "not_regular", {"name": name, "kind": LocalText.type(kind)})])
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise BriefError([Problem(where, "file_over_limit", {"limit": limit})])
        data = b"".join(chunks)
        note_read(path, data)
        return data
    except OSError as exc:
        raise BriefError([Problem(where, "not_a_file", {"detail": exc.strerror or str(exc)})]) from None
    finally:
        os.close(fd)
