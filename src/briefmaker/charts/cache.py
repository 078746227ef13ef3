"""The DOCX's chart parts (native chartSpace XML and workbook) and chart pictures, cached by a
hash of everything that decides their bytes.

The PDF's vector charts are laid out afresh in a millisecond each (scene.py) and need no cache.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from .. import document as d
from ..fonts import FONT_FILES, font_path
from ..infra import sealed
from ..infra.digests import file_digest
from ..style import Style
from ..text.bounds import Bound

# the modules whose code decides a cached chart's bytes (their source is part of every key)
_PRODUCERS = ("charts/plan.py", "charts/scene.py", "charts/labels.py", "charts/raster.py", "charts/cache.py",
              "render/docx/chart.py", "render/docx/chartspace.py", "render/docx/chart_numbers.py",
              "render/docx/ooxml.py")
_PACKAGE = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def _producers_digest() -> str:
    """SHA-256 of the package version and the producing modules' source, once per process."""
    from .. import __version__

    digest = hashlib.sha256(__version__.encode())
    for name in _PRODUCERS:
        file = _PACKAGE / name
        digest.update(name.encode() + b"\0" + (file.read_bytes() if file.is_file() else b"-") + b"\0")
    return digest.hexdigest()


def chart_key(spec: d.ChartSpec, style: Style, kind: str = "png") -> str:
    """A content hash of everything that decides the cached bytes: the chart, its style's chart
    settings, the fonts' contents, briefmaker's version and the producing modules' code, and
    what is cached (``kind``)."""
    role = style.role("chart")
    fonts = [file_digest(font_path(k) if k in FONT_FILES else Path(k)) for k in (role.pdf, "fallback")]
    payload = json.dumps(
        {
            "code": _producers_digest(),
            "kind": kind,
            "spec": asdict(spec),
            # a bound is a float to json (its value only): its kind and word decide labels and marks
            "bounds": [[repr(v) for v in values if isinstance(v, Bound)] for _, values in spec.series],
            "role": asdict(role),
            "palette": style.palette,
            "width": style.type_width,
            "fonts": fonts,
        },
        sort_keys=True, ensure_ascii=False, default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


class ChartCache:
    """Rendered chart files on disk under ``folder`` (None: memory only), by content hash.

    Each file is a sealed entry (infra/sealed.py): one that is damaged, planted or another key's
    is made again and replaced; a folder that cannot be written (read-only, full) only means no
    cache."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.memory: dict[str, bytes] = {}

    def fetch(self, key: str, make, suffix: str) -> bytes:
        """The bytes cached under ``key`` when they verify, else ``make()``'s, then cached."""
        if key in self.memory:
            return self.memory[key]
        path = self.folder / f"{key}{suffix}" if self.folder else None
        data = sealed.load(path, key) if path else None
        if data is None:
            data = make()
            if path:
                sealed.store(path, key, data)
        self.memory[key] = data
        return data

    def png(self, spec: d.ChartSpec, style: Style) -> bytes:
        """The chart's 300 dpi PNG, painted only when no cached copy exists."""
        def make() -> bytes:
            from .raster import to_png
            from .scene import layout

            return to_png(layout(spec, style))

        return self.fetch(chart_key(spec, style), make, ".png")
