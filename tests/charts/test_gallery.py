"""docs/charts.md's examples are a real brief: every kind builds, and each has its picture."""
from __future__ import annotations

import logging
import re
import warnings

import docx

from briefmaker import build
from briefmaker.brief.model import ChartBody

from .gallery import IMAGES, PAGE, gallery_brief, pictures


def test_every_example_on_the_charts_page_builds_and_has_a_picture(tmp_path, caplog):
    page = PAGE.read_text(encoding="utf-8")
    brief = tmp_path / "gallery.yaml"
    brief.write_text(gallery_brief(page), encoding="utf-8")
    with warnings.catch_warnings(), caplog.at_level(logging.WARNING, logger="matplotlib"):
        warnings.simplefilter("error")
        build(brief, tmp_path / "out", cache_dir=tmp_path / "cache")
    assert not caplog.records, [r.getMessage() for r in caplog.records]  # findfont, missing glyphs …
    kinds = re.findall(r"^    kind: (\w+)$", page, flags=re.M)
    assert sorted(kinds) == sorted(ChartBody.model_fields["kind"].annotation.__args__)
    assert len(pictures(tmp_path / "out" / "gallery.docx")) == len(kinds)
    for kind in kinds:
        assert (IMAGES / f"chart-{kind}.png").stat().st_size < 100_000
        assert f"(images/chart-{kind}.png)" in page
    alts = [s._inline.docPr.get("descr") for s in docx.Document(str(tmp_path / "out" / "gallery.docx")).inline_shapes]
    assert alts[0] == "疫情防控投入力量：志愿者1200人，社区干部320人，机关干部230人，下沉干部150人。"
    assert alts[2] == "就业创业情况：2019年：城镇就业2,100人，安置就业160人；2020年：城镇就业2,350人，安置就业186人。"
