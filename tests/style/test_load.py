"""Style files: built-ins, extends, units, and located errors for what users get wrong."""
from pathlib import Path

import matplotlib
import pytest

from briefmaker.errors import BriefError
from briefmaker.style import MM, get_style, list_styles
from briefmaker.style.load import load_style, parse_size

DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def test_builtin_styles_load_and_describe_themselves():
    names = [name for name, _ in list_styles()]
    assert names == ["gongwen", "jianbao", "report"]
    assert all(description for _, description in list_styles())


def test_gongwen_resolves_to_the_standard():
    style = get_style("gongwen")
    assert round(style.type_width / MM, 3) == 156 and round(style.type_height / MM, 3) == 225
    assert style.grid == (22, 28)
    assert style.role("body").size == 16 and style.role("title").size == 22
    assert style.role("page_number").size == 14
    assert style.numbering[:2] == ("{cn}、", "（{cn}）")


def test_jianbao_extends_gongwen_and_adds_a_masthead():
    style = get_style("jianbao")
    assert style.grid == (22, 28) and style.masthead is not None
    assert "{{ meta.unit }}" in style.masthead.name


def test_report_has_no_grid_and_a_cover():
    style = get_style("report")
    assert style.grid is None and style.cover and style.running_header


@pytest.mark.parametrize("text, points", [("三号", 16), ("小四", 12), ("五号", 10.5), (16, 16), ("10.5pt", 10.5)])
def test_sizes(text, points):
    assert parse_size(text, None) == points


def write_style(folder: Path, body: str) -> Path:
    path = folder / "mine.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def problems(path) -> list[str]:
    with pytest.raises(BriefError) as info:
        load_style(str(path))
    return [p.render("en") for p in info.value.problems]


def test_a_user_style_extends_a_builtin_and_changes_only_what_differs(tmp_path):
    path = write_style(tmp_path, "extends: gongwen\npage:\n  margins: {top: 30, left: 28, bottom: 35, right: 26}\n")
    style = load_style(str(path))
    assert round(style.margin_top / MM) == 30 and style.grid == (22, 28)
    assert style.role("body").docx == "仿宋_GB2312"


@pytest.mark.parametrize("size, suggestion", [("三 号", "三号"), ("小5", "小五")])
def test_misspelt_size_names_are_located_with_a_suggestion(tmp_path, size, suggestion):
    path = write_style(tmp_path, f"extends: gongwen\nfonts:\n  body: {{pdf: fang, docx: 仿宋_GB2312, size: {size}}}\n")
    [message] = problems(path)
    assert message.startswith(f"{path.name}:3:") or message.startswith(f"{path}:3:")
    assert "fonts.body.size" in message and f"did you mean '{suggestion}'" in message


def test_unknown_key_in_a_style_is_located_in_that_file(tmp_path):
    path = write_style(tmp_path, "extends: gongwen\npage_number:\n  format: x\n")
    [message] = problems(path)
    assert ":2:1: page_number: unknown key 'page_number' (did you mean 'page_numbers'?)" in message


def test_missing_font_file(tmp_path):
    path = write_style(tmp_path, "extends: gongwen\nfonts:\n  body: {pdf: nowhere.ttf, docx: 仿宋_GB2312, size: 三号}\n")
    [message] = problems(path)
    assert "fonts.body.pdf" in message and "does not exist" in message


def test_font_without_chinese_glyphs_is_refused(tmp_path):
    path = write_style(tmp_path, f"extends: gongwen\nfonts:\n  body: {{pdf: {DEJAVU}, docx: 仿宋_GB2312, size: 三号}}\n")
    [message] = problems(path)
    assert "lacks" in message and "characters the style needs" in message


def test_a_font_file_that_is_not_a_font(tmp_path):
    (tmp_path / "broken.ttf").write_bytes(b"not a font at all")
    path = write_style(tmp_path, "extends: gongwen\nfonts:\n  body: {pdf: broken.ttf, docx: 仿宋_GB2312, size: 三号}\n")
    [message] = problems(path)
    assert "broken.ttf" in message and "cannot be read" in message


def test_unknown_style_named_in_a_brief_points_at_the_brief(tmp_path, cli_here):
    brief = tmp_path / "b.yaml"
    brief.write_text("style: gongwne\nmeta: {title: 测试}\n", encoding="utf-8")
    done = cli_here("check", brief, cwd=tmp_path)
    assert done.returncode == 1
    assert "b.yaml:1:8: style: unknown style 'gongwne'" in done.stderr
    assert "did you mean 'gongwen'" in done.stderr


def test_styles_command_lists_the_builtins(cli_here):
    done = cli_here("styles")
    assert done.returncode == 0
    assert [line.split()[0] for line in done.stdout.splitlines()] == ["gongwen", "jianbao", "report"]


@pytest.mark.parametrize("name", ["gongwen", "jianbao", "report"])
def test_seed_builds_in_every_builtin_style(name, tmp_path):
    from briefmaker import build

    from ..conftest import SEED_BRIEF

    result = build(SEED_BRIEF, tmp_path, style=name)
    assert [p.suffix for p in result.outputs] == [".docx", ".pdf"]


def test_a_style_naming_its_own_truetype_file_builds_the_pdf(tmp_path):
    import shutil

    import pdfplumber

    from briefmaker import build
    from briefmaker.fonts import font_path

    shutil.copy(font_path("kai"), tmp_path / "my-kai.ttf")
    write_style(tmp_path, "extends: gongwen\nfonts:\n  body: {pdf: my-kai.ttf, docx: 楷体_GB2312, size: 三号}\n")
    brief = tmp_path / "b.yaml"
    brief.write_text("style: mine.yaml\nmeta: {title: 测试}\nopening:\n  - 正文用自带的楷体。\n", encoding="utf-8")
    result = build(brief, tmp_path / "out")
    with pdfplumber.open(str(result.outputs[1])) as pdf:
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars if c["text"] == "楷"}
    assert fonts == {"FandolKai-Regular"}, fonts
