"""Reading the parts of a .docx (a zip) safely: sizes capped before anything is inflated, the
declared size never trusted, XML without DTDs, every refusal located at the file and the part."""
from __future__ import annotations

import io
import posixpath
import zipfile
from xml.etree import ElementTree as ET

from ..errors import BriefError, Location, Problem
from .limits import MAX_PART_BYTES, MAX_PARTS, MAX_RATIO, MAX_TOTAL_BYTES

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, WPS, or an encrypted .docx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class Package:
    """An open .docx: parts by name, each read at most once and within the limits."""

    def __init__(self, data: bytes, shown: str):
        self.shown = shown
        if data[:8] == _OLE:
            raise self.fail("file", "import_encrypted" if _ENCRYPTED in data[:1 << 20] else "import_save_as_docx",
                            suffix=".doc")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise self.fail("file", "import_not_zip", detail=str(exc) or type(exc).__name__) from None
        infos = self.zip.infolist()
        if len(infos) > MAX_PARTS:
            raise self.fail("file", "import_too_large", size=len(infos), limit=MAX_PARTS)
        self.infos = {info.filename: info for info in infos}
        self.total = 0

    def fail(self, where: str, code: str, **params) -> BriefError:
        """A BriefError located at this file and the part ``where``."""
        return BriefError([Problem(Location(self.shown, 1, 1, where), code, params)])

    def has(self, name: str) -> bool:
        return name in self.infos

    def read(self, name: str) -> bytes:
        """The bytes of part ``name``; refuses a missing part, a bomb, or a damaged entry."""
        info = self.infos.get(name)
        if info is None:
            raise self.fail(name, "import_missing_part", part=name)
        packed = max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or (info.file_size > 1 << 20 and info.file_size / packed > MAX_RATIO):
            raise self.fail(name, "import_zip_bomb", packed=info.compress_size, size=info.file_size,
                            limit=MAX_PART_BYTES, ratio=info.file_size // packed)
        try:
            with self.zip.open(info) as stream:
                data = stream.read(MAX_PART_BYTES + 1)  # the header's size may lie: never read past the cap
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise self.fail(name, "import_not_zip", detail=str(exc) or type(exc).__name__) from None
        except Exception as exc:  # zlib.error and the like from a damaged entry
            raise self.fail(name, "import_not_zip", detail=str(exc) or type(exc).__name__) from None
        self.total += len(data)
        if len(data) > MAX_PART_BYTES or self.total > MAX_TOTAL_BYTES:
            raise self.fail(name, "import_zip_bomb", packed=info.compress_size, size=len(data),
                            limit=MAX_PART_BYTES, ratio=len(data) // packed)
        return data

    def xml(self, name: str) -> ET.Element:
        """Part ``name`` parsed as XML (a DTD, and so any entity expansion, is refused)."""
        data = self.read(name)
        if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
            raise self.fail(name, "import_bad_xml", detail="a DTD is not allowed in a .docx")
        try:
            return ET.fromstring(data)
        except ET.ParseError as exc:
            line, col = exc.position
            reason = exc.msg if hasattr(exc, "msg") else exc
            raise self.fail(name, "import_bad_xml", detail=f"line {line}, column {col + 1}: {reason}") from None

    def relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, target part name) of ``part`` ('' for the package)."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels):
            return {}
        out = {}
        for rel in self.xml(rels).iter(REL + "Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], name)
        return out

    def main_part(self) -> str:
        """The name of the main document part (word/document.xml in every file we know)."""
        for kind, name in self.relations("").values():
            if kind == "officeDocument":
                if not self.has(name):
                    raise self.fail(name, "import_missing_part", part=name)
                return name
        if self.has("word/document.xml"):
            return "word/document.xml"
        raise self.fail("word/document.xml", "import_missing_part", part="word/document.xml")
