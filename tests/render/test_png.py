"""``briefmaker build --format png``: the whole report as one long picture, page by page as the PDF."""
from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image

from tests.conftest import SEED_BRIEF, run_cli


def test_the_long_png_is_every_pdf_page_one_under_the_other_and_rebuilds_identically(tmp_path):
    made = run_cli("build", SEED_BRIEF, "-o", tmp_path / "a", "--format", "pdf,png")
    assert made.returncode == 0, made.stderr
    again = run_cli("build", SEED_BRIEF, "-o", tmp_path / "b", "--format", "png")
    assert again.returncode == 0, again.stderr
    png = (tmp_path / "a" / "changxing-2020.png").read_bytes()
    assert png == (tmp_path / "b" / "changxing-2020.png").read_bytes()
    assert not (tmp_path / "b" / "changxing-2020.pdf").exists()  # only what was asked for

    pdf = pdfium.PdfDocument((tmp_path / "a" / "changxing-2020.pdf").read_bytes())
    sizes = [(round(p.get_width() * 1.5), round(p.get_height() * 1.5)) for p in pdf]
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.mode == "RGB"
    gap = 24
    assert image.width == max(w for w, _ in sizes) + 2 * gap
    assert abs(image.height - (sum(h for _, h in sizes) + gap * (len(sizes) + 1))) <= len(sizes)
    # the first page is the PDF's first page: its title's dark pixels sit where pdfium draws them
    first = pdf[0].render(scale=1.5).to_pil().convert("L")
    top = image.crop((gap, gap, gap + first.width, gap + first.height)).convert("L")
    assert sum(abs(a - b) for a, b in zip(first.tobytes()[::97], top.tobytes()[::97])) == 0
    # between pages: the grey backdrop
    assert image.getpixel((image.width // 2, gap + sizes[0][1] + gap // 2)) == (232, 232, 232)
