"""Bundled fonts registered with ReportLab (once per process) and measured through it."""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
import sys
from array import array
from functools import lru_cache

import reportlab
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from ...fonts import FONT_FILES, font_path
from ...infra import sealed
from ...infra.cachedirs import cache_root
from .compat import face_from_state, face_state, parsed_face

_FORMAT = f"json-2-{sys.byteorder}"  # bump when the encoding below changes


def _face(key: str) -> ttfonts.TTFontFace:
    """ReportLab's parsed face of bundled font ``key``, kept between processes.

    ReportLab parses cmap and hmtx in pure Python (~18 ms a font, ~50 ms for the fallback) in
    every process; the parsed tables are kept under cache_root() as JSON in a sealed entry
    (infra/sealed.py), keyed by the font file's size and mtime, ReportLab's version and this
    format, and the font bytes are read afresh. An entry that does not verify, or that does
    not decode into exactly the types ReportLab keeps, means parsing again: the cache can only
    save time, and nothing in it can run.
    """
    path = font_path(key)
    stat = path.stat()
    entry_key = f"{key}:{stat.st_size}:{stat.st_mtime_ns}:rl{reportlab.Version}:{_FORMAT}"
    cached = cache_root() / "fonts" / f"{key}.json"
    payload = sealed.load(cached, entry_key)
    if payload is not None:
        try:
            return face_from_state(_decode(json.loads(payload)), path.read_bytes())
        except (ValueError, TypeError, KeyError, AttributeError, ZeroDivisionError, binascii.Error):
            pass  # verified but not ours to read (another writer's bug): parse
    face = ttfonts.TTFontFace(str(path))
    state = face_state(face)
    try:
        sealed.store(cached, entry_key, json.dumps(_encode(state), separators=(",", ":")).encode())
    except TypeError:  # a ReportLab with other attribute types: build without the cache
        pass
    return face


def _ints(values) -> str:
    return base64.b64encode(array("q", values).tobytes()).decode()


def _unints(text: str) -> list[int]:
    out = array("q")
    out.frombytes(base64.b64decode(text, validate=True))
    return out.tolist()


def _encode(value):
    """``value`` as JSON data that says its own Python type (dict keys, tuples and bytes survive);
    the big tables (cmap, widths, glyph positions) as packed 64-bit integer arrays."""
    if value is None or isinstance(value, (bool, str, float)) or type(value) is int:
        return value
    if isinstance(value, ttfonts.TTFNameBytes):
        return {"n": base64.b64encode(value).decode()}
    if isinstance(value, bytes):
        return {"b": base64.b64encode(value).decode()}
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    try:
        if isinstance(value, list) and all(type(v) is int for v in value):
            return {"li": _ints(value)}
        if isinstance(value, list) and value and all(type(v) is tuple and len(v) == len(value[0])
                                                     and all(type(x) is int for x in v) for v in value):
            return {"lt": [len(value[0]), _ints(x for v in value for x in v)]}
        if isinstance(value, dict) and all(type(k) is int for k in value):
            if all(type(v) is int for v in value.values()):
                return {"ii": [_ints(value), _ints(value.values())]}
            if all(type(v) is list and all(type(x) is int for x in v) for v in value.values()):
                return {"il": [_ints(value), _ints(len(v) for v in value.values()),
                               _ints(x for v in value.values() for x in v)]}
    except OverflowError:  # beyond 64 bits: kept item by item below
        pass
    if isinstance(value, list):
        return {"l": [_encode(v) for v in value]}
    if isinstance(value, dict):
        return {"d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    raise TypeError(type(value).__name__)


def _decode(value):
    """The inverse of :func:`_encode`; only the types it writes come back."""
    if not isinstance(value, dict):
        if isinstance(value, list):
            raise TypeError("bare list")
        return value
    (tag, data), = value.items()
    if tag == "li":
        return _unints(data)
    if tag == "lt":
        width, flat = data[0], _unints(data[1])
        if type(width) is not int or width < 1 or len(flat) % width:
            raise ValueError("lt")
        return [tuple(flat[i:i + width]) for i in range(0, len(flat), width)]
    if tag == "ii":
        return dict(zip(_unints(data[0]), _unints(data[1]), strict=True))
    if tag == "il":
        keys, lengths, flat = (_unints(d) for d in data)
        out, at = {}, 0
        for key, length in zip(keys, lengths, strict=True):
            if length < 0:
                raise ValueError("il")
            out[key] = flat[at:at + length]
            at += length
        if at != len(flat):
            raise ValueError("il")
        return out
    if tag == "l":
        return [_decode(v) for v in data]
    if tag == "t":
        return tuple(_decode(v) for v in data)
    if tag == "d":
        return {_decode(k): _decode(v) for k, v in data}
    if tag == "n":
        return ttfonts.TTFNameBytes(base64.b64decode(data, validate=True))
    if tag == "b":
        return base64.b64decode(data, validate=True)
    raise KeyError(tag)


@lru_cache(maxsize=None)
def pdf_font(key: str) -> str:
    """The ReportLab font name of font ``key`` (a bundled key, or the path of a style's own
    TrueType file), registering it on first use."""
    if key not in FONT_FILES:  # a style's own file: parsed afresh, named by its path
        path = font_path(key)
        name = "BM-" + hashlib.sha256(str(path).encode()).hexdigest()[:12]
        pdfmetrics.registerFont(TTFont(name, str(path)))
        return name
    name = f"BM-{key}"
    face = _face(key)
    with parsed_face(face):
        font = TTFont(name, str(font_path(key)))
    pdfmetrics.registerFont(font)
    return name


def string_width(text: str, key: str, size: float) -> float:
    """Advance width of ``text`` in bundled font ``key`` at ``size`` pt."""
    return pdfmetrics.stringWidth(text, pdf_font(key), size)
