"""Pictures of a report's PDF pages: one long PNG of the whole report (for chat apps that show
an image but not a PDF), and each page alone (the web page's preview). Rendered with pdfium
from the PDF briefmaker wrote, so the picture is exactly the PDF; same PDF, same bytes."""
from __future__ import annotations

import io

LONG_SCALE = 1.5  # 108 dpi: an A4 page is 893 pixels wide, readable on a phone when zoomed
GAP = 24  # pixels of grey around and between the pages
BACKDROP = (232, 232, 232)


def _pages(pdf: bytes, scale: float):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            yield page.render(scale=scale).to_pil().convert("RGB")
            page.close()
    finally:
        document.close()


def long_png(pdf: bytes, scale: float = LONG_SCALE) -> bytes:
    """Every page of ``pdf`` one under the other, centred on light grey, as one PNG."""
    from PIL import Image

    pages = list(_pages(pdf, scale))
    width = max(p.width for p in pages) + 2 * GAP
    sheet = Image.new("RGB", (width, sum(p.height for p in pages) + GAP * (len(pages) + 1)), BACKDROP)
    y = GAP
    for page in pages:
        sheet.paste(page, ((width - page.width) // 2, y))
        y += page.height + GAP
    buffer = io.BytesIO()
    sheet.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


def page_jpegs(pdf: bytes, scale: float = 1.0, quality: int = 88) -> list[bytes]:
    """Each page of ``pdf`` as a JPEG (a preview: a tenth of a PNG's encoding time)."""
    out = []
    for image in _pages(pdf, scale):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality)
        out.append(buffer.getvalue())
    return out
