"""A laid-out chart (scene.py) as a PNG, for the DOCX when a style asks for chart pictures.

matplotlib's Agg renderer paints the scene's shapes and text as they are: it lays out nothing,
so the picture matches the PDF's vector chart. It is imported only here, only when a picture is
needed, and is handed fonts by file, never by name, so system fonts cannot take part.
"""
from __future__ import annotations

import io
from functools import lru_cache

from ..fonts import font_path
from .scene import Scene, Shape

RENDERS = {"count": 0}  # pictures actually painted in this process (tests count cache misses)


@lru_cache(maxsize=None)
def _font(key: str):
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=str(font_path(key)))


def to_png(scene: Scene, dpi: int = 300) -> bytes:
    """The PNG of ``scene`` at ``dpi``; the same scene always gives the same bytes."""
    from matplotlib.figure import Figure
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    RENDERS["count"] += 1
    codes = {"M": Path.MOVETO, "L": Path.LINETO, "Z": Path.CLOSEPOLY}
    figure = Figure(figsize=(scene.width / 72, scene.height / 72), dpi=dpi)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, scene.width)
    ax.set_ylim(0, scene.height)
    ax.set_axis_off()
    for item in scene.items:
        if isinstance(item, Shape):
            vertices, kinds = [], []
            start = (0.0, 0.0)
            for step in item.path:
                if step[0] == "C":
                    vertices += [step[1:3], step[3:5], step[5:7]]
                    kinds += [Path.CURVE4] * 3
                elif step[0] == "Z":
                    vertices.append(start)
                    kinds.append(codes["Z"])
                else:
                    if step[0] == "M":
                        start = step[1:3]
                    vertices.append(step[1:3])
                    kinds.append(codes[step[0]])
            ax.add_patch(PathPatch(Path(vertices, kinds), facecolor=item.fill or "none",
                                   edgecolor=item.stroke or "none", linewidth=item.width,
                                   capstyle="round", joinstyle="round"))
            continue
        for x, run, font in item.runs():
            ax.text(x, item.y, run, fontproperties=_font(font), fontsize=item.size, color=item.color,
                    ha="left", va="baseline")
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()
