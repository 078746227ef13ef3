"""The figures form over a brief's YAML text: labels, units, in-place edits, hostile texts."""
from __future__ import annotations

import time

import pytest

from briefmaker.service.web.figures import FieldError, apply, figures, scalar, to_fill
from tests.conftest import ROOT, SEED_BRIEF

SEED = SEED_BRIEF.read_text(encoding="utf-8")


def test_labels_come_from_the_data_comments_and_units_from_the_text():
    by_path = {f.path: f for f in figures(SEED)}
    found = by_path["data.disputes.found"]
    assert (found.value, found.kind, found.label, found.unit) == ("246", "number", "排查矛盾", "起")
    assert by_path["data.epidemic.volunteers"].unit == "人"  # {{ epidemic.volunteers }}余人
    assert by_path["data.old_areas.deadline"].kind == "text"
    assert SEED.splitlines()[found.line - 1].strip().startswith("found: 246")


def test_a_brief_that_extends_a_template_takes_the_templates_units():
    child = (ROOT / "briefs" / "qingtong-2020.yaml").read_text(encoding="utf-8")
    template = (ROOT / "briefs" / "_district-2020.yaml").read_text(encoding="utf-8")
    by_path = {f.path: f for f in figures(child, template)}
    assert by_path["data.disputes.found"].value == "312" and by_path["data.disputes.found"].unit == "起"


def test_a_change_replaces_only_the_value_and_keeps_comments_and_layout():
    changed, refused = apply(SEED, {"data.disputes.found": "250", "data.epidemic.volunteers": "1,300"})
    assert not refused
    before, after = SEED.splitlines(), changed.splitlines()
    diff = [(a, b) for a, b in zip(before, after) if a != b]
    assert diff == [("    volunteers: 1200             # 志愿者（1200余人）", "    volunteers: 1300             # 志愿者（1200余人）"),
                    ("    found: 246                   # 排查矛盾", "    found: 250                   # 排查矛盾")]


def test_a_number_field_refuses_text_and_a_text_field_is_quoted():
    changed, refused = apply(SEED, {"data.disputes.found": "很多", "data.old_areas.deadline": 'x"y: z'})
    assert [(r.path, r.code) for r in refused] == [("data.disputes.found", "web_not_a_number")]
    assert '    deadline: "x\\"y: z"' in changed
    fields = {f.path: f for f in figures(changed)}
    assert fields["data.old_areas.deadline"].value == 'x"y: z' and fields["data.disputes.found"].value == "246"
    with pytest.raises(FieldError):
        scalar(fields["data.disputes.found"], "1e9")


def test_values_still_to_fill_are_counted_and_take_a_number():
    text = "meta:\n  title: 待填写\ndata:\n  n: 待填写  # 数量\n  m: 3\n"
    assert to_fill(text) == 2
    field = next(f for f in figures(text) if f.path == "data.n")
    assert field.kind == "fill" and field.to_fill
    changed, refused = apply(text, {"data.n": "12"})
    assert not refused and "  n: 12  # 数量" in changed and to_fill(changed) == 1


@pytest.mark.parametrize("text", [
    "data: &a [" + ",".join(["*a"] * 10) + "]\n",  # not YAML a composer can finish
    "a: &a {x: 1}\n" + "".join(f"b{i}: &b{i} {{" + ",".join([f"k{j}: *{'a' if i == 0 else f'b{i-1}'}" for j in range(9)]) + "}\n"
                               for i in range(9)) + "data: *b8\n",  # a billion laughs of mappings
    "data: [\n" * 2000,
    "\x00\x01 not yaml",
])
def test_a_hostile_text_gives_few_fields_quickly(text):
    start = time.monotonic()
    fields = figures(text)
    assert len(fields) <= 2000 and time.monotonic() - start < 5
    assert to_fill(text) == 0
