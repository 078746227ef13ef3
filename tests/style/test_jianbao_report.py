"""jianbao and report measured from their PDFs against docs/styles.md."""
import docx
import pdfplumber
import pytest

from briefmaker import build

MM = 72 / 25.4
BRIEF = """\
meta: {title: 街道工作动态, unit: 长兴路街道办事处, date: 2020-12-31, issue: 12}
opening:
  - 今年以来，街道坚持以党的建设为引领，全力以赴抗击新冠肺炎疫情，保持了辖区经济社会各项事业稳定健康发展。
sections:
  - title: 坚持统筹协调
    body:
      - lead: 深入组织动员，构建防控体系。
        text: 街道成立了由主要领导任指挥长的疫情防控指挥部。
distribution:
  report_to: [惠济区委, 惠济区人民政府]
  send_to: [各街道办事处]
  issue_to: [各村（社区）]
  copies: 30
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("styles")
    (folder / "b.yaml").write_text(BRIEF, encoding="utf-8")
    return {name: build(folder / "b.yaml", folder / name, style=name) for name in ("jianbao", "report")}


def test_jianbao_masthead_is_red_centred_with_issue_unit_date_and_rule(built):
    pdf_path = built["jianbao"].outputs[1]
    with pdfplumber.open(str(pdf_path)) as pdf:
        page = pdf.pages[0]
        name = [c for c in page.chars if c["size"] > 30]
        assert "".join(c["text"] for c in name) == "长兴路街道办事处工作简报"
        assert all(c["non_stroking_color"] in ((0.753, 0, 0), (0.7529411764705882, 0.0, 0.0)) or
                   round(c["non_stroking_color"][0], 2) == 0.75 for c in name)
        middle = (min(c["x0"] for c in name) + max(c["x1"] for c in name)) / 2
        assert abs(middle - (28 + 78) * MM) < 2  # centred on the type area
        text = page.extract_text().replace(" ", "")
        assert "第12期" in text
        line = [c for c in page.chars if c["text"] in "长兴路街道办事处2020年12月31日" and 15.9 < c["size"] < 16.1
                and c["top"] < 120 * MM]
        assert abs(min(c["x0"] for c in line) / MM - 28) < 0.5  # unit flush left
        assert abs(max(c["x1"] for c in line) / MM - 184) < 1.0  # date flush right
        rules = [r for r in page.rects + page.lines if r["width"] > 150 * MM]
        assert rules, "no full-width rule under the masthead"
        assert min(r["bottom"] for r in rules) < 120 * MM  # the first one is the masthead's
        last = pdf.pages[-1].extract_text().replace(" ", "")
    assert "报：惠济区委，惠济区人民政府。" in last and "共印30份" in last


def test_jianbao_docx_has_the_masthead_as_editable_paragraphs(built):
    document = docx.Document(str(built["jianbao"].outputs[0]))
    texts = [p.text for p in document.paragraphs]
    assert "长兴路街道办事处工作简报" in texts
    assert document.styles["Masthead"].font.color.rgb is not None


def test_report_cover_has_no_number_and_later_pages_carry_the_header(built):
    with pdfplumber.open(str(built["report"].outputs[1])) as pdf:
        cover, second = pdf.pages[0], pdf.pages[1]
        assert "街道工作动态" in cover.extract_text()
        assert not [c for c in cover.chars if c["top"] > (297 - 28) * MM]  # no page number
        header = [c for c in second.chars if c["top"] < 30 * MM]
        assert "".join(c["text"] for c in header) == "长兴路街道办事处"
        assert abs(max(c["x1"] for c in header) / MM - (210 - 25)) < 1
        number = [c for c in second.chars if c["top"] > (297 - 28) * MM]
        assert "".join(c["text"] for c in number) == "2"
        middle = (min(c["x0"] for c in number) + max(c["x1"] for c in number)) / 2
        assert abs(middle / MM - 105) < 2  # centred


def test_report_docx_has_a_different_first_page_and_a_running_header(built):
    document = docx.Document(str(built["report"].outputs[0]))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "长兴路街道办事处"
