"""Pictures of a brief's PDF pages: the web page's live preview and the long PNG of a report.

Runs inside a build worker (see ``service/worker.py``): the brief is laid out as the PDF
``briefmaker build`` writes, and each page is rendered with pdfium. Nothing is written to disk.
"""
from __future__ import annotations

import io
from pathlib import Path

from ...errors import BriefError

SCALE = 1.0  # 72 dpi: an A4 page is 595 × 842 pixels, sharp enough beside a form


def pdf_bytes(brief: str, style: str | None, outdir: str) -> tuple[bytes, list, bool]:
    """The PDF of ``brief`` (a draft, stamped 草稿, when values are still to fill), its warnings,
    and whether it is a draft. Raises BriefError with the brief's problems."""
    from ...build import glyph_warnings, prepare, render_outputs
    from ...charts.cache import ChartCache
    from ...infra.cachedirs import chart_cache_dir

    try:
        loaded, resolved, document = prepare(brief, style)
        draft = False
    except BriefError as exc:
        if not exc.problems or any(p.code != "placeholder" for p in exc.problems if p.severity != "warning"):
            raise
        loaded, resolved, document = prepare(brief, style, draft=True)
        draft = True
    data = render_outputs(document, resolved, ("pdf",), ChartCache(chart_cache_dir(Path(outdir))))["pdf"]
    return data, glyph_warnings(loaded, document), draft


def page_images(pdf: bytes, scale: float = SCALE) -> list[bytes]:
    """Each page of ``pdf`` as a JPEG (same PDF, same bytes): a preview, so the encoding that
    takes a tenth of a PNG's time wins."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in document:
            image = page.render(scale=scale).to_pil().convert("RGB")
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=88)
            out.append(buffer.getvalue())
            page.close()
        return out
    finally:
        document.close()


def long_image(pdf: bytes, scale: float = 2.0, gap: int = 24) -> bytes:
    """Every page of ``pdf`` one under the other in a single PNG (for chat apps), on light grey."""
    import pypdfium2 as pdfium
    from PIL import Image

    document = pdfium.PdfDocument(pdf)
    try:
        pages = [page.render(scale=scale).to_pil().convert("RGB") for page in document]
    finally:
        document.close()
    width = max(p.width for p in pages)
    height = sum(p.height for p in pages) + gap * (len(pages) + 1)
    sheet = Image.new("RGB", (width + 2 * gap, height), (232, 232, 232))
    y = gap
    for page in pages:
        sheet.paste(page, (gap + (width - page.width) // 2, y))
        y += page.height + gap
    buffer = io.BytesIO()
    sheet.save(buffer, "PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def preview(brief: str, style: str | None, outdir: str) -> dict:
    """The worker task: page pictures (JPEG), warnings and the draft flag of ``brief``."""
    data, warnings, draft = pdf_bytes(brief, style, outdir)
    return {"pages": page_images(data), "warnings": warnings, "draft": draft}
