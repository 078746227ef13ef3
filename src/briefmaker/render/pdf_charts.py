"""Chart SVGs as ReportLab drawings (vector), converted once and kept.

svglib's conversion costs ~0.1 s a chart — more than the rest of a cached build — so the
converted drawing is kept in memory and, next to the chart cache, on disk as a pickle keyed by
the SVG's hash. The cache folder is the user's own output folder; a pickle there is trusted
like the outputs themselves (delete the folder to drop it).
"""
from __future__ import annotations

import hashlib
import io
import pickle
from collections import OrderedDict
from pathlib import Path

_MEMORY: OrderedDict[str, object] = OrderedDict()  # the most recent drawings of this process
_MEMORY_SIZE = 32  # a batch worker builds unit after unit: keep memory flat
_VERSION = b"rl-drawing-1"


def chart_drawing(svg: bytes, folder: Path | None = None):
    """The ReportLab Drawing for ``svg``; converted by svglib only the first time."""
    key = hashlib.sha256(_VERSION + svg).hexdigest()[:32]
    if key in _MEMORY:
        _MEMORY.move_to_end(key)
        return _copy(_MEMORY[key])
    path = folder / f"{key}.rl.pickle" if folder else None
    drawing = None
    if path and path.is_file():
        try:
            drawing = pickle.loads(path.read_bytes())
        except Exception:  # a stale or damaged cache entry: convert again
            drawing = None
    if drawing is None:
        from svglib.svglib import svg2rlg

        drawing = svg2rlg(io.BytesIO(svg))
        if path:
            from .atomic import write_atomic

            write_atomic(path, pickle.dumps(drawing, protocol=pickle.HIGHEST_PROTOCOL))
    _MEMORY[key] = drawing
    while len(_MEMORY) > _MEMORY_SIZE:
        _MEMORY.popitem(last=False)
    return _copy(drawing)


def _copy(drawing):
    """A fresh copy: platypus sets attributes (hAlign, canv) on the flowables it lays out."""
    return pickle.loads(pickle.dumps(drawing, protocol=pickle.HIGHEST_PROTOCOL))
