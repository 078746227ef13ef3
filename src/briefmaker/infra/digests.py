"""SHA-256 digests of files, the big ones remembered between processes."""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache

MEMO_FROM = 1 << 20  # files at least this big (fonts) have their digest kept under the user's cache


def data_digest(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: str | os.PathLike) -> str:
    """The SHA-256 of the file at ``path``, in hex. Raises OSError when it cannot be read.

    A file of MEMO_FROM bytes or more (a font) has its digest remembered under the user's cache by
    (path, size, mtime, inode), so a process reads it once per change rather than once per run."""
    path = os.fspath(path)
    info = os.stat(path)
    if info.st_size < MEMO_FROM:
        with open(path, "rb") as handle:
            return data_digest(handle.read())
    return _memoised(path, info.st_size, info.st_mtime_ns, info.st_ino)


@lru_cache(maxsize=None)
def _memoised(path: str, size: int, mtime_ns: int, inode: int) -> str:
    from . import sealed
    from .cachedirs import cache_root

    key = f"font-digest:{path}:{size}:{mtime_ns}:{inode}"
    memo = cache_root() / "fonts" / (hashlib.sha256(key.encode()).hexdigest()[:24] + ".digest")
    stored = sealed.load(memo, key, limit=4096)
    if stored is not None and len(stored) == 64:
        return stored.decode("ascii")
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    sealed.store(memo, key, digest.hexdigest().encode("ascii"))
    return digest.hexdigest()
