"""compose: headings numbered per level by the style, text final, blocks in reading order."""
from briefmaker.brief.load import load_brief
from briefmaker.compose import compose
from briefmaker.document import Heading, KeyFigures, Paragraph, Run
from briefmaker.style import get_style

BRIEF = """\
meta: {title: 测试}
data: {jobs: 334, rate: 0.9797}
figures_placeholder: null
sections:
  - title: 第一部分
    body: [正文。]
    sections:
      - title: 第一小节
        sections:
          - title: 第一条
            sections:
              - {title: 第一款}
              - {title: 第二款}
      - title: 第二小节
  - title: 第二部分
    body:
      - lead: 民生保障得到全面加强。
        text: 实现城镇就业{{ jobs }}人。
      - figures:
          - {value: rate, format: percent, rounding: down, unit: 以上, label: 化解率}
          - {value: jobs, approx: true, unit: 人, label: 就业}
"""


def composed(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text(BRIEF.replace("figures_placeholder: null\n", ""), encoding="utf-8")
    return compose(load_brief(path), get_style("gongwen"))


def test_headings_are_numbered_per_level_the_gongwen_way(tmp_path):
    headings = [(b.level, b.number + b.text) for b in composed(tmp_path).blocks if isinstance(b, Heading)]
    assert headings == [
        (1, "一、第一部分"), (2, "（一）第一小节"), (3, "1.第一条"), (4, "（1）第一款"), (4, "（2）第二款"),
        (2, "（二）第二小节"), (1, "二、第二部分"),
    ]


def test_lead_sentence_and_text_are_one_paragraph_of_two_runs(tmp_path):
    paragraphs = [b for b in composed(tmp_path).blocks if isinstance(b, Paragraph)]
    assert paragraphs[-1].runs == (Run("民生保障得到全面加强。", "lead"), Run("实现城镇就业334人。"))


def test_key_figures_are_formatted(tmp_path):
    [figures] = [b for b in composed(tmp_path).blocks if isinstance(b, KeyFigures)]
    assert [(f.value, f.unit) for f in figures.items] == [("97%", "以上"), ("334余", "人")]


def test_every_block_knows_where_it_came_from(tmp_path):
    for block in composed(tmp_path).blocks:
        assert block.source.file.endswith("b.yaml") and block.source.line >= 1
