"""The seed article as the sentences a reader must find, in order, in our outputs."""
from __future__ import annotations

import re
from pathlib import Path

# page-break artefacts of the source text, joined again
_REPAIRS = (("严\n\n把党员发展关", "严把党员发展关"), ("辖\n\n区涉及", "辖区涉及"), ("一\n\n对、一人盯人", "一对、一人盯人"))
# the source writes ASCII punctuation between Chinese characters; the brief uses full width (GB/T 15834)
_FULL_WIDTH = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；"})


def squash(text: str) -> str:
    """Text without any whitespace and without page numbers (— 3 —), for order-insensitive layout."""
    text = re.sub(r"—\s*\d+\s*—", "", text)
    return re.sub(r"\s+", "", text)


def seed_paragraphs(path: Path) -> list[str]:
    """The seed's paragraphs in reading order, with the headline moved first (it is the title)."""
    text = path.read_text(encoding="utf-8")
    for broken, whole in _REPAIRS:
        assert broken in text, broken
        text = text.replace(broken, whole)
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    paragraphs = [p.lstrip("#").strip().translate(_FULL_WIDTH) for p in paragraphs]
    headline = next(i for i, p in enumerate(paragraphs) if p.startswith("党建引领扛稳责任"))
    return [paragraphs[headline]] + paragraphs[:headline] + paragraphs[headline + 1:]


def seed_sentences(path: Path) -> list[str]:
    """Every sentence (split after 。！？) of the seed, whitespace removed, in reading order."""
    sentences = []
    for paragraph in seed_paragraphs(path):
        for piece in re.split(r"(?<=[。！？])", squash(paragraph)):
            if piece:
                sentences.append(piece)
    return sentences


def missing_in_order(sentences: list[str], text: str) -> list[str]:
    """Sentences not found in ``text`` after the previous one (empty list: all present, in order)."""
    haystack = squash(text)
    position = 0
    missing = []
    for sentence in sentences:
        found = haystack.find(sentence, position)
        if found < 0:
            missing.append(sentence)
        else:
            position = found + len(sentence)
    return missing
