"""`extends:` — the merge rule, and errors located in the file that wrote the value."""
from __future__ import annotations

import textwrap

import pytest

from briefmaker.brief.load import load_brief
from briefmaker.build import prepare
from briefmaker.errors import BriefError
from tests.conftest import ROOT

TEMPLATE = """\
meta:
  title: "{{ unit.name }}{{ meta.year }}年工作总结"
  subtitle: 模板副标题
  year: 2020
data:
  unit: {name: 模板街道}
  disputes: {found: 10, resolved: 9}
  tags: [a, b]
sections:
  - id: party
    title: 党建
    body:
      - 党建段落。
      - id: p2
        lead: 模板导语。
        text: 化解{{ disputes.resolved }}起。
  - id: old
    title: 老旧小区
    body:
      - 老旧小区段落。
"""


def write(folder, name, text):
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def template(tmp_path):
    return write(tmp_path, "_t.yaml", TEMPLATE)


def test_maps_merge_by_key_and_lists_replace(tmp_path, template):
    child = write(tmp_path, "c.yaml", """\
        extends: _t.yaml
        data:
          unit: {name: 新街道}
          disputes: {found: 12}
          tags: [c]
        """)
    brief = load_brief(child).brief
    assert brief.data["unit"] == {"name": "新街道"}
    assert brief.data["disputes"] == {"found": 12, "resolved": 9}  # resolved kept from the template
    assert brief.data["tags"] == ["c"]  # a plain list replaces
    assert brief.meta.subtitle == "模板副标题" and brief.meta.year == 2020


def test_null_deletes(tmp_path, template):
    child = write(tmp_path, "c.yaml", "extends: _t.yaml\nmeta: {subtitle: null}\n")
    assert load_brief(child).brief.meta.subtitle is None


def test_sections_and_paragraphs_merge_by_id(tmp_path, template):
    child = write(tmp_path, "c.yaml", """\
        extends: _t.yaml
        sections:
          - id: party
            body:
              - id: p2
                text: 新的第二段。
          - id: old
            delete: true
          - id: new
            title: 新增一节
        """)
    sections = load_brief(child).brief.sections
    assert [s.id for s in sections] == ["party", "new"]
    body = sections[0].body
    assert body[0] == "党建段落。"  # untouched item of the template
    assert body[1].text == "新的第二段。" and body[1].lead == "模板导语。"  # merged key by key
    assert sections[0].title == "党建"


def test_text_quotes_the_childs_data(tmp_path, template):
    child = write(tmp_path, "c.yaml", "extends: _t.yaml\ndata: {unit: {name: 青桐路街道}}\n")
    _, _, document = prepare(child)
    assert document.meta.title == "青桐路街道2020年工作总结"


def test_error_in_template_value_points_into_template(tmp_path):
    write(tmp_path, "_t.yaml", TEMPLATE.replace("化解{{ disputes.resolved }}起", "化解{{ disputes.solved }}起"))
    child = write(tmp_path, "c.yaml", "extends: _t.yaml\ndata: {unit: {name: 新街道}}\n")
    with pytest.raises(BriefError) as info:
        prepare(child)
    [problem] = info.value.problems
    assert problem.location.file.endswith("_t.yaml")
    assert problem.location.line == 16
    assert "disputes.resolved" in problem.text("en")  # did-you-mean


def test_error_in_override_points_into_child(tmp_path, template):
    child = write(tmp_path, "c.yaml", """\
        extends: _t.yaml
        meta:
          year: 二〇二〇
        sections:
          - id: party
            body:
              - id: p2
                text: 化解{{ disputes.fund }}起。
        """)
    with pytest.raises(BriefError) as info:
        load_brief(child)
    [problem] = info.value.problems
    assert (problem.location.file.endswith("c.yaml"), problem.location.line, problem.location.path) == \
        (True, 3, "meta.year")
    child.write_text(child.read_text(encoding="utf-8").replace("二〇二〇", "2021"), encoding="utf-8")
    with pytest.raises(BriefError) as info:
        prepare(child)
    [problem] = info.value.problems
    assert problem.location.file.endswith("c.yaml") and problem.location.line == 8


def test_missing_template_and_cycle_are_located(tmp_path, cli_here):
    write(tmp_path, "a.yaml", "meta: {title: A}\nextends: b.yaml\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\nmeta: {title: B}\n")
    write(tmp_path, "c.yaml", "extends: nowhere.yaml\nmeta: {title: C}\n")
    result = cli_here("check", "a.yaml", "c.yaml", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith("a.yaml:2:10: extends: ") and "back to this brief" in line for line in lines), lines
    assert any(line.startswith("c.yaml:1:10: extends: ") and "nowhere.yaml" in line for line in lines), lines
    assert "Traceback" not in result.stderr


def test_sample_subdistricts_extend_the_district_template(cli_here):
    briefs = sorted(p.name for p in (ROOT / "briefs").glob("*.yaml"))
    children = [b for b in briefs if "extends: _district-2020.yaml" in (ROOT / "briefs" / b).read_text(encoding="utf-8")]
    assert len(children) >= 3
    result = cli_here("check", *children, cwd=ROOT / "briefs")
    assert result.returncode == 0, result.stderr
    mingshan = load_brief(ROOT / "briefs" / "mingshan-2020.yaml").brief
    assert "old_areas" not in [s.id for s in mingshan.sections[2].sections]
