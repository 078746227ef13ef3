"""Giving freed native memory back to the system, where the C library allows it (glibc).

A long-running process that handles large buffers in several threads (a build worker, the
service answering with PDFs) otherwise keeps what glibc's arenas once held: its RSS climbs
although Python's own objects stay flat.
"""
from __future__ import annotations

_M_MMAP_THRESHOLD = -3  # mallopt parameter (malloc.h)


def _libc():
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim  # noqa: B018 - glibc only
        libc.mallopt  # noqa: B018
        return libc
    except (OSError, AttributeError):  # not glibc: nothing to give back
        return None


_LIBC = _libc()


def trim() -> None:
    """Return the free memory at the top and in the middle of every arena (``malloc_trim(0)``)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def map_large_blocks(threshold: int = 256 * 1024) -> None:
    """Allocate every block of ``threshold`` bytes or more as its own mapping, returned to the
    system when freed. glibc raises this threshold as large blocks are freed (up to 32 MB), after
    which each response-sized buffer is carved from a thread's arena and stays there."""
    if _LIBC is not None:
        _LIBC.mallopt(_M_MMAP_THRESHOLD, threshold)
