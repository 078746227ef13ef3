"""Files the importer cannot use are refused with a located message, in English and Chinese, fast."""
from __future__ import annotations

import re
import zipfile

import pytest

from ..conftest import SEED_TEXT
from .documents import DOCUMENTS, to_docx

LOCATED = re.compile(r"^[^:]+:\d+:\d+: .+: ")


def _refused(cli_here, path, tmp_path, code_words: str):
    out = tmp_path / "brief.yaml"
    for lang in ("C.UTF-8", "zh_CN.UTF-8"):
        done = cli_here("import", path, "-o", out, lang=lang)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        lines = [l for l in done.stderr.splitlines() if l.strip()]
        assert lines and all(LOCATED.match(l) for l in lines), done.stderr
        if lang == "C.UTF-8":
            assert code_words in done.stderr, done.stderr
    assert not out.exists()
    return done.stderr


def test_not_a_zip(cli_here, tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"this is plain text, not a zip archive" * 10)
    _refused(cli_here, path, tmp_path, "not a Word document")


def test_zip_bomb(cli_here, tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b" " * (200 * 1024 * 1024) + b"/>")
    assert path.stat().st_size < 1024 * 1024
    stderr = _refused(cli_here, path, tmp_path, "refusing to unpack")
    assert "word/document.xml" in stderr


def _rewritten(tmp_path, change) -> object:
    """A good .docx with each part's bytes passed through ``change(name, data)`` (None drops the part)."""
    good = tmp_path / "good.docx"
    to_docx(DOCUMENTS["hongqi"], good)
    path = tmp_path / "changed.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = change(info.filename, source.read(info))
            if data is not None:
                target.writestr(info, data)
    return path


def test_docx_missing_its_document_part(cli_here, tmp_path):
    path = _rewritten(tmp_path, lambda name, data: None if name == "word/document.xml" else data)
    _refused(cli_here, path, tmp_path, "has no word/document.xml")


def test_docx_with_damaged_xml(cli_here, tmp_path):
    path = _rewritten(tmp_path, lambda name, data: data[: len(data) // 2] if name == "word/document.xml" else data)
    _refused(cli_here, path, tmp_path, "not well-formed XML")


def test_docx_with_a_dtd_is_refused(cli_here, tmp_path):
    bomb = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    path = _rewritten(tmp_path, lambda name, data: bomb + data[data.index(b"?>") + 2:] if name == "word/document.xml" else data)
    _refused(cli_here, path, tmp_path, "a DTD is not allowed")


def test_binary_in_a_text_file(cli_here, tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes("第一行正常。\n第二行".encode() + b"\x00\x01\x02\xff\xfe" + b"\n")
    stderr = _refused(cli_here, path, tmp_path, "not text")
    assert "binary.txt:2:4:" in stderr


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_old_word_and_wps_files_are_refused_with_save_as_docx(cli_here, tmp_path, suffix):
    path = tmp_path / f"old{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    stderr = _refused(cli_here, path, tmp_path, "save it as .docx")
    zh = cli_here("import", path, lang="zh_CN.UTF-8").stderr
    assert "另存为 .docx" in zh


def test_a_doc_renamed_to_docx_is_refused_the_same_way(cli_here, tmp_path):
    path = tmp_path / "renamed.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    _refused(cli_here, path, tmp_path, "save it as .docx")


def test_import_writes_the_brief_and_reports_the_share_quoted(cli_here, tmp_path):
    out = tmp_path / "seed.yaml"
    done = cli_here("import", SEED_TEXT, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "of 56 figures in the text quoted from data" in done.stdout
    assert cli_here("check", out).returncode == 0
    first = out.read_bytes()
    out.unlink()
    cli_here("import", SEED_TEXT, "-o", out)
    assert out.read_bytes() == first  # deterministic
