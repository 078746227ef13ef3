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

from ..fonts import FONT_FILES, font_path


@lru_cache(maxsize=None)
def pdf_font(key: str) -> str:
    """The ReportLab font name of bundled font ``key``, registering it on first use."""
    if key not in FONT_FILES:
        raise KeyError(f"no bundled font '{key}'")
    name = f"BM-{key}"
    pdfmetrics.registerFont(TTFont(name, str(font_path(key))))
    return name


def string_width(text: str, key: str, size: float) -> float:
    """Advance width of ``text`` in bundled font ``key`` at ``size`` pt."""
    return pdfmetrics.stringWidth(text, pdf_font(key), size)
