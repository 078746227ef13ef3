"""Characters beyond GB2312 come from the fallback font; characters no font has are reported."""
import pdfplumber

from briefmaker import build
from briefmaker.fonts import coverage, font_for


def test_names_beyond_gb2312_fall_back_and_draw(tmp_path):
    names = "堃喆珺昇"
    assert all(ord(c) not in coverage("fang") for c in names)
    assert all(font_for(c, "fang") == "fallback" for c in names)
    brief = tmp_path / "names.yaml"
    brief.write_text(f"meta: {{title: 表彰名单}}\nopening:\n  - 获奖人：王{names[0]}、李{names[1]}、张{names[2]}、赵{names[3]}。\n",
                     encoding="utf-8")
    result = build(brief, tmp_path / "out", formats=("pdf",))
    assert result.warnings == []
    with pdfplumber.open(str(result.outputs[0])) as pdf:
        chars = {c["text"]: c["fontname"] for c in pdf.pages[0].chars}
    for ch in names:
        assert "NotoSerifCJK" in chars[ch].replace(" ", ""), chars[ch]


def test_characters_no_font_has_are_a_located_warning(tmp_path, cli):
    brief = tmp_path / "emoji.yaml"
    brief.write_text("meta: {title: 测试}\nopening:\n  - 点赞👍完成\n", encoding="utf-8")
    done = cli("check", brief, cwd=tmp_path)
    assert done.returncode == 0
    assert "emoji.yaml:3:5: opening[0]: warning:" in done.stderr
    assert "U+1F44D" in done.stderr


def test_characters_beyond_the_bmp_copy_out_of_the_pdf_unchanged(tmp_path):
    rare = "𠮷"  # U+20BB7, in names; only the fallback font has it
    brief = tmp_path / "rare.yaml"
    brief.write_text(f"meta: {{title: 名单}}\nopening:\n  - 获奖人：{rare}先生。\n", encoding="utf-8")
    result = build(brief, tmp_path / "out", formats=("pdf",))
    with pdfplumber.open(str(result.outputs[0])) as pdf:
        text = pdf.pages[0].extract_text()
    assert f"{rare}先生" in text.replace(" ", "")


import pytest  # noqa: E402

from briefmaker.fonts import FONT_FILES, font_path  # noqa: E402

from .conftest import SEED_BRIEF  # noqa: E402


@pytest.mark.parametrize("style", ["gongwen", "jianbao", "report"])
def test_seed_draws_every_character_from_a_font_that_has_it_in_every_style(style, tmp_path):
    from fontTools.ttLib import TTFont

    names = {}
    for key in FONT_FILES:
        with TTFont(font_path(key), lazy=True) as font:
            names[font["name"].getDebugName(6)] = key
    result = build(SEED_BRIEF, tmp_path, formats=("pdf",), style=style)
    assert result.warnings == []
    with pdfplumber.open(str(result.outputs[0])) as pdf:
        for page in pdf.pages:
            for char in page.chars:
                key = names[char["fontname"].split("+", 1)[-1]]
                assert all(ord(ch) in coverage(key) for ch in char["text"]), (char["text"], key)


def test_every_text_of_the_document_is_checked_for_glyphs(tmp_path):
    from briefmaker.build import glyph_warnings, prepare

    brief = tmp_path / "all.yaml"
    brief.write_text("""\
meta: {title: 测试, unit: 街道👍, date: 2020-12-31, issue: 3}
data: {n: 5}
sections:
  - title: 一
    body:
      - table: {columns: [项目, 数量], rows: [[走访👍, "5"]]}
      - figures: [{value: n, unit: 个, label: 点赞👍}]
      - chart: {kind: bar, title: 图, categories: [甲👍, 乙], series: {数: [1, 2]}}
distribution:
  report_to: [区委👍]
""", encoding="utf-8")
    loaded, _, document = prepare(brief, "jianbao")
    paths = {w.location.path for w in glyph_warnings(loaded, document)}
    assert {"sections[0].body[0].table", "sections[0].body[1].figures", "sections[0].body[2].chart",
            "distribution", "meta"} <= paths, paths
