"""Where a paragraph or a table cell is cut at a page end (render/pdf/text.py TextBlock.split):
never one line alone at the foot or at the top — a three-line paragraph with room for two moves
whole, as Word's and LibreOffice's widow/orphan control moves it."""
from __future__ import annotations

from briefmaker import document as d
from briefmaker.render.pdf.writer import PdfWriter
from briefmaker.style import get_style

TEXT = "疫情防控期间，辖区彩虹社区绿洲花园小区在街道及社区党组织领导下，充分发挥居民自治优势。" * 3


def _block(lines: int):
    writer = PdfWriter(d.Document(d.Meta(""), ()), get_style("gongwen"))
    block = writer.para([(TEXT, None)])
    width = writer.style.type_width
    block.wrap(width, 1000)
    count = round(block.height / block.leading)
    while count > lines:  # shorten to the number of lines asked for
        block = writer.para([(block.runs[0][0][: len(block.runs[0][0]) * lines // count], None)])
        block.wrap(width, 1000)
        count = round(block.height / block.leading)
    assert count == lines
    return block, width


def test_three_lines_with_room_for_two_move_whole():
    block, width = _block(3)
    assert block.split(width, 2 * block.leading + 1) == []


def test_four_lines_with_room_for_three_leave_two_and_two():
    block, width = _block(4)
    head, tail = block.split(width, 3 * block.leading + 1)
    assert round(head.wrap(width, 1000)[1] / block.leading) == 2
    assert round(tail.wrap(width, 1000)[1] / block.leading) == 2
