"""Bundled fonts registered with ReportLab (once per process) and measured through it."""
from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

_reportlab_to_unicode = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname, subset):
    """ReportLab's ToUnicode CMap, with characters beyond the BMP as UTF-16 surrogate pairs.

    ReportLab 5.1 writes U+20BB7 as <20BB7>, which readers take as U+20BB plus junk, so a rare
    name (𠮷) copied out of the PDF came back wrong. PDF wants UTF-16BE in ToUnicode.
    """
    text = _reportlab_to_unicode(fontname, subset)
    for code in subset:
        if code > 0xFFFF:
            utf16 = chr(code).encode("utf-16-be").hex().upper()
            text = text.replace(f"> <{code:04X}>", f"> <{utf16}>")
    return text


ttfonts.makeToUnicodeCMap = _to_unicode_cmap

import pickle

import reportlab

from ...fonts import FONT_FILES, font_path
from ...infra.cachedirs import cache_root


def _face(key: str) -> ttfonts.TTFontFace:
    """ReportLab's parsed face of bundled font ``key``, kept between processes.

    ReportLab parses cmap and hmtx in pure Python (~18 ms a font, ~50 ms for the fallback) in
    every process; the parsed tables are kept as a pickle under cache_root(), keyed by the font
    file's size and mtime and ReportLab's version, and the font bytes are read afresh. Any
    problem with the cache means parsing again: the cache can only save time.
    """
    path = font_path(key)
    stat = path.stat()
    folder = cache_root() / "fonts"
    cached = folder / f"{key}-{stat.st_size}-{stat.st_mtime_ns}-rl{reportlab.Version}.pickle"
    try:
        face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
        face.__dict__.update(pickle.loads(cached.read_bytes()))
        face._ttf_data = path.read_bytes()
        face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x, m=1000 / face.unitsPerEm: x * m)
        return face
    except Exception:  # no cache yet, or one from another version: parse
        pass
    face = ttfonts.TTFontFace(str(path))
    state = {k: v for k, v in vars(face).items() if k not in ("_ttf_data", "_pdfScale")}
    try:
        from ...infra.atomic import write_atomic

        for stale in folder.glob(f"{key}-*.pickle"):
            stale.unlink()
        write_atomic(cached, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:  # a read-only home: build without the cache
        pass
    return face


@lru_cache(maxsize=None)
def pdf_font(key: str) -> str:
    """The ReportLab font name of bundled font ``key``, registering it on first use."""
    if key not in FONT_FILES:
        raise KeyError(f"no bundled font '{key}'")
    name = f"BM-{key}"
    face = _face(key)
    parse = ttfonts.TTFontFace
    ttfonts.TTFontFace = lambda *args, **kwargs: face  # TTFont.__init__ looks the class up here
    try:
        font = TTFont(name, str(font_path(key)))
    finally:
        ttfonts.TTFontFace = parse
    pdfmetrics.registerFont(font)
    return name


def string_width(text: str, key: str, size: float) -> float:
    """Advance width of ``text`` in bundled font ``key`` at ``size`` pt."""
    return pdfmetrics.stringWidth(text, pdf_font(key), size)
