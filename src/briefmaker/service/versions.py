"""Every saved version of every brief, kept in the service database; saves checked by version tag.

The brief file itself (``briefs/NAME.yaml``) is always the current version, so the CLI builds
what the service saved. A version tag (ETag) is the hash of the file's bytes, so an edit made
outside the service (an editor, ``git pull``) is a new version too: it is archived before the
next save replaces it, and nothing is ever lost.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from ..infra.atomic import write_atomic
from .accounts import DB_NAME, _iso
from .workspace import etag_of


class Conflict(Exception):
    """The brief changed since the version the client read (→ 409); carries the current tag."""

    def __init__(self, current: str | None):
        super().__init__(current)
        self.current = current


class Versions:
    """Saves and history of the briefs of one workspace. Thread-safe."""

    def __init__(self, state_dir: str | Path):
        self.db = sqlite3.connect(Path(state_dir) / DB_NAME, timeout=30, isolation_level=None,
                                  check_same_thread=False)
        self._lock = threading.Lock()

    def close(self) -> None:
        self.db.close()

    def save(self, name: str, path: Path, data: bytes, user: str, if_match: str | None) -> str:
        """Write ``data`` as the brief's new version; returns its tag.

        ``if_match``: the tag the client read, ``None`` to create a brief that does not exist
        yet. Raises :class:`Conflict` when the file is not (or no longer) at that version.
        Saving the bytes the brief already has changes nothing and returns the same tag."""
        with self._lock:
            current = path.read_bytes() if path.exists() else None
            current_tag = etag_of(current) if current is not None else None
            if current_tag != if_match:
                raise Conflict(current_tag)
            tag = etag_of(data)
            if tag == current_tag:
                return tag
            if current is not None:
                self._archive(name, current, "(outside the service)")
            write_atomic(path, data)
            self._archive(name, data, user)
            return tag

    def _archive(self, name: str, data: bytes, user: str) -> None:
        tag = etag_of(data)
        last = self.db.execute("SELECT seq, etag FROM versions WHERE brief = ? ORDER BY seq DESC LIMIT 1",
                               (name,)).fetchone()
        if last and last[1] == tag:
            return
        self.db.execute("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?)",
                        (name, (last[0] + 1) if last else 1, tag, user, time.time(), data))

    def history(self, name: str) -> list[dict]:
        """Every kept version of ``name``, oldest first: seq, tag, who saved it and when."""
        with self._lock:
            rows = self.db.execute("SELECT seq, etag, user, at, length(text) FROM versions WHERE brief = ? "
                                   "ORDER BY seq", (name,)).fetchall()
        return [{"version": seq, "etag": tag, "user": user, "saved": _iso(at), "bytes": size}
                for seq, tag, user, at, size in rows]

    def text(self, name: str, seq: int) -> bytes | None:
        """The bytes of version ``seq`` of ``name``, or None."""
        with self._lock:
            row = self.db.execute("SELECT text FROM versions WHERE brief = ? AND seq = ?", (name, seq)).fetchone()
        return bytes(row[0]) if row else None
