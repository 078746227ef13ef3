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


def test_characters_no_font_has_are_a_located_warning(tmp_path, cli_here):
    brief = tmp_path / "emoji.yaml"
    brief.write_text("meta: {title: 测试}\nopening:\n  - 点赞👍完成\n", encoding="utf-8")
    done = cli_here("check", brief, cwd=tmp_path)
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


_PLAIN = "meta: {title: 测试, unit: 街道, date: 2020-12-31}\ndata: {n: 5, done: 3, all: 4}\n"
_IN_BODY = _PLAIN + "sections:\n  - title: 一\n    body:\n      - {body}\n"
_PLACES = {
    # place: (brief text, style, the warning's brief path, or paths)
    "paragraph": (_IN_BODY.replace("{body}", "点赞👍"), "gongwen", "sections[0].body[0]"),
    "heading": (_PLAIN + "sections:\n  - title: 一👍\n", "gongwen", "sections[0]"),
    "table cell": (_IN_BODY.replace("{body}", 'table: {columns: [项目], rows: [["走访👍"]]}'), "gongwen",
                   "sections[0].body[0].table"),
    "table caption": (_IN_BODY.replace("{body}", 'table: {caption: 表👍, columns: [项目], rows: [["甲"]]}'), "gongwen",
                      "sections[0].body[0].table"),
    "key figure": (_IN_BODY.replace("{body}", "figures: [{value: n, unit: 个, label: 点赞👍}]"), "gongwen",
                   "sections[0].body[0].figures"),
    "chart label": (_IN_BODY.replace("{body}", "chart: {kind: bar, title: 图, data: {甲👍: 1, 乙: 2}}"), "gongwen",
                    "sections[0].body[0].chart"),
    "chart series": (_IN_BODY.replace("{body}", "chart: {kind: grouped, title: 图, categories: [甲, 乙], "
                                                "series: {男👍: [1, 2], 女: [2, 1]}}"), "gongwen", "sections[0].body[0].chart"),
    "progress label": (_IN_BODY.replace("{body}", "chart: {kind: progress, title: 图, value: done, total: all, "
                                                  "labels: {done: 已办👍}}"), "gongwen", "sections[0].body[0].chart"),
    "image caption": (_IN_BODY.replace("{body}", "image: {path: p.png, caption: 图👍}"), "gongwen",
                      "sections[0].body[0].image"),
    "masthead": (_PLAIN.replace("unit: 街道", "unit: 街道👍") + "sections: []\n", "jianbao", "meta"),
    # the cover is located at meta, the running header (the page's own text) at the file
    "cover and running header": (_PLAIN.replace("unit: 街道", "unit: 街道👍") + "sections: []\n", "report",
                                 ["meta", ""]),
    "byline": (_PLAIN + "byline: 记者👍\n", "gongwen", "byline"),
    "signature": (_PLAIN + "signature: {unit: 街道👍, date: 2020-12-31}\n", "gongwen", "signature"),
    "distribution": (_PLAIN + "distribution:\n  report_to: [区委👍]\n", "gongwen", "distribution"),
}


@pytest.mark.parametrize("place", sorted(_PLACES))
def test_a_character_no_font_has_is_a_warning_wherever_it_is(tmp_path, place):
    from PIL import Image

    from briefmaker.build import glyph_warnings, prepare

    text, style, path = _PLACES[place]
    Image.new("RGB", (8, 4), "red").save(tmp_path / "p.png")
    brief = tmp_path / "b.yaml"
    brief.write_text(text, encoding="utf-8")
    loaded, _, document = prepare(brief, style)
    warnings = glyph_warnings(loaded, document)
    assert [w.location.path for w in warnings] == (path if isinstance(path, list) else [path]), \
        [w.render("en") for w in warnings]
    assert "U+1F44D" in warnings[0].render("en")
    # and without the character, no warning at all
    brief.write_text(text.replace("👍", ""), encoding="utf-8")
    assert glyph_warnings(*prepare(brief, style)[::2]) == []
