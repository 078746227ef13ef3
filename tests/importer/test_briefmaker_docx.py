"""A DOCX that briefmaker wrote imports back to a brief that builds to the same text and data values."""
from __future__ import annotations

import datetime as dt

import pytest

from briefmaker import build
from briefmaker.brief.load import load_brief

from ..conftest import SEED_BRIEF
from .roundtrip import built_paragraphs, import_and_build


def _numbers(value) -> list:
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    if isinstance(value, bool) or not isinstance(value, (int, float, str, dt.date)):
        return []
    return [value]


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bm")
    first = build(SEED_BRIEF, folder / "first", ("docx",))
    original = next(p for p in first.outputs if p.suffix == ".docx")
    brief, result, again = import_and_build(original, folder / "again")
    return original, brief, result, again


def test_the_text_is_the_same(round_trip):
    original, _, _, again = round_trip
    assert built_paragraphs(again) == built_paragraphs(original)


def test_the_data_values_are_the_same(round_trip):
    _, brief, _, _ = round_trip
    seed = load_brief(SEED_BRIEF).brief.data
    imported = load_brief(brief).brief.data
    assert set(map(str, _numbers(seed))) <= set(map(str, _numbers(imported)))


def test_structure_survives(round_trip):
    _, brief, _, _ = round_trip
    loaded = load_brief(brief).brief
    assert loaded.meta.title == "党建引领扛稳责任 凝心聚力砥砺奋进"
    assert loaded.meta.subtitle == "长兴路街道着力绘好高质量发展时代工笔画"
    assert len(loaded.sections) == 4
    assert loaded.signature and loaded.signature.date == dt.date(2020, 12, 31)
    assert loaded.distribution and loaded.distribution.copies == 30
    kinds = [type(b).__name__ for s in loaded.sections for b in s.body]
    assert kinds.count("Chart") >= 5 and "Table" in kinds
