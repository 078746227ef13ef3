"""The bundled fonts: role keys → files in fonts/, and which characters each can draw.

Fonts are always loaded by path from the project's fonts/ folder (or BRIEFMAKER_FONTS), never
from the system, so a machine without CJK fonts produces the same output.
"""
from __future__ import annotations

import os
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
    return Path(__file__).resolve().parents[2] / "fonts"


def font_path(key: str) -> Path:
    """The file of the bundled font ``key`` ('fang', 'hei', 'kai', 'song-bold', 'fallback')."""
    return fonts_dir() / FONT_FILES[key]


@lru_cache(maxsize=None)
def coverage(key: str) -> frozenset[int]:
    """Code points the font ``key`` has a glyph for (from its cmap)."""
    from fontTools.ttLib import TTFont  # fontTools reads only the cmap, lazily

    with TTFont(font_path(key), lazy=True) as font:
        # a synthetic glyph order spares decoding 30,000 glyph names from the 'post' table
        font.setGlyphOrder([f"g{i}" for i in range(font["maxp"].numGlyphs)])
        return frozenset(font.getBestCmap())


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
