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


@lru_cache(maxsize=None)
def advances(key: str) -> tuple[dict[int, float], float, float]:
    """Font ``key``'s metrics in em: ({code point: advance width}, ascent, descent (negative)).

    Read from the font's own tables (cmap, hmtx, OS/2), so any writer measures text the same way.
    """
    from fontTools.ttLib import TTFont

    with TTFont(font_path(key), lazy=True) as font:
        order = [f"g{i}" for i in range(font["maxp"].numGlyphs)]
        font.setGlyphOrder(order)
        upm = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        widths = {code: metrics[name][0] / upm for code, name in font.getBestCmap().items()}
        os2 = font["OS/2"]
        return widths, os2.sTypoAscender / upm, os2.sTypoDescender / upm


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
