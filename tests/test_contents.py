"""The report style's table of contents: filled with the PDF's own page numbers in both files."""
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from briefmaker import build

from .conftest import SEED_BRIEF


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    result = build(SEED_BRIEF, out, style="report")
    return result.outputs[0], result.outputs[1]


def outline_pages(pdf_path):
    reader = PdfReader(str(pdf_path))
    return [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline
            if not isinstance(item, list)]


def test_pdf_contents_page_lists_each_heading_with_its_page(report):
    _, pdf_path = report
    entries = outline_pages(pdf_path)
    assert len(entries) == 4
    page = PdfReader(str(pdf_path)).pages[1].extract_text().replace(" ", "").replace("\u3000", "").replace("\n", "")
    assert "目录" in page
    for title, number in entries:
        start = page.find(title.replace(" ", "")[:12])
        assert start >= 0, title
        after = page[start:start + len(title) + 8]
        assert str(number) in after


def test_docx_toc_field_is_cached_with_the_pdfs_page_numbers(report):
    docx_path, pdf_path = report
    entries = outline_pages(pdf_path)
    with zipfile.ZipFile(docx_path) as archive:
        xml = archive.read("word/document.xml").decode()
        settings = archive.read("word/settings.xml").decode()
    assert 'TOC \\o "1-2"' in xml
    assert "updateFields" not in settings  # no "update fields?" prompt when the file opens
    document = docx.Document(str(docx_path))
    toc = [p for p in document.paragraphs if p.style.name.lower().startswith("toc")]
    assert [(p.text.split("\t")[0], int(p.text.split("\t")[1])) for p in toc] == entries
    body = document.element.body
    kinds = [c.get(qn("w:fldCharType")) for c in body.iter(qn("w:fldChar"))]
    assert kinds[:2] == ["begin", "separate"] and "end" in kinds
