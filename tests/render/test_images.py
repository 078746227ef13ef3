"""`image:` files of every kind a camera, scanner or print shop hands over: both writers embed
them, showing the same colours, or `check` and `build` refuse them with a located message."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from briefmaker import build

BRIEF = """meta: {{title: 图片}}
sections:
  - title: 一节
    body:
      - 下图。
      - image:
          path: {name}
          caption: 图一
"""

GREY = (128, 128, 128)
ORANGE = (255, 128, 0)


def _cmyk_jpeg(path: Path) -> None:
    Image.new("RGB", (40, 20), ORANGE).convert("CMYK").save(path, quality=100)


def _grey16_png(path: Path) -> None:
    Image.new("I;16", (40, 20), 0x8080).save(path)  # mid grey, stored as 16 bits


def _palette_png(path: Path) -> None:
    image = Image.new("P", (40, 20), 1)
    image.putpalette([0, 0, 0, *ORANGE] + [0] * 762)
    image.putpixel((0, 0), 0)  # one transparent corner
    image.save(path, transparency=0)


def _progressive_jpeg(path: Path) -> None:
    Image.new("RGB", (40, 20), ORANGE).save(path, progressive=True, quality=100)


def _grey_jpeg(path: Path) -> None:
    Image.new("L", (40, 20), GREY[0]).save(path, quality=100)


KINDS = {
    "cmyk.jpg": (_cmyk_jpeg, ORANGE),
    "grey16.png": (_grey16_png, GREY),
    "palette.png": (_palette_png, ORANGE),
    "progressive.jpg": (_progressive_jpeg, ORANGE),
    "grey.jpg": (_grey_jpeg, GREY),
}


def _rgb(image: Image.Image) -> tuple[int, int, int]:
    """The colour at the picture's centre, as RGB."""
    return image.convert("RGBA").convert("RGB").getpixel((image.width // 2, image.height // 2))


def _close(got, want, tolerance=12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(got, want))


def _docx_pictures(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as archive:
        return [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]


@pytest.mark.parametrize("name", sorted(KINDS))
def test_both_writers_embed_the_image_in_the_same_colours(name, tmp_path):
    from pypdf import PdfReader

    make, colour = KINDS[name]
    make(tmp_path / name)
    brief = tmp_path / "b.yaml"
    brief.write_text(BRIEF.format(name=name), encoding="utf-8")
    first = build(brief, tmp_path / "a")
    second = build(brief, tmp_path / "b")
    for a, b in zip(first.outputs, second.outputs):
        assert a.read_bytes() == b.read_bytes(), a.name

    (docx_picture,) = _docx_pictures(tmp_path / "a" / "b.docx")
    shown = Image.open(io.BytesIO(docx_picture))
    assert shown.format in ("PNG", "JPEG") and shown.mode in ("L", "LA", "P", "RGB", "RGBA"), shown.mode
    assert _close(_rgb(shown), colour), _rgb(shown)

    (pdf_picture,) = [image for page in PdfReader(tmp_path / "a" / "b.pdf").pages for image in page.images]
    assert _close(_rgb(pdf_picture.image), colour), _rgb(pdf_picture.image)


def test_a_plain_jpeg_is_embedded_as_it_is(tmp_path):
    _progressive_jpeg(tmp_path / "photo.jpg")
    brief = tmp_path / "b.yaml"
    brief.write_text(BRIEF.format(name="photo.jpg"), encoding="utf-8")
    build(brief, tmp_path / "out")
    assert _docx_pictures(tmp_path / "out" / "b.docx") == [(tmp_path / "photo.jpg").read_bytes()]


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_damaged_image_is_a_located_error(command, tmp_path, cli_here):
    Image.new("RGB", (400, 200), ORANGE).save(tmp_path / "cut.png")
    whole = (tmp_path / "cut.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(whole[: len(whole) // 2])  # the signature is still right
    brief = tmp_path / "b.yaml"
    brief.write_text(BRIEF.format(name="cut.png"), encoding="utf-8")
    args = ("-o", tmp_path / "out") if command == "build" else ()
    done = cli_here(command, brief, *args, cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "b.yaml:7:17: sections[0].body[1].image.path: image 'cut.png' cannot be read: " in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


def test_a_cmyk_jpeg_passes_check_and_builds(tmp_path, cli_here):
    _cmyk_jpeg(tmp_path / "print.jpg")
    brief = tmp_path / "b.yaml"
    brief.write_text(BRIEF.format(name="print.jpg"), encoding="utf-8")
    for args in (("check", brief), ("build", brief, "-o", tmp_path / "out")):
        done = cli_here(*args, cwd=tmp_path)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert (tmp_path / "out" / "b.docx").exists() and (tmp_path / "out" / "b.pdf").exists()
