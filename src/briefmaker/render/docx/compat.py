"""Every python-docx (and python-pptx) internal the DOCX writer touches, in one place, behind a
version check.

python-docx has no public API for raw OOXML on paragraphs, runs, rows and sections (the ``_p``,
``_r``, ``_tr``, ``_sectPr`` elements), for editing the theme part, for adding a part of our own
(a chart and its workbook), for caching style ids or for saving into a zip of our own; python-pptx none for a chart's plot and
data-label elements. A library outside the tested range fails loudly at import instead of
writing a subtly different DOCX; pyproject.toml pins the same ranges. python-pptx is checked
where its chart writer is imported (chartspace.py imports it only for charts not yet cached).
"""
from __future__ import annotations

import io
import zipfile
from importlib.metadata import version
from typing import cast

from docx.opc.part import Part

TESTED = {"python-docx": ((1, 1), (2, 0)), "python-pptx": ((1, 0), (2, 0))}


def check_version(distribution: str) -> None:
    """Raise ImportError unless ``distribution`` is installed in its TESTED range."""
    low, high = TESTED[distribution]
    found = version(distribution)
    major, minor, *_ = (found.split(".") + ["0"])
    if not low <= (int(major), int("".join(c for c in minor if c.isdigit()) or 0)) < high:
        raise ImportError(f"briefmaker needs {distribution} >= {'.'.join(map(str, low))} and < "
                          f"{'.'.join(map(str, high))}, found {found}")


check_version("python-docx")


def remember_style_ids(part) -> None:
    """Make ``part`` remember each style name's id once looked up.

    python-docx resolves a style name on every paragraph and run by scanning all styles for the
    default one — 40% of the writer's time on the seed. The styles are all defined before the
    first paragraph is written, so a name's id never changes afterwards.
    """
    lookup, ids = part.get_style_id, {}

    def get_style_id(style_or_name, style_type):
        if style_or_name is None:
            return None
        key = (style_or_name if isinstance(style_or_name, str) else style_or_name.name, style_type)
        if key not in ids:
            ids[key] = lookup(style_or_name, style_type)
        return ids[key]

    part.get_style_id = get_style_id


def set_theme_east_asian(document, font: str) -> None:
    """The theme's East Asian script Hans (Simplified Chinese, not Jpan) with ``font`` as its face."""
    for part in document.part.package.parts:
        if part.partname.endswith("theme1.xml"):
            part._blob = part.blob.replace(b'script="Jpan"', b'script="Jpan_unused"').replace(
                b'<a:ea typeface=""/>', b'<a:ea typeface="' + font.encode() + b'"/>')


def ppr(paragraph):
    """A paragraph's ``w:pPr`` element (made when missing)."""
    return paragraph._p.get_or_add_pPr()


def body_of(document):
    """The ``_Body`` python-docx gives a document's paragraphs as their parent."""
    return document._body


def run_element(run):
    """A run's ``w:r`` element."""
    return run._r


def row_element(row):
    """A table row's ``w:tr`` element."""
    return row._tr


def table_element(table):
    """A table's ``w:tbl`` element."""
    return table._tbl


def inline_element(shape):
    """An inline picture's ``wp:inline`` element."""
    return shape._inline


def sect_pr(section):
    """A section's ``w:sectPr`` element."""
    return section._sectPr


def add_part(package, template: str, content_type: str, blob: bytes) -> Part:
    """A new part of ``package`` named after ``template`` (with %d), holding ``blob``."""
    return Part(package.next_partname(template), content_type, blob, package)


def next_shape_id(doc_part) -> int:
    """An unused drawing id in the document part."""
    return doc_part.next_id


def drop_relationship(rels, rel_id: str) -> None:
    """Remove relationship ``rel_id`` from ``rels``, with python-docx's own map of its targets."""
    rels.pop(rel_id)
    rels._target_parts_by_rId.pop(rel_id, None)


def pptx_element(chart_object):
    """The XML element behind a python-pptx chart object (a plot, its data labels)."""
    return chart_object._element


class _FixedZip:
    """python-docx's physical package writer, with ooxml.normalised_zip's fixed timestamps and
    attributes, so a package is compressed once instead of saved and re-packed."""

    def __init__(self):
        from .ooxml import fixed_zip_info

        self.info = fixed_zip_info
        self.buffer = io.BytesIO()
        self.zip = zipfile.ZipFile(self.buffer, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:
        self.zip.writestr(self.info(pack_uri.membername), blob)

    def close(self) -> None:
        self.zip.close()


def saved(document) -> bytes:
    """``document``'s package as bytes with fixed timestamps: OpcPackage.save with our zip."""
    from docx.opc.phys_pkg import PhysPkgWriter
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    writer = _FixedZip()
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(cast(PhysPkgWriter, writer), parts)  # it needs only write()
    writer.close()
    return writer.buffer.getvalue()
