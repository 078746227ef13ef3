"""How much of a file the importer reads before refusing it (bounded time and memory)."""
from __future__ import annotations

from ..errors import BriefError, Location, Problem

MAX_TEXT_BYTES = 10 * 1024 * 1024        # a .txt/.md file
MAX_DOCX_BYTES = 50 * 1024 * 1024        # the .docx file itself
MAX_PART_BYTES = 30 * 1024 * 1024        # one part (member) of the .docx, uncompressed
MAX_TOTAL_BYTES = 120 * 1024 * 1024      # every part read, uncompressed
MAX_RATIO = 200                          # uncompressed / compressed size of one part
MAX_PARTS = 5000
MAX_PARAGRAPHS = 50_000


def too_large(shown: str, size: int, limit: int, path: str = "file") -> BriefError:
    """The located refusal of a file (or part) over its size limit."""
    return BriefError([Problem(Location(shown, 1, 1, path), "import_too_large", {"size": size, "limit": limit})])
