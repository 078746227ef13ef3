"""The DOCX writer (python-docx): ``writer`` walks the document, ``ooxml`` writes the raw XML
python-docx has no API for, ``chart`` places native Word charts made by ``chartspace``."""
from __future__ import annotations

from .writer import DocxWriter, write_docx

__all__ = ["DocxWriter", "write_docx"]
