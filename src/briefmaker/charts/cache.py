"""Rendered charts cached by a hash of everything that decides their pixels."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from .. import document as d
from ..fonts import font_path
from ..style import Style

CACHE_VERSION = "3"  # bump whenever draw.py changes what a chart looks like


def chart_key(spec: d.ChartSpec, style: Style) -> str:
    """A content hash of the chart, its style's chart settings, the fonts and the renderer versions."""
    import importlib.metadata as md

    role = style.role("chart")
    fonts = [str(os.path.getsize(font_path(k))) for k in (role.pdf, "fallback")]
    payload = json.dumps(
        {
            "v": CACHE_VERSION,
            "spec": asdict(spec),
            "role": asdict(role),
            "palette": style.palette,
            "width": style.type_width,
            "fonts": fonts,
            "mpl": md.version("matplotlib"),
        },
        sort_keys=True, ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


class ChartCache:
    """SVG and PNG of each chart, on disk under ``folder`` (None: memory only)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.memory: dict[str, tuple[bytes, bytes]] = {}

    def get(self, spec: d.ChartSpec, style: Style) -> tuple[bytes, bytes]:
        """(SVG, PNG) for the chart, drawing it only when no cached copy exists."""
        key = chart_key(spec, style)
        if key in self.memory:
            return self.memory[key]
        if self.folder:
            svg_path, png_path = self.folder / f"{key}.svg", self.folder / f"{key}.png"
            if svg_path.is_file() and png_path.is_file():
                result = svg_path.read_bytes(), png_path.read_bytes()
                self.memory[key] = result
                return result
        from .draw import render

        result = render(spec, style)
        self.memory[key] = result
        if self.folder:
            from ..render.atomic import write_atomic

            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / f"{key}.svg", result[0])
            write_atomic(self.folder / f"{key}.png", result[1])
        return result
