"""How much of a file the importer reads before refusing it (bounded time and memory)."""
from __future__ import annotations

MAX_TEXT_BYTES = 10 * 1024 * 1024        # a .txt/.md file
MAX_DOCX_BYTES = 50 * 1024 * 1024        # the .docx file itself
MAX_PART_BYTES = 30 * 1024 * 1024        # one part (member) of the .docx, uncompressed
MAX_TOTAL_BYTES = 120 * 1024 * 1024      # every part read, uncompressed
MAX_RATIO = 200                          # uncompressed / compressed size of one part
MAX_PARTS = 5000
MAX_PARAGRAPHS = 50_000

