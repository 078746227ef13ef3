"""Chart pictures cached by a hash of everything that decides their pixels.

Only the DOCX's chart pictures (a style with `charts: {docx: picture}`) are cached: the PDF's
vector charts are laid out afresh in a millisecond each (scene.py) and need no cache.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from .. import document as d
from ..fonts import font_path
from ..style import Style

CACHE_VERSION = "4"  # bump whenever scene.py or raster.py change what a chart looks like


def chart_key(spec: d.ChartSpec, style: Style, kind: str = "png") -> str:
    """A content hash of the chart, its style's chart settings, the fonts, the renderer and what is cached."""
    role = style.role("chart")
    fonts = [str(os.path.getsize(font_path(k))) for k in (role.pdf, "fallback")]
    payload = json.dumps(
        {
            "v": CACHE_VERSION,
            "kind": kind,
            "spec": asdict(spec),
            "role": asdict(role),
            "palette": style.palette,
            "width": style.type_width,
            "fonts": fonts,
        },
        sort_keys=True, ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


class ChartCache:
    """Rendered chart files on disk under ``folder`` (None: memory only), by content hash."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.memory: dict[str, bytes] = {}

    def fetch(self, key: str, make, suffix: str) -> bytes:
        """The bytes cached under ``key``, or ``make()``'s, then cached."""
        if key in self.memory:
            return self.memory[key]
        path = self.folder / f"{key}{suffix}" if self.folder else None
        if path and path.is_file():
            data = path.read_bytes()
        else:
            data = make()
            if path:
                from ..infra.atomic import write_atomic

                self.folder.mkdir(parents=True, exist_ok=True)
                write_atomic(path, data)
        self.memory[key] = data
        return data

    def png(self, spec: d.ChartSpec, style: Style) -> bytes:
        """The chart's 300 dpi PNG, painted only when no cached copy exists."""
        def make() -> bytes:
            from .raster import to_png
            from .scene import layout

            return to_png(layout(spec, style))

        return self.fetch(chart_key(spec, style), make, ".png")
