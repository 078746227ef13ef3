"""Brief format 1.1 as a reader sees it: the PDF's text and the DOCX's paragraphs, read back."""
import pdfplumber
import pytest
from docx import Document as Docx

from briefmaker import build

BRIEF = """\
version: 1.1
style: {style}
meta:
  title: "示例区发展和改革局\\n2020年工作总结"
  unit: 示例区发展和改革局
  date: 2020-12-31
data: {{n: 4}}
sections:
  - title: 经济发展稳中有进
    body:
      - 开头段落。
      - title: 工业经济稳步回升
        body: [甲段。]
      - title: 项目建设加快推进
        body:
          - id: p
            text: [{{id: a, text: 乙段第一句。}}, 乙段第二句。]
      - 共完成主要指标{{{{ n }}}}项。
  - title: "社会事业\\n全面进步"
    body: [丁段。]
"""

ORDER = ["一、经济发展稳中有进", "开头段落。", "（一）工业经济稳步回升", "甲段。", "（二）项目建设加快推进",
         "乙段第一句。乙段第二句。", "共完成主要指标4项。"]


@pytest.fixture(scope="module", params=["gongwen", "report"])
def built(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    (folder / "b.yaml").write_text(BRIEF.format(style=request.param), encoding="utf-8")
    result = build(folder / "b.yaml", folder / "out")
    return {path.suffix: path for path in result.outputs}


def test_pdf_prints_body_and_subsections_in_the_order_written(built):
    with pdfplumber.open(str(built[".pdf"])) as pdf:
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
    flat = [line.replace(" ", "") for line in lines]
    at = [flat.index(text) for text in ORDER]
    assert at == sorted(at)
    title = flat.index("示例区发展和改革局")  # the title's two lines as written
    assert flat[title + 1] == "2020年工作总结"
    heading = flat.index("二、社会事业")
    assert flat[heading + 1] == "全面进步"


def test_pdf_outline_lists_a_broken_heading_on_one_line(built):
    from pypdf import PdfReader

    titles = [item.title for item in PdfReader(str(built[".pdf"])).outline if not isinstance(item, list)]
    assert "二、社会事业全面进步" in titles


def test_docx_paragraphs_in_the_order_written_and_title_lines_as_written(built):
    doc = Docx(str(built[".docx"]))
    texts = [p.text for p in doc.paragraphs]
    at = [texts.index(text) for text in ORDER]
    assert at == sorted(at)
    title = next(p for p in doc.paragraphs if p.style.name == "Title")
    assert title.text == "示例区发展和改革局\n2020年工作总结"
    assert title._p.xml.count("<w:br/>") == 1


def test_docx_heading_with_a_line_break_is_not_stretched_to_the_margin(built):
    doc = Docx(str(built[".docx"]))
    heading = next(p for p in doc.paragraphs if p.text == "二、社会事业\n全面进步")
    assert heading._p.xml.count("<w:br/>") == 1 and heading.alignment == 0  # LEFT, not justified
