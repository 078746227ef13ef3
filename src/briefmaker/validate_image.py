"""A cheap check that an image file is a PNG or JPEG a writer can embed."""
from __future__ import annotations

from pathlib import Path

_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


def image_kind(path: Path) -> str | None:
    """'png' or 'jpeg' by the file's first bytes, else None."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    for signature, kind in _SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


def check_image(path: Path) -> str:
    """'' when ``path`` is an embeddable image, else a short reason."""
    try:
        kind = image_kind(path)
    except OSError as exc:
        return exc.strerror or str(exc)
    return "" if kind else "not a PNG or JPEG file"
