"""Cache entries that prove what they hold: a key and a digest of key and content, checked on read.

Caches hold bytes briefmaker derived itself (parsed font tables, chart parts). An entry is
``MAGIC``, the key, the SHA-256 of key and payload, then the payload; :func:`unseal` gives the
payload back only when all of it matches, so a truncated, damaged, stale or foreign file is a
cache miss, never an input. No format here can execute anything: payloads are plain bytes (JSON,
XML, PNG, XLSX) that the caller parses as data.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

MAGIC = b"briefmaker-cache 1\n"


def _digest(key: str, payload: bytes) -> bytes:
    return hashlib.sha256(key.encode("utf-8") + b"\n" + payload).hexdigest().encode("ascii")


def seal(key: str, payload: bytes) -> bytes:
    """``payload`` framed with ``key`` and their digest, ready to store."""
    if "\n" in key:
        raise ValueError("a cache key is one line")
    return MAGIC + key.encode("utf-8") + b"\n" + _digest(key, payload) + b"\n" + payload


def unseal(key: str, blob: bytes) -> bytes | None:
    """The payload of ``blob`` when it is an entry for ``key`` whose digest verifies, else None."""
    if not blob.startswith(MAGIC):
        return None
    parts = blob[len(MAGIC):].split(b"\n", 2)
    if len(parts) != 3 or parts[0] != key.encode("utf-8"):
        return None
    stored, payload = parts[1], parts[2]
    return payload if stored == _digest(key, payload) else None


def load(path: Path, key: str, limit: int = 64 * 1024 * 1024) -> bytes | None:
    """The verified payload stored at ``path`` for ``key``, or None (missing, unreadable, not a
    regular file, over ``limit`` bytes, damaged, or another key's)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        import stat

        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            blob = handle.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return unseal(key, blob) if len(blob) <= limit else None


def store(path: Path, key: str, payload: bytes) -> bool:
    """Write the sealed entry atomically; False when the folder cannot take it (read-only, full)."""
    from .atomic import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, seal(key, payload))
    except OSError:
        return False
    return True
