"""The same brief gives byte-identical files; an unchanged rebuild paints no chart picture."""
from briefmaker import build
from briefmaker.charts.raster import RENDERS

from .conftest import SEED_BRIEF


def test_two_builds_are_byte_identical(tmp_path):
    first = build(SEED_BRIEF, tmp_path / "a", cache_dir=tmp_path / "cache-a")
    second = build(SEED_BRIEF, tmp_path / "b", cache_dir=tmp_path / "cache-b")
    for a, b in zip(first.outputs, second.outputs):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_second_build_with_the_cache_paints_no_chart_picture(tmp_path):
    style = tmp_path / "pictures.yaml"  # DOCX charts as pictures: the only charts that are painted
    style.write_text("extends: gongwen\ncharts:\n  docx: picture\n", encoding="utf-8")
    first = RENDERS["count"]
    build(SEED_BRIEF, tmp_path / "a", cache_dir=tmp_path / "cache", style=str(style))
    assert RENDERS["count"] - first >= 5
    before = RENDERS["count"]
    # a fresh process would not even have the in-memory copies: the disk cache must serve them
    build(SEED_BRIEF, tmp_path / "b", cache_dir=tmp_path / "cache", style=str(style))
    assert RENDERS["count"] == before
    for name in ("changxing-2020.docx", "changxing-2020.pdf"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_pdf_dates_come_from_the_brief_not_the_clock(tmp_path, cli):
    from pypdf import PdfReader

    plain = cli("build", SEED_BRIEF, "-o", tmp_path / "a", "--format", "pdf")
    epoch = cli("build", SEED_BRIEF, "-o", tmp_path / "b", "--format", "pdf", env={"SOURCE_DATE_EPOCH": "1"})
    assert plain.returncode == epoch.returncode == 0
    a, b = (tmp_path / d / "changxing-2020.pdf" for d in "ab")
    assert a.read_bytes() == b.read_bytes()
    assert PdfReader(str(a)).metadata["/CreationDate"].startswith("D:20201231")


import pytest  # noqa: E402


@pytest.mark.parametrize("style", ["jianbao", "report"])
def test_every_style_builds_byte_identical_pdfs(style, tmp_path):
    first = build(SEED_BRIEF, tmp_path / "a", formats=("pdf",), style=style)
    second = build(SEED_BRIEF, tmp_path / "b", formats=("pdf",), style=style)
    assert first.outputs[0].read_bytes() == second.outputs[0].read_bytes()
