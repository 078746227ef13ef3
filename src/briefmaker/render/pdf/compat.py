"""Every ReportLab internal the PDF writer touches, in one place, behind a version check.

ReportLab has no public API for these: the ToUnicode CMap of characters beyond the BMP (fixed
here), handing a parsed font face to ``TTFont`` (and keeping one between processes), the document's time stamp and file ID, and a
frame's or a table's measured room. A ReportLab outside the tested range fails loudly at import
instead of writing a subtly different PDF; pyproject.toml pins the same range.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import time
from contextlib import contextmanager

import reportlab
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.pdfdoc import TimeStamp

TESTED = ((4, 0), (6, 0))  # ReportLab versions >= the first and < the second


def _version(text: str) -> tuple[int, int]:
    major, minor, *_ = (text.split(".") + ["0"])
    return int(major), int("".join(ch for ch in minor if ch.isdigit()) or 0)


if not TESTED[0] <= _version(reportlab.Version) < TESTED[1]:
    raise ImportError(f"briefmaker needs ReportLab >= {'.'.join(map(str, TESTED[0]))} and < "
                      f"{'.'.join(map(str, TESTED[1]))}, found {reportlab.Version}")

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


@contextmanager
def parsed_face(face: ttfonts.TTFontFace):
    """While active, ``TTFont(...)`` takes ``face`` instead of parsing the file again
    (TTFont.__init__ looks the face class up in its module)."""
    parse = ttfonts.TTFontFace
    ttfonts.TTFontFace = lambda *args, **kwargs: face
    try:
        yield
    finally:
        ttfonts.TTFontFace = parse


def face_state(face: ttfonts.TTFontFace) -> dict:
    """A parsed face's attributes, less the font bytes and the scaling function."""
    return {k: v for k, v in vars(face).items() if k not in ("_ttf_data", "_pdfScale")}


def face_from_state(state: dict, data: bytes) -> ttfonts.TTFontFace:
    """The face whose :func:`face_state` was ``state``, with the font file's bytes ``data``."""
    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    face.__dict__.update(state)
    face._ttf_data = data
    face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x, m=1000 / face.unitsPerEm: x * m)
    return face


def fix_dates(canvas, date: dt.date | None) -> None:
    """Creation and modification dates from ``date`` (the brief's), whatever the clock or
    SOURCE_DATE_EPOCH, and the file ID reseeded from them the way ReportLab seeds it."""
    stamp = TimeStamp(invariant=True)
    moment = dt.datetime.combine(date or dt.date(2000, 1, 1), dt.time(0, 0), dt.timezone.utc)
    stamp.t = moment.timestamp()
    stamp.lt = time.gmtime(stamp.t)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    document = canvas._doc
    document._timeStamp = stamp
    document.signature = hashlib.md5(b"a reportlab document", usedforsecurity=False)
    document.signature.update(ascii(stamp.t).encode())


def frame_room(frame) -> tuple[float, float]:
    """(height left, width) of the frame being filled."""
    return frame._y - frame._y1, frame._aW


def frame_height(frame) -> float:
    """The whole height of a frame (a page's type area)."""
    return frame._height


def frame_at_top(frame) -> bool:
    """Whether nothing has been set in the frame yet."""
    return bool(frame._atTop)


def placed_frame(flowable):
    """The frame a flowable is being set in (Frame.add tells it), or None."""
    return getattr(flowable, "_frame", None)


def row_heights(table) -> list[float]:
    """A Table's row heights after wrap."""
    return list(table._rowHeights)


def retry(flowable) -> None:
    """Let a flowable that did not fit on the last page be tried again on this one without
    ReportLab calling it too large (it marks a flowable it postpones once)."""
    if hasattr(flowable, "_postponed"):
        del flowable._postponed


def table_height(table) -> float:
    """A Table's height after wrap."""
    return table._height
