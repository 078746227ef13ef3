"""The PDF writer (ReportLab): ``writer`` walks the document, ``text`` sets CJK text, ``chart``
draws chart scenes as vectors, ``fonts`` registers the bundled fonts."""
from __future__ import annotations

from .writer import PdfWriter, write_pdf

__all__ = ["PdfWriter", "write_pdf"]
