"""The examples of docs/charts.md as one brief, and the pictures the page shows.

``python3 -m tests.charts.gallery`` composes that brief and writes each chart's 300 dpi picture,
halved, to docs/images/chart-<kind>.png.
"""
from __future__ import annotations

import io
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "charts.md"
IMAGES = ROOT / "docs" / "images"


def gallery_brief(page: str) -> str:
    """A brief holding the page's `data:` block and every `- chart:`/`- figures:` example, in order."""
    blocks = re.findall(r"```yaml\n(.*?)```", page, flags=re.S)
    data = next(b for b in blocks if b.startswith("data:"))
    items = [b for b in blocks if b.startswith(("- chart:", "- figures:"))]
    body = "".join("\n".join("      " + line if line else line for line in b.splitlines()) + "\n" for b in items)
    return "meta:\n  title: 图表示例\n" + data + "sections:\n  - title: 图表\n    body:\n" + body


def pictures(docx_path: Path) -> list[bytes]:
    """The bytes of each picture (PNG) or native chart (chart XML part) in the DOCX, in reading order."""
    import docx

    document = docx.Document(str(docx_path))
    out = []
    for shape in document.inline_shapes:
        pic = shape._inline.graphic.graphicData.pic
        if pic is not None:
            rid = pic.blipFill.blip.embed
        else:  # a native chart (render/docx_chart.py)
            rid = shape._inline.xpath(".//c:chart/@r:id")[0]
        out.append(document.part.related_parts[rid].blob)
    return out


def main() -> int:
    from PIL import Image

    from briefmaker.build import prepare
    from briefmaker.charts.raster import to_png
    from briefmaker.charts.scene import layout

    page = PAGE.read_text(encoding="utf-8")
    kinds = re.findall(r"^    kind: (\w+)$", page, flags=re.M)
    with tempfile.TemporaryDirectory() as tmp:
        brief = Path(tmp) / "gallery.yaml"
        brief.write_text(gallery_brief(page), encoding="utf-8")
        # the DOCX holds native charts: the page shows each chart as drawn for the PDF, at 300 dpi
        _, style, document = prepare(brief)
        pngs = [to_png(layout(chart.content, style)) for chart in document.charts()]
    IMAGES.mkdir(exist_ok=True)
    for kind, png in zip(kinds, pngs, strict=True):
        image = Image.open(io.BytesIO(png))
        image = image.resize((image.width // 2, image.height // 2), Image.LANCZOS)
        target = IMAGES / f"chart-{kind}.png"
        image.save(target, optimize=True)
        print(target.relative_to(ROOT), target.stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
