"""Import then build gives back the source's text, sentence for sentence, with the figures quoted from data."""
from __future__ import annotations

import pytest

from ..conftest import SEED_TEXT
from ..seedtext import seed_sentences
from .documents import DOCUMENTS, libreoffice_docx, paragraph_texts, soffice, to_docx, to_text
from .roundtrip import built_paragraphs, import_and_build, missing_in_order, sentences

WORD_NUMBERING = {"minzheng", "shierzhong"}  # their heading numbers come from numbering.xml, not the text


def _source(name: str, variant: str, folder):
    entries = DOCUMENTS[name]
    text_file = folder / f"{name}.txt"
    text_file.write_text(to_text(entries), encoding="utf-8")
    if variant == "txt":
        return text_file
    if variant == "docx":
        path = folder / f"{name}.docx"
        to_docx(entries, path, word_numbering=name in WORD_NUMBERING)
        return path
    if not soffice():
        pytest.skip("LibreOffice is not installed")
    return libreoffice_docx(text_file, folder / "lo")


@pytest.mark.parametrize("variant", ["txt", "docx", "libreoffice"])
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_import_then_build_gives_the_same_text(name, variant, tmp_path):
    source = _source(name, variant, tmp_path)
    brief, result, built = import_and_build(source, tmp_path / "brief")
    want = paragraph_texts(DOCUMENTS[name], with_pictures=variant == "docx")
    got = built_paragraphs(built)
    assert got == want
    assert missing_in_order(sentences(want), "\n".join(got)) == []
    assert result.figures and result.lifted / result.figures >= 0.8, (result.lifted, result.figures)


def test_the_seed_source_imports_to_every_sentence_in_order(tmp_path):
    brief, result, built = import_and_build(SEED_TEXT, tmp_path)
    want = seed_sentences(SEED_TEXT)
    assert missing_in_order(want, "\n".join(built_paragraphs(built))) == []
    assert result.lifted / result.figures >= 0.8


def test_a_dropped_sentence_would_be_noticed(tmp_path):
    brief, result, built = import_and_build(SEED_TEXT, tmp_path)
    want = seed_sentences(SEED_TEXT)
    text = "\n".join(built_paragraphs(built)).replace(want[30], "")
    assert missing_in_order(want, text) == [want[30]]
