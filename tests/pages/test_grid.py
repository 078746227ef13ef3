"""The 28-character grid (issue 15 item 1), measured on the seed's PDF in gongwen (grid.py)."""
from __future__ import annotations

import pytest

from briefmaker.build import build, prepare

from ..conftest import SEED_BRIEF
from .grid import full_lines, summary


@pytest.fixture(scope="module")
def seed_lines(tmp_path_factory):
    _, style, _ = prepare(SEED_BRIEF, "gongwen")
    pdf = build(SEED_BRIEF, tmp_path_factory.mktemp("grid"), formats=("pdf",), style="gongwen").outputs[0]
    return full_lines(pdf, style)


def test_every_full_all_han_line_holds_the_grid_unless_a_rule_forces_one_more(seed_lines):
    counts = summary(seed_lines)
    assert counts["full"] >= 60  # the measure found the seed's full lines
    assert counts["longer"] == 0 and counts["push_out"] == 0
    assert counts["unforced"] == []  # a legal break is never pushed in
    # measured: 59 of 67 (88.1 %) hold 28; the other 8 hold 29, each a mark that may not start a
    # line pushed in (typography.md: push in first). The issue's 95 % is not reachable on this
    # text without breaking a line-start rule or pushing out instead, which holds 27.
    assert counts["exact"] + counts["forced"] == counts["full"]
    assert counts["exact"] / counts["full"] >= 0.85
