"""Fonts that travel with the DOCX: the bundled fonts embedded as ECMA-376 obfuscated TrueType parts.

A DOCX normally names 仿宋_GB2312, 黑体 … and any machine without them substitutes. With embedding
the document names the bundled fonts by their own family names (``FandolFang R`` …) and carries
them, subset to the characters it uses, in ``word/fonts/fontN.odttf``: each part is the TrueType
file with its first 32 bytes XORed with the font key (a GUID, ECMA-376 Part 1 §17.8.1),
related to ``word/fontTable.xml`` through ``w:embedRegular``; ``w:embedTrueTypeFonts`` in the
settings tells Word to keep them on save. Word, WPS and LibreOffice load such fonts for the
document. The licences allow it: the Fandol fonts carry the GPL font exception and OS/2 fsType 8
(editable embedding), Noto is OFL (fsType 0).

Everything works on the finished package, so the writer needs to know nothing about it:
:func:`embedding_style` renames the fonts before writing, :func:`embed_fonts` adds the parts after.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import uuid
import zipfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ...fonts import FONT_FILES, font_path
from ...style import Style

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
FONT_CT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F)) + "　，。、；：？！“”‘’（）《》—…·−"  # page numbers, edits


def _w(tag: str) -> str:
    return "{%s}%s" % (_W, tag)


@lru_cache(maxsize=None)
def family_name(font: str) -> str:
    """The family name (name ID 1) of a bundled font key or a TrueType file path."""
    from fontTools.ttLib import TTFont

    with TTFont(_file(font), lazy=True) as ttf:
        return ttf["name"].getDebugName(1)


def _file(font: str) -> Path:
    return font_path(font) if font in FONT_FILES else Path(font)


def embedding_style(style: Style) -> Style:
    """``style`` with every role's DOCX fonts (East Asian and Latin) named by the family of the
    font its PDF uses, so the document names exactly the fonts it embeds, as the PDF draws them."""
    roles = {name: dataclasses.replace(role, docx=family_name(role.pdf), latin=family_name(role.pdf))
             for name, role in style.roles.items()}
    return dataclasses.replace(style, roles=roles, embed_fonts=True)


def font_key(family: str, data: bytes) -> str:
    """The GUID that obfuscates ``data``: derived from its content, so rebuilds give equal bytes."""
    digest = hashlib.sha256(family.encode() + b"\0" + data).digest()
    return "{" + str(uuid.UUID(bytes=digest[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """``data`` with its first 32 bytes XORed with the key's 16 bytes, taken from the GUID's hex
    digits last byte first (ECMA-376 Part 1 §17.8.1). The operation is its own inverse."""
    digits = re.sub("[^0-9A-Fa-f]", "", key)
    mask = bytes.fromhex(digits)[::-1]
    head = bytes(b ^ mask[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def subset(font: str, chars: str) -> bytes:
    """The TrueType file of ``font`` keeping only ``chars`` (plus .notdef), names and metrics kept;
    the same input gives the same bytes (no timestamps are touched)."""
    from fontTools import subset as ftsubset
    from fontTools.ttLib import TTFont

    options = ftsubset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.layout_features = []
    with TTFont(_file(font), recalcTimestamp=False) as ttf:
        subsetter = ftsubset.Subsetter(options)
        subsetter.populate(unicodes=sorted({ord(c) for c in chars}))
        subsetter.subset(ttf)
        out = io.BytesIO()
        ttf.save(out)
    return out.getvalue()


# -- which characters each family draws ------------------------------------------------------------
class _Fonts:
    """Resolves the East Asian and Latin family of a run from its direct, character-style,
    paragraph-style and default properties in styles.xml."""

    def __init__(self, styles_xml: bytes):
        root = etree.fromstring(styles_xml)
        self.styles = {s.get(_w("styleId")): s for s in root.iter(_w("style"))}
        defaults = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        self.default = self._own(defaults)
        self.cache: dict[str | None, dict[str, str]] = {}
        self.default_paragraph = next((sid for sid, s in self.styles.items()
                                       if s.get(_w("type")) == "paragraph" and s.get(_w("default")) == "1"), None)

    @staticmethod
    def _own(rpr) -> dict[str, str]:
        fonts = rpr.find(_w("rFonts")) if rpr is not None else None
        if fonts is None:
            return {}
        return {k: fonts.get(_w(k)) for k in ("eastAsia", "ascii") if fonts.get(_w(k))}

    def of_style(self, style_id: str | None) -> dict[str, str]:
        if style_id in self.cache:
            return self.cache[style_id]
        found: dict[str, str] = {}
        key, seen = style_id, set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            element = self.styles[style_id]
            for k, v in self._own(element.find(_w("rPr"))).items():
                found.setdefault(k, v)
            based = element.find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else None
        self.cache[key] = found
        return found

    def of_run(self, run, paragraph_style: str | None) -> set[str]:
        found = self._own(run.find(_w("rPr")))
        rstyle = run.find(f"{_w('rPr')}/{_w('rStyle')}")
        for source in (self.of_style(rstyle.get(_w("val")) if rstyle is not None else None),
                       self.of_style(paragraph_style or self.default_paragraph), self.default):
            for k, v in source.items():
                found.setdefault(k, v)
        return set(found.values())


def used_characters(parts: dict[str, bytes]) -> dict[str, set[str]]:
    """Family name → the characters the package's text sets in it (body, headers, footers, charts)."""
    fonts = _Fonts(parts["word/styles.xml"])
    used: dict[str, set[str]] = {}
    for name, data in parts.items():
        if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml", name):
            root = etree.fromstring(data)
            for paragraph in root.iter(_w("p")):
                pstyle = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
                pstyle_id = pstyle.get(_w("val")) if pstyle is not None else None
                for run in paragraph.iter(_w("r")):
                    text = "".join(t.text or "" for t in run.iter(_w("t")))
                    for family in fonts.of_run(run, pstyle_id):
                        used.setdefault(family, set()).update(text)
        elif re.fullmatch(r"word/charts/chart\d+\.xml", name):
            root = etree.fromstring(data)
            text = "".join(root.itertext())
            for tag in ("latin", "ea"):
                for face in root.iter("{%s}%s" % (_A, tag)):
                    used.setdefault(face.get("typeface"), set()).update(text)
    return used


