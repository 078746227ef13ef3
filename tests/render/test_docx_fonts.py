"""Fonts that travel: the bundled fonts embedded in the DOCX (obfuscated, subset), read back."""
from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pdfplumber
import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from briefmaker import build
from briefmaker.render.docx.fonts import obfuscate

from ..conftest import SEED_BRIEF
from ..office import SOFFICE, convert

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
FAMILIES = {"FandolFang R", "FandolHei", "FandolKai", "FandolSong"}


def _embedded(docx: bytes) -> dict[str, TTFont]:
    """Family → the embedded font, de-obfuscated with the key fontTable.xml gives it."""
    package = zipfile.ZipFile(io.BytesIO(docx))
    table = etree.fromstring(package.read("word/fontTable.xml"))
    rels = etree.fromstring(package.read("word/_rels/fontTable.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    fonts = {}
    for font in table.iter(W + "font"):
        embed = font.find(W + "embedRegular")
        if embed is not None:
            data = package.read("word/" + targets[embed.get(R + "id")])
            fonts[font.get(W + "name")] = TTFont(io.BytesIO(obfuscate(data, embed.get(W + "fontKey"))))
    return fonts


def test_obfuscation_is_ecma_376s_xor_of_the_first_32_bytes_with_the_reversed_guid():
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    data = bytes(range(40))
    mask = bytes.fromhex("FFEEDDCCBBAA99887766554433221100")
    assert obfuscate(data, key) == bytes(b ^ mask[i % 16] for i, b in enumerate(data[:32])) + data[32:]
    assert obfuscate(obfuscate(data, key), key) == data


def test_embedded_docx_carries_subset_fonts_named_by_their_families(tmp_path):
    result = build(SEED_BRIEF, tmp_path, formats=("docx",), embed_fonts=True)
    docx = result.outputs[0].read_bytes()
    package = zipfile.ZipFile(io.BytesIO(docx))
    fonts = _embedded(docx)
    assert set(fonts) == FAMILIES
    body = etree.fromstring(package.read("word/document.xml"))
    text = "".join(t.text or "" for t in body.iter(W + "t"))
    for family, font in fonts.items():
        assert font["name"].getDebugName(1) == family
        cmap = font.getBestCmap()
        assert 100 < len(cmap) < 3000, (family, len(cmap))  # a subset, not the 7800 characters
    assert {ord(c) for c in text if not c.isspace()} <= set().union(*(f.getBestCmap() for f in fonts.values()))
    settings = package.read("word/settings.xml")
    assert b"<w:embedTrueTypeFonts/>" in settings
    styles = package.read("word/styles.xml").decode()
    assert "仿宋_GB2312" not in styles and 'w:eastAsia="FandolFang R"' in styles
    assert b"application/vnd.openxmlformats-officedocument.obfuscatedFont" in package.read("[Content_Types].xml")
    again = build(SEED_BRIEF, tmp_path / "again", formats=("docx",), embed_fonts=True)
    assert again.outputs[0].read_bytes() == docx


def test_without_embedding_the_docx_names_the_office_fonts(tmp_path):
    docx = build(SEED_BRIEF, tmp_path, formats=("docx",)).outputs[0].read_bytes()
    package = zipfile.ZipFile(io.BytesIO(docx))
    assert not any(n.startswith("word/fonts/") for n in package.namelist())
    assert "仿宋_GB2312" in package.read("word/styles.xml").decode()


def test_the_style_option_embeds_too(tmp_path):
    style = tmp_path / "mine.yaml"
    style.write_text("extends: jianbao\nembed_fonts: true\n", encoding="utf-8")
    docx = build(SEED_BRIEF, tmp_path, formats=("docx",), style=str(style)).outputs[0].read_bytes()
    assert set(_embedded(docx)) <= FAMILIES and "FandolFang R" in _embedded(docx)


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed (.ci/run installs it)")
def test_libreoffice_without_any_cjk_font_draws_the_embedded_fonts_on_the_same_pages(tmp_path, cli):
    done = cli("build", SEED_BRIEF, "-o", tmp_path / "embedded", "--format", "docx", "--embed-fonts")
    assert done.returncode == 0, done.stderr
    embedded = convert(tmp_path / "embedded" / "changxing-2020.docx", tmp_path / "lo-bare", office_fonts=False)
    plain = build(SEED_BRIEF, tmp_path / "plain", formats=("docx",)).outputs[0]
    office = convert(plain, tmp_path / "lo-office")
    listed = subprocess.run(["pdffonts", str(embedded)], capture_output=True, text=True, check=True).stdout
    drawn = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in listed.splitlines()[2:]}
    assert {"FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular", "FandolSong-Bold"} <= drawn, listed
    with pdfplumber.open(embedded) as bare, pdfplumber.open(office) as reference:
        assert len(bare.pages) == len(reference.pages)
        first = bare.pages[0].extract_text()
        assert "党建引领扛稳责任" in first.replace(" ", "")
        assert [p.extract_text() for p in bare.pages] == [p.extract_text() for p in reference.pages]
