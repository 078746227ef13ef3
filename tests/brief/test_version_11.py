"""Brief format 1.1: its capabilities need `version: 1.1`; a version-1 brief is read as before."""
import json

import pytest

from briefmaker.brief.load import load_brief
from briefmaker.brief.model import Brief
from briefmaker.compose import compose
from briefmaker.document import Heading, Paragraph
from briefmaker.errors import BriefError
from briefmaker.style import get_style


def write(tmp_path, text, name="b.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path):
    with pytest.raises(BriefError) as info:
        load_brief(path)
    return [(p.location.line, p.location.col, p.location.path, p.code) for p in info.value.problems]


V1_USING_11 = """\
meta:
  title: 标题
sections:
  - title: 一
    body:
      - 段落
      - {title: 子, body: [x]}
      - {id: c, page_break: true}
      - {id: p, text: [句一。, 句二。]}
"""


def test_a_version_1_brief_using_11_capabilities_is_told_each_one_located(tmp_path):
    assert problems(write(tmp_path, V1_USING_11)) == [
        (7, 9, "sections[0].body[1]", "needs_version"),
        (8, 14, "sections[0].body[2].id", "needs_version"),
        (9, 23, "sections[0].body[3].text", "needs_version"),
    ]


def test_the_version_message_is_bilingual_and_names_the_capability(tmp_path):
    with pytest.raises(BriefError) as info:
        load_brief(write(tmp_path, V1_USING_11))
    first = info.value.problems[0]
    assert "a subsection inside body needs version: 1.1" in first.text("en")
    assert "正文中的下级标题需要 version: 1.1" in first.text("zh")


def test_the_same_brief_as_11_loads(tmp_path):
    loaded = load_brief(write(tmp_path, "version: 1.1\n" + V1_USING_11))
    assert loaded.brief.version == 1.1


@pytest.mark.parametrize("version", ["2", "1.2", "'1.1'", "0"])
def test_other_versions_are_refused(tmp_path, version):
    assert [p[2:] for p in problems(write(tmp_path, f"version: {version}\nmeta: {{title: x}}\n"))] == [
        ("version", "invalid_value")]


def test_a_line_break_in_a_version_1_title_is_still_a_space(tmp_path):
    path = write(tmp_path, 'meta:\n  title: "第一行\\n第二行"\n  unit: 某单位\nsections:\n  - {title: "一\\n二"}\n')
    document = compose(load_brief(path), get_style("gongwen"))
    assert [getattr(b, "text", "") for b in document.blocks[:2]] == ["第一行 第二行", "一 二"]


def test_ids_in_one_list_must_differ_in_11(tmp_path):
    path = write(tmp_path, "version: 1.1\nmeta: {title: x}\nsections:\n  - {id: a, title: 一}\n"
                           "  - {id: a, title: 二}\n")
    assert problems(path) == [(5, 10, "sections[1].id", "duplicate_id")]


def test_the_schema_offers_version_11_and_the_new_fields():
    schema = json.dumps(Brief.model_json_schema(), ensure_ascii=False)
    assert '"enum": [1, 1.1]' in schema and '"Sentence"' in schema


INTERLEAVED = """\
version: 1.1
meta: {title: 标题}
data: {n: 4}
sections:
  - title: 经济发展
    body:
      - 开头段落。
      - title: 经济运行稳中向好
        body: [甲。]
      - title: 项目建设加快推进
        body: [乙。]
      - 共完成指标{{ n }}项。
    sections:
      - title: 在后面的小节
        body: [丙。]
  - title: 社会事业
    body: [丁。]
"""


def test_body_and_subsections_print_in_the_order_written(tmp_path):
    document = compose(load_brief(write(tmp_path, INTERLEAVED)), get_style("gongwen"))
    shown = [(b.number + b.text) if isinstance(b, Heading) else b.text
             for b in document.blocks if isinstance(b, (Heading, Paragraph))]
    assert shown == ["一、经济发展", "开头段落。", "（一）经济运行稳中向好", "甲。", "（二）项目建设加快推进", "乙。",
                     "共完成指标4项。", "（三）在后面的小节", "丙。", "二、社会事业", "丁。"]


def test_a_subsection_in_opening_is_refused(tmp_path):
    path = write(tmp_path, "version: 1.1\nmeta: {title: x}\nopening:\n  - {title: 子, body: [x]}\n")
    with pytest.raises(BriefError) as info:
        compose(load_brief(path), get_style("gongwen"))
    assert [(p.location.line, p.code) for p in info.value.problems] == [(4, "section_outside")]


TEMPLATE = """\
version: 1.1
meta: {title: 标题}
data: {a: 1}
sections:
  - id: s
    title: 一
    body:
      - id: p
        text:
          - {id: first, text: 第一句。}
          - id: second
            text: 第二句{{ a }}。
      - id: chart
        chart: {kind: bar, data: {甲: 1, 乙: 2}}
      - id: closing
        text: 结尾。
"""

CHILD = """\
extends: t.yaml
sections:
  - id: s
    body:
      - id: p
        text:
          - {id: second, text: 换掉的第二句。}
      - {id: chart, delete: true}
"""


def test_a_child_replaces_one_sentence_and_deletes_a_chart_by_id(tmp_path):
    write(tmp_path, TEMPLATE, "t.yaml")
    document = compose(load_brief(write(tmp_path, CHILD, "c.yaml")), get_style("gongwen"))
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert texts == ["第一句。换掉的第二句。", "结尾。"]
    assert not document.charts()


def test_an_error_in_one_sentence_points_at_that_sentence(tmp_path):
    path = write(tmp_path, TEMPLATE.replace("{{ a }}", "{{ b }}"))
    with pytest.raises(BriefError) as info:
        compose(load_brief(path), get_style("gongwen"))
    assert [(p.location.line, p.location.path, p.code) for p in info.value.problems] == [
        (12, "sections[0].body[0].text[1].text", "no_data")]


def test_title_line_breaks_are_kept_in_11_and_joined_in_1(tmp_path):
    text = 'meta:\n  title: "某某区2020年\\n工作总结"\n  unit: 某某区\n  subtitle: |\n    上行\n    下行\nsections:\n  - {title: "一行\\n两行"}\n'
    document = compose(load_brief(write(tmp_path, "version: 1.1\n" + text)), get_style("report"))
    title = document.blocks[[type(b).__name__ for b in document.blocks].index("Title")]
    assert (title.text, title.subtitle) == ("某某区2020年\n工作总结", "上行\n下行")
    heading = next(b for b in document.blocks if isinstance(b, Heading))
    assert heading.text == "一行\n两行" and heading.outline == "一、一行两行"
    contents = next(b for b in document.blocks if type(b).__name__ == "Contents")
    assert [e.text for e in contents.entries] == ["一、一行两行"]
