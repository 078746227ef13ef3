"""The bundled fonts: role keys → files in this package, and which characters each can draw.

Fonts are always loaded by path from the package's own data (importlib.resources; or
$BRIEFMAKER_FONTS), never from the system, so a machine without CJK fonts produces the same
output, from a checkout and from an installed wheel alike.
"""
from __future__ import annotations

import os
import struct
from functools import lru_cache
from pathlib import Path

FONT_FILES = {
    "fang": "fang.ttf",
    "hei": "hei.ttf",
    "kai": "kai.ttf",
    "song-bold": "song-bold.ttf",
    "fallback": "fallback.ttf",
}
FALLBACK = "fallback"


def fonts_dir() -> Path:
    """The folder holding the bundled fonts."""
    env = os.environ.get("BRIEFMAKER_FONTS")
    if env:
        return Path(env)
    from importlib.resources import files

    return Path(str(files(__name__)))  # a plain folder: the package is never imported from a zip


def font_path(key: str) -> Path:
    """The file of font ``key``: a bundled key ('fang', 'hei', 'kai', 'song-bold', 'fallback'),
    or the absolute path of a TrueType file a style names (checked when the style was loaded)."""
    if key in FONT_FILES:
        return fonts_dir() / FONT_FILES[key]
    if os.path.isabs(key):
        return Path(key)
    raise KeyError(f"no bundled font '{key}'")


_METRIC_TABLES = ("cmap", "head", "hhea", "hmtx", "OS/2")


@lru_cache(maxsize=None)
def _tables(key: str) -> dict[str, bytes]:
    """The tables of font ``key`` that measuring needs (not the outlines), by tag."""
    with open(font_path(key), "rb") as file:
        head = file.read(12)
        count = struct.unpack_from(">H", head, 4)[0]
        directory = file.read(16 * count)
        tables = {}
        for i in range(count):
            tag, _, offset, length = struct.unpack_from(">4sIII", directory, 16 * i)
            if tag.decode("latin-1") in _METRIC_TABLES:
                file.seek(offset)
                tables[tag.decode("latin-1")] = file.read(length)
    return tables


@lru_cache(maxsize=None)
def cmap(key: str) -> dict[int, int]:
    """Code point → glyph index of font ``key``, from its Unicode cmap (format 12 or 4).

    Read directly from the table (a few milliseconds, against ~20 ms a font through fontTools'
    general decoder): the bundled fonts are checked to carry these subtables (manifest.json beside
    them). Kept between processes as a sealed cache entry (two packed integer arrays, keyed by
    the file's path, size and mtime), which a rebuild reads in a fraction of the parse's time.
    """
    import hashlib
    import sys
    from array import array

    from ..infra import sealed
    from ..infra.cachedirs import cache_root

    path = font_path(key)
    info = path.stat()
    name = hashlib.sha256(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    entry_key = f"cmap-1-{sys.byteorder}:{name}:{info.st_size}:{info.st_mtime_ns}"
    entry = cache_root() / "fonts" / f"{name}.cmap"
    stored = sealed.load(entry, entry_key)
    if stored is not None and len(stored) % 8 == 0:
        codes, glyphs = array("I"), array("I")
        half = len(stored) // 2
        codes.frombytes(stored[:half])
        glyphs.frombytes(stored[half:])
        return dict(zip(codes, glyphs))
    mapping = _parse_cmap(key)
    if array("I").itemsize == 4:
        sealed.store(entry, entry_key, array("I", mapping).tobytes() + array("I", mapping.values()).tobytes())
    return mapping


def _parse_cmap(key: str) -> dict[int, int]:
    data, base = _tables(key)["cmap"], 0
    count = struct.unpack_from(">H", data, base + 2)[0]
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
        subtables[(platform, encoding)] = base + offset
    mapping: dict[int, int] = {}
    if (3, 10) in subtables:
        at = subtables[(3, 10)]
        groups = struct.unpack_from(">I", data, at + 12)[0]
        for g in range(groups):
            start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
            mapping.update(zip(range(start, end + 1), range(glyph, glyph + end - start + 1)))
    at = subtables.get((3, 1)) or subtables[(0, 3)]
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
    range_at = at + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", data, range_at)
    for i, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, offsets)):
        if start == 0xFFFF:
            continue
        for code in range(start, end + 1):
            if offset:
                glyph = struct.unpack_from(">H", data, range_at + 2 * i + offset + 2 * (code - start))[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            else:
                glyph = (code + delta) & 0xFFFF
            if glyph:
                mapping.setdefault(code, glyph)
    return mapping


@lru_cache(maxsize=None)
def coverage(key: str) -> frozenset[int]:
    """Code points the font ``key`` has a glyph for (from its cmap)."""
    return frozenset(cmap(key))


def font_for(ch: str, key: str) -> str | None:
    """The font that draws ``ch``: ``key`` if it can, else the fallback, else None (no bundled glyph)."""
    code = ord(ch)
    if code in coverage(key):
        return key
    if code in coverage(FALLBACK):
        return FALLBACK
    return None


def missing_glyphs(text: str) -> list[str]:
    """Characters in ``text`` that no bundled font can draw (spaces and controls excepted)."""
    fallback = coverage(FALLBACK)
    seen = []
    for ch in text:
        if ch.isspace() or ch in seen:
            continue
        if ord(ch) not in fallback and not any(ord(ch) in coverage(k) for k in FONT_FILES):
            seen.append(ch)
    return seen


@lru_cache(maxsize=None)
def advances(key: str) -> tuple[dict[int, float], float, float]:
    """Font ``key``'s metrics in em: ({code point: advance width}, ascent, descent (negative)).

    Read from the font's own tables (cmap, hmtx, hhea, head, OS/2), so any writer measures text
    the same way.
    """
    tables = _tables(key)
    upm = struct.unpack_from(">H", tables["head"], 18)[0]
    metrics = struct.unpack_from(">H", tables["hhea"], 34)[0]
    hmtx = struct.unpack_from(f">{2 * metrics}H", tables["hmtx"])[::2]
    last = hmtx[-1]
    widths = {code: (hmtx[glyph] if glyph < metrics else last) / upm for code, glyph in cmap(key).items()}
    ascent, descent = struct.unpack_from(">hh", tables["OS/2"], 68)
    return widths, ascent / upm, descent / upm


def runs_by_font(text: str, key: str) -> list[tuple[str, str]]:
    """``text`` cut into (text, font key) runs: ``key`` where it has the glyph, else the fallback."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        font = font_for(ch, key) or key
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + ch, font)
        else:
            runs.append((ch, font))
    return runs


def text_width(text: str, key: str, size: float) -> float:
    """Advance width in pt of ``text`` set in font ``key`` at ``size``, fallback glyphs included."""
    total = 0.0
    for run, font in runs_by_font(text, key):
        widths = advances(font)[0]
        total += sum(widths.get(ord(ch), 0.5) for ch in run)
    return total * size
