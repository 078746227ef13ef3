"""Bundled fonts registered with ReportLab (once per process) and measured through it."""
from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

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
