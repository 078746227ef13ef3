"""Builds whose outputs are already there: recognised before anything is loaded, and skipped.

A build is deterministic: the same inputs give the same bytes. So a build records, in a stamp,
what decided its outputs — every file it read (the brief, the templates it extends, styles and
the fonts they name, data files, pictures: :func:`infra.files.recording`), a digest of
briefmaker's own code and data and of the bundled fonts, and the build's options (formats, style,
output name, draft, the data-table row) — with the digest of each file it wrote. The next build
with the same options reads its stamp first, before any stage is imported: when every recorded
input still has its recorded content and every output is still the file that build wrote, the
outputs are what building again would write, and nothing is done (a few milliseconds against
a second or two).

Anything else builds as usual: an input edited, moved or gone, an output opened and saved in Word,
other options, another version of briefmaker, a damaged or foreign stamp (stamps are sealed
entries, infra/sealed.py). A build with warnings leaves no stamp, so they are shown every time.
Stamps live beside the chart cache, in ``OUT/.cache/builds/``; deleting ``OUT/.cache`` forces
every build.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import sealed
from .digests import data_digest, file_digest

_PACKAGE = Path(__file__).resolve().parents[1]
_NOT_CODE = {"fonts", "__pycache__", "web"}  # bundled fonts are digested one by one; web pages decide no output
_ENV = ("BRIEFMAKER_ROOT", "BRIEFMAKER_FONTS")  # settings that change what a build reads


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 of briefmaker's version, every file of the package that can decide an output's
    bytes (code, built-in styles, manifests) and the bundled fonts' contents; once per process."""
    from .. import __version__
    from ..fonts import FONT_FILES, font_path

    digest = hashlib.sha256(__version__.encode())
    for folder, dirs, files in sorted(os.walk(_PACKAGE)):
        dirs[:] = sorted(d for d in dirs if d not in _NOT_CODE)
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".json", ".txt", ".xml")):
                file = Path(folder, name)
                digest.update(str(file.relative_to(_PACKAGE)).encode() + b"\0" + file.read_bytes() + b"\0")
    for key in sorted(FONT_FILES):
        digest.update(key.encode() + b"\0" + file_digest(font_path(key)).encode())
    return digest.hexdigest()


def canonical(value: object) -> object:
    """``value`` (a data-table row's values) as JSON-ready data that tells apart everything a
    build could print differently: types and exact reprs, mappings in key order."""
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    return f"{type(value).__module__}.{type(value).__qualname__}:{value!r}"


@dataclass(frozen=True)
class Stamp:
    """The stamp of one build: where it is kept and the key of the build's options."""

    path: Path
    key: str
    outdir: Path

    @classmethod
    def of(cls, brief: str | os.PathLike, outdir: Path, stem: str, formats: tuple[str, ...],
           options: dict) -> Stamp | None:
        """The stamp for building ``brief`` into ``outdir/stem.<formats>`` with ``options``
        (JSON-ready after :func:`canonical`); None when briefmaker's own files cannot be read."""
        try:
            code = code_digest()
        except OSError:
            return None
        what = {"brief": os.path.realpath(brief), "outdir": os.path.realpath(outdir), "stem": stem,
                "formats": sorted(formats), "options": canonical(options), "code": code,
                "env": {name: os.environ.get(name) for name in _ENV}}
        key = hashlib.sha256(json.dumps(what, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        name = hashlib.sha256(f"{stem}\0{','.join(sorted(formats))}".encode()).hexdigest()[:32]
        return cls(outdir / ".cache" / "builds" / f"{name}.stamp", key, outdir)

    def fresh(self, expected: list[Path]) -> bool:
        """Whether the files ``expected`` are, all of them, still what this build wrote, and
        every file it read still holds what it read."""
        payload = sealed.load(self.path, self.key, limit=1 << 20)
        if payload is None:
            return False
        try:
            recorded = json.loads(payload)
            outputs = [(self.outdir / name, digest) for name, digest in recorded["outputs"]]
            if sorted(path for path, _ in outputs) != sorted(expected):
                return False
            return all(file_digest(path) == digest for path, digest in [*recorded["reads"], *outputs])
        except (OSError, ValueError, KeyError, TypeError):
            return False

    def save(self, reads: dict[str, str], outputs: dict[Path, bytes]) -> None:
        """Record a build that read ``reads`` and wrote ``outputs``; a folder that cannot take it
        only means the next build builds."""
        payload = {"reads": sorted(reads.items()),
                   "outputs": [(path.name, data_digest(data)) for path, data in outputs.items()]}
        sealed.store(self.path, self.key, json.dumps(payload, ensure_ascii=False).encode())
