"""Image files a brief names: a check that one is a PNG or JPEG both writers can embed, and the
bytes they embed, the same for the DOCX and the PDF."""
from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..infra.files import note_read

_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}
# what Word, WPS, LibreOffice, python-docx and ReportLab all take as it is; python-docx knows a
# JPEG only by a JFIF or Exif segment first, and 16-bit grey would print white through ReportLab
_AS_IT_IS = {"png": {"1", "L", "LA", "P", "RGB", "RGBA"}, "jpeg": {"L", "RGB"}}
_JPEG_MARKERS = (b"JFIF", b"Exif")
# what Pillow raises on a damaged or hostile file (truncated data, bad chunks, too many pixels)
_DECODE_ERRORS = (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning)
MAX_PIXELS = 36_000_000  # 6000 × 6000: 144 MB as RGBA; a full A4 page at 300 dpi is 8.7 million
MAX_BYTES = 20 * 1024 * 1024


def _kind(head: bytes) -> str | None:
    for signature, kind in _SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


def image_kind(path: Path) -> str | None:
    """'png' or 'jpeg' by the file's first bytes, else None."""
    with open(path, "rb") as handle:
        return _kind(handle.read(8))


def read_image(path: Path) -> tuple[bytes, str]:
    """(the bytes both writers embed, '') for an embeddable image (a PNG or JPEG of at most
    MAX_BYTES and MAX_PIXELS that decodes whole), else (b'', a short reason). The file is read
    once; the pixel count is checked from the header, before anything is decoded."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        note_read(path, data)
        if len(data) > MAX_BYTES:
            return b"", f"over {MAX_BYTES // (1024 * 1024)} MB"
        kind = _kind(data[:8])
        if not kind:
            return b"", "not a PNG or JPEG file"
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return b"", f"{width} × {height} pixels, over the limit of {MAX_PIXELS:,}"
                image.load()
                return _embeddable(data, kind, image), ""
    except UnidentifiedImageError:  # its message names the whole path
        return b"", "damaged image data"
    except _DECODE_ERRORS as exc:
        return b"", getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def check_image(path: Path) -> str:
    """'' when ``path`` is an embeddable image (see :func:`read_image`), else a short reason."""
    return read_image(path)[1]


def embeddable_image(path: Path) -> bytes:
    """The bytes both writers embed for ``path`` (an image :func:`check_image` passed)."""
    data, problem = read_image(path)
    if problem:
        raise ValueError(problem)
    return data


def _embeddable(data: bytes, kind: str, image: Image.Image) -> bytes:
    """The file itself when every reader shows it alike (a PNG that is not 16-bit grey; a grey or
    RGB JPEG with a JFIF or Exif header); otherwise the same picture converted in memory,
    deterministically: a CMYK or headerless JPEG becomes an RGB JPEG (quality 95, keeping an RGB
    colour profile, dropping a CMYK one and the Exif data), a 16-bit grey PNG an 8-bit grey PNG."""
    if image.mode in _AS_IT_IS[kind] and (kind == "png" or data[6:10] in _JPEG_MARKERS):
        return data
    out = io.BytesIO()
    if kind == "jpeg":
        profile = image.info.get("icc_profile") if image.mode == "RGB" else None
        image.convert("RGB").save(out, "JPEG", quality=95, icc_profile=profile)
    elif image.mode.startswith("I"):  # 16-bit grey: scale to 8 bits (Pillow's convert clips)
        image.convert("I").point(lambda v: v / 257).convert("L").save(out, "PNG")
    else:
        image.convert("RGBA").save(out, "PNG")
    return out.getvalue()
