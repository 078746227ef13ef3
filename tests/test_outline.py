"""The PDF's outline (bookmarks) lists every heading, in order, at its level and page."""
import pytest
from pypdf import PdfReader

from briefmaker import build
from briefmaker.build import prepare
from briefmaker.document import Heading

from .conftest import SEED_BRIEF


def flatten(reader, items, depth=0):
    out = []
    for item in items:
        if isinstance(item, list):
            out += flatten(reader, item, depth + 1)
        else:
            out.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    return out


@pytest.mark.parametrize("style", ["gongwen", "jianbao", "report"])
def test_every_heading_is_in_the_outline(style, tmp_path):
    _, _, document = prepare(SEED_BRIEF, style)
    headings = [(b.level - 1, b.number + b.text) for b in document.blocks if isinstance(b, Heading)]
    result = build(SEED_BRIEF, tmp_path, formats=("pdf",), style=style)
    reader = PdfReader(str(result.outputs[0]))
    entries = flatten(reader, reader.outline)
    assert [(depth, title) for depth, title, _ in entries] == headings
    pages = [page for _, _, page in entries]
    assert pages == sorted(pages) and pages[0] >= 1
    # the bookmark's page really shows the heading
    for _, title, page in entries:
        assert title[:6] in reader.pages[page - 1].extract_text().replace(" ", "")