# -- the package -----------------------------------------------------------------------------------
def embed_fonts(docx: bytes, style: Style) -> bytes:
    """``docx`` with every font of ``style``'s roles that the document uses embedded (subset,
    obfuscated) and listed in its font table; fonts it does not use are left out."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    used = used_characters(parts)
    files: dict[str, str] = {}
    for role in style.roles.values():
        family = family_name(role.pdf)
        if family in used:
            files.setdefault(family, role.pdf)
    table = etree.fromstring(parts["word/fontTable.xml"])
    for font in table.findall(_w("font")):
        if font.get(_w("name")) in files:
            table.remove(font)
    rels = etree.Element("{%s}Relationships" % _PKG_RELS, nsmap={None: _PKG_RELS})
    types = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(types, "{%s}Default" % _CT, Extension="odttf", ContentType=FONT_CT)
    for number, family in enumerate(sorted(files), start=1):
        data = subset(files[family], "".join(sorted(used[family] | set(_ALWAYS))))
        key = font_key(family, data)
        parts[f"word/fonts/font{number}.odttf"] = obfuscate(data, key)
        rid = f"rId{number}"
        etree.SubElement(rels, "{%s}Relationship" % _PKG_RELS, Id=rid, Type=FONT_REL, Target=f"fonts/font{number}.odttf")
        font = etree.SubElement(table, _w("font"))
        font.set(_w("name"), family)
        etree.SubElement(font, _w("charset")).set(_w("val"), "86")  # GB2312
        etree.SubElement(font, _w("family")).set(_w("val"), "auto")
        etree.SubElement(font, _w("pitch")).set(_w("val"), "variable")
        embed = etree.SubElement(font, _w("embedRegular"))
        embed.set("{%s}id" % _R, rid)
        embed.set(_w("fontKey"), key)
    parts["word/fontTable.xml"] = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["word/_rels/fontTable.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8",
                                                            standalone=True)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["word/settings.xml"] = _embedding_settings(parts["word/settings.xml"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, parts.pop(info.filename))
        for name in sorted(parts):  # the new parts, after the existing ones
            fixed = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, parts[name])
    return out.getvalue()


# CT_Settings children that come before w:embedTrueTypeFonts
_BEFORE_EMBED = ("writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                 "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                 "printFractionalCharacterWidth", "printFormsData")


def _embedding_settings(settings_xml: bytes) -> bytes:
    """settings.xml with ``w:embedTrueTypeFonts`` and ``w:saveSubsetFonts`` in the schema's place."""
    root = etree.fromstring(settings_xml)
    if root.find(_w("embedTrueTypeFonts")) is None:
        before = [el for el in root if el.tag in {_w(t) for t in _BEFORE_EMBED}]
        at = root.index(before[-1]) + 1 if before else 0
        root.insert(at, etree.Element(_w("embedTrueTypeFonts")))
        root.insert(at + 1, etree.Element(_w("saveSubsetFonts")))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
