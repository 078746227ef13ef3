"""A laid-out chart (charts/scene.py) as a ReportLab Drawing: vector shapes and real text."""
from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Path, String
from reportlab.lib.colors import HexColor

from ...charts.scene import Scene, Shape
from .fonts import pdf_font

_STEPS = {"M": "moveTo", "L": "lineTo", "C": "curveTo", "Z": "closePath"}


def chart_drawing(scene: Scene) -> Drawing:
    """A flowable Drawing of ``scene``; text is set in the bundled fonts, glyph by glyph falling
    back like body text, so chart labels are searchable and copy out of the PDF."""
    drawing = Drawing(scene.width, scene.height)
    for item in scene.items:
        if isinstance(item, Shape):
            drawing.add(_path(item))
        else:
            for x, run, font in item.runs():
                drawing.add(String(x, item.y, run, fontName=pdf_font(font), fontSize=item.size,
                                   fillColor=HexColor(item.color)))
    return drawing


def _path(shape: Shape) -> Path:
    path = Path(fillColor=HexColor(shape.fill) if shape.fill else None,
                strokeColor=HexColor(shape.stroke) if shape.stroke else None,
                strokeWidth=shape.width, strokeLineJoin=1, strokeLineCap=1)
    for step in shape.path:
        getattr(path, _STEPS[step[0]])(*step[1:])
    return path
