"""Run-in headings (1.1): （一）经济运行稳中向好。坚持…… — the heading opens its paragraph in the
heading's font, is numbered by the style and listed in the outline and contents on its own."""
import pdfplumber
import pytest
from docx import Document as Docx
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from briefmaker import build
from briefmaker.brief.load import load_brief
from briefmaker.compose import compose
from briefmaker.errors import BriefError
from briefmaker.fonts import FONT_FILES, font_path
from briefmaker.style import get_style

from .office import SOFFICE, convert

BRIEF = """\
version: 1.1
style: {style}
meta: {{title: 示例区2020年工作总结, unit: 示例区人民政府, date: 2020-12-31}}
data: {{projects: 12}}
sections:
  - title: 经济发展稳中有进
    body:
      - 全年经济运行总体平稳。
      - title: 经济运行稳中向好。
        run_in: true
        body:
          - 坚持项目为王，开工{{{{ projects }}}}个。
          - 第二段落。
      - title: 营商环境持续优化。
        run_in: true
        body:
          - {{lead: 深化放管服改革。, text: 企业开办时间压缩至1个工作日。}}
      - title: 只有标题的段首标题。
        run_in: true
"""

RUN_IN = "（一）经济运行稳中向好。坚持项目为王，开工12个。"


def composed(tmp_path, style="gongwen"):
    path = tmp_path / "b.yaml"
    path.write_text(BRIEF.format(style=style), encoding="utf-8")
    return compose(load_brief(path), get_style(style))


def test_the_heading_takes_its_first_paragraph_and_the_contents_list_it_alone(tmp_path):
    document = composed(tmp_path, "report")
    headings = [b for b in document.blocks if type(b).__name__ == "Heading"]
    first = headings[1]
    assert (first.number, first.text, first.run_in) == ("（一）", "经济运行稳中向好。", True)
    assert [r.text for r in first.runs] == ["坚持项目为王，开工12个。"]
    assert [(r.text, r.role) for r in headings[2].runs] == [("深化放管服改革。", "lead"),
                                                            ("企业开办时间压缩至1个工作日。", "plain")]
    assert headings[3].runs == ()
    contents = next(b for b in document.blocks if type(b).__name__ == "Contents")
    assert [e.text for e in contents.entries] == ["一、经济发展稳中有进", "（一）经济运行稳中向好", "（二）营商环境持续优化",
                                                 "（三）只有标题的段首标题"]
    assert "第二段落。" in document.plain_text().splitlines()


def test_run_in_needs_version_11(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text(BRIEF.format(style="gongwen").replace("version: 1.1\n", ""), encoding="utf-8")
    with pytest.raises(BriefError) as info:
        load_brief(path)
    assert {(p.location.path, p.code) for p in info.value.problems} >= {("sections[0].body[1].run_in", "needs_version")}


def _font_keys() -> dict[str, str]:
    names = {}
    for key in FONT_FILES:
        with TTFont(font_path(key), lazy=True) as font:
            names[font["name"].getDebugName(6)] = key
    return names


@pytest.fixture(scope="module", params=["gongwen", "jianbao", "report"])
def built(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    (folder / "b.yaml").write_text(BRIEF.format(style=request.param), encoding="utf-8")
    result = build(folder / "b.yaml", folder / "out")
    return request.param, {path.suffix: path for path in result.outputs}


def test_pdf_sets_the_heading_in_its_font_and_the_rest_in_the_body_font(built):
    style_name, outputs = built
    style = get_style(style_name)
    names = _font_keys()
    with pdfplumber.open(str(outputs[".pdf"])) as pdf:
        for page in pdf.pages:
            lines = {}
            for char in page.chars:
                lines.setdefault(round(char["matrix"][5]), []).append(char)  # the baseline
            for chars in lines.values():
                if "".join(c["text"] for c in chars).replace(" ", "") == RUN_IN:
                    break
            else:
                continue
            break
        else:
            raise AssertionError(f"no line reads {RUN_IN}")
    fonts = [names[c["fontname"].split("+", 1)[-1]] for c in chars if c["text"].strip()]
    head = len("（一）经济运行稳中向好。")
    assert set(fonts[:head]) <= {style.role("heading2").pdf, "fallback"}
    assert set(fonts[head:]) <= {style.role("body").pdf, "fallback"}
    body = next(c for c in page.chars if c["text"] == "第")  # 第二段落。, the next paragraph
    assert chars[0]["x0"] == pytest.approx(body["x0"], abs=0.5)  # indented as a body paragraph

def test_pdf_outline_lists_the_heading_without_what_follows(built):
    _, outputs = built
    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item.title
    titles = list(walk(PdfReader(str(outputs[".pdf"])).outline))
    assert "（一）经济运行稳中向好" in titles and "（二）营商环境持续优化" in titles
    assert not any("坚持" in title for title in titles)


def test_docx_one_paragraph_in_the_outline_with_the_heading_run_in_its_font(built):
    style_name, outputs = built
    style = get_style(style_name)
    doc = Docx(str(outputs[".docx"]))
    paragraph = next(p for p in doc.paragraphs if p.text.startswith("（一）经济运行稳中向好。"))
    assert paragraph.text == RUN_IN
    assert paragraph.style.name == "Run-in Heading 2"
    assert paragraph.style.element.xpath("./w:pPr/w:outlineLvl/@w:val") == ["1"]
    head, rest = paragraph.runs[0], paragraph.runs[1]
    assert head.text == "（一）经济运行稳中向好。" and head.style.name == "Run-in Heading 2 Char"
    assert head.style.element.xpath("./w:rPr/w:rFonts/@w:eastAsia") == [style.role("heading2").docx]
    assert rest.style.name == "Default Paragraph Font"
    lead = next(p for p in doc.paragraphs if p.text.startswith("（二）营商环境持续优化。"))
    assert [r.style.name for r in lead.runs] == ["Run-in Heading 2 Char", "Lead Sentence", "Default Paragraph Font"]


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed (.ci/run installs it)")
def test_libreoffice_shows_the_run_in_heading_and_its_text_on_one_line(built, tmp_path):
    style_name, outputs = built
    if style_name != "gongwen":
        pytest.skip("one style is enough for the client check")
    converted = convert(outputs[".docx"], tmp_path / "lo")
    with pdfplumber.open(str(converted)) as pdf:
        lines = {}
        for char in pdf.pages[0].chars:
            lines.setdefault(round(char["matrix"][5]), []).append(char["text"])
    assert RUN_IN in {"".join(chars).replace(" ", "") for chars in lines.values()}
