"""Column widths from the content (CSS 2.1 automatic table layout), case by case."""
from __future__ import annotations

import pytest

from briefmaker.style.columns import is_number, layout_columns, numeric_column
from briefmaker.style.measure import max_width, min_width

FONT, SIZE, PAD = "fang", 14.0, 12.0
ROOM = 1.0  # beyond max-content


def _layout(header, rows, available=442.0):
    return layout_columns(header, rows, font=FONT, size=SIZE, available=available, padding=PAD)


def test_a_table_that_fits_is_as_wide_as_its_longest_cells():
    layout = _layout(("项目", "数量", "单位"), (("道路综合改造工程", "12", "条"), ("微景观绿化面积", "1300", "平方米")))
    assert layout.widths == (8 * SIZE + PAD + ROOM, 2 * SIZE + PAD + ROOM, 3 * SIZE + PAD + ROOM)  # 道路综合改造工程, 数量, 平方米
    assert layout.aligns == ("left", "right", "left")


def test_a_long_text_column_takes_the_room_the_figures_leave():
    text = "按照“序化、洁化、绿化、亮化”要求，对辖区道路持续开展排查整治，加强绿化日常管养，打造微景观"
    layout = _layout(("项目", "完成数量", "单位"), ((text, "1,300", "平方米"), ("规划车位", "700余", "个")))
    assert layout.width == pytest.approx(442.0, abs=0.1)  # the whole measure
    first, figures, units = layout.widths
    # the figures and the units keep their whole cells on one line, header included
    assert figures == max_width("完成数量", FONT, SIZE) + PAD + ROOM
    assert units == max_width("平方米", FONT, SIZE) + PAD + ROOM
    assert first == pytest.approx(442.0 - figures - units, abs=0.05)
    assert all(round(w * 20) == w * 20 for w in layout.widths)  # whole twips


def test_two_long_columns_share_the_room_by_how_much_more_they_want():
    long, longer = "加强绿化日常管养" * 4, "加强绿化日常管养" * 8
    layout = _layout(("甲", "乙", "数"), ((long, longer, "12"),))
    a, b, c = layout.widths
    assert c == max_width("12", FONT, SIZE) + PAD + ROOM
    low = min_width(long, FONT, SIZE) + PAD
    assert (b - low) / (a - low) == pytest.approx(
        (max_width(longer, FONT, SIZE) + ROOM - 14) / (max_width(long, FONT, SIZE) + ROOM - 14), rel=0.01)


def test_columns_too_wide_even_at_their_narrowest_share_the_measure_by_their_minimum():
    header = tuple(f"列{i}" for i in range(6))
    rows = (tuple("123456789012345678901234" for _ in range(6)),)
    layout = _layout(header, rows, available=300)
    assert layout.width <= 300
    assert max(layout.widths) - min(layout.widths) < 0.1


def test_a_line_break_in_a_cell_ends_its_max_content():
    layout = _layout(("项目",), (("第一行\n第二行较长的一行",),))
    assert layout.widths == (8 * SIZE + PAD + ROOM,)


@pytest.mark.parametrize("text", ["12", "1,300", "60.5%", "−3", "1.75亿", "700余", "3000多", "12个", "98.6％"])
def test_figures(text):
    assert is_number(text)


@pytest.mark.parametrize("text", ["项目", "第1名", "2020年12月", "GB/T 9704", "1.2.3", "A1"])
def test_not_figures(text):
    assert not is_number(text)


def test_a_column_of_figures_may_hold_dashes_but_not_only_dashes():
    assert numeric_column(["12", "—", "60%"])
    assert not numeric_column(["—", "—"])
    assert not numeric_column(["12", "一二"])


def test_short_columns_stay_whole_beside_a_piece_too_wide_for_the_measure():
    url = "https://www.example.gov.cn/xxgk/2020/very/long/path/name_with_underscores/index.html"
    layout = _layout(("项目", "数量", "单位", "说明"), (("甲", "1", "个", url),))
    assert layout.widths[:3] == tuple(max_width(h, FONT, SIZE) + PAD + ROOM for h in ("项目", "数量", "单位"))
    assert layout.width == pytest.approx(442.0, abs=0.05)
