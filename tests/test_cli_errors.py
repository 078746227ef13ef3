"""Bad input through the CLI: a clear, located message and nothing written.

The cases run ``cli.main`` in this process (tests/conftest.py's ``run_cli_here``: the same
arguments, streams, locale and exit status); one case per error stage (YAML, schema, data,
charts, files, size limits) also runs as a user runs it, ``python -m briefmaker`` in a
subprocess (:func:`test_each_error_stage_as_a_user_runs_it`).

Every error case is run three ways (see :func:`rejected`):

* ``build brief.yaml -o out``   into a folder that does not exist yet → it must stay absent or empty;
* ``build brief.yaml -o prev``  over the outputs of a good build → they must stay byte-identical;
* ``check brief.yaml``          → the same message, and nothing written anywhere.

Each run must exit 1, print ``FILE:LINE:COL: PATH: message`` (line and column computed from the
fixture text with :func:`at`) and never a traceback.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BRIEF = "brief.yaml"
ANY_PATH = "*"  # a path may or may not follow the position


# ---- running the CLI ------------------------------------------------------------------------

def _env() -> dict:
    """Subprocess env: the source tree first on the path (works installed or not), fonts if unbuilt."""
    paths = [str(ROOT / "src")] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    env = {"PYTHONPATH": os.pathsep.join(paths)}
    if ("BRIEFMAKER_FONTS" not in os.environ and not (ROOT / "src" / "briefmaker" / "fonts" / "fallback.ttf").exists()
            and Path("/tmp/tfonts/fallback.ttf").exists()):
        env["BRIEFMAKER_FONTS"] = "/tmp/tfonts"  # while the bundled fonts are still being built
    return env


def _runner(cli):
    def _run(*args, cwd, lang="C.UTF-8"):
        return cli(*args, cwd=cwd, lang=lang, env=_env())
    return _run


@pytest.fixture
def run(cli_here):
    return _runner(cli_here)


@pytest.fixture
def run_as_user(cli):
    return _runner(cli)


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the ``nth`` occurrence of ``needle`` in ``text``, in characters."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) → its bytes."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def located_lines(stderr: str, file: str = BRIEF) -> list[str]:
    return [line for line in stderr.splitlines() if re.match(rf"{re.escape(file)}:\d+:\d+: ", line)]


def find_located(stderr: str, line: int, col: int | None, path: str | None, *fragments: str,
                 file: str = BRIEF) -> str:
    """The stderr line ``FILE:LINE:COL: PATH: message`` holding every fragment; fails if absent."""
    col_re = r"\d+" if col is None else str(col)
    path_re = {None: "", ANY_PATH: r"(?:\S+: )?"}.get(path, re.escape(path or "") + ": ")
    pattern = re.compile(rf"^{re.escape(file)}:{line}:{col_re}: {path_re}")
    for text in stderr.splitlines():
        if pattern.match(text) and all(f in text for f in fragments):
            return text
    raise AssertionError(f"no line like {pattern.pattern!r} containing {fragments!r} in stderr:\n{stderr}")


def assert_failed(result, loc, path, *fragments, col_any=False) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    line, col = loc
    return find_located(result.stderr, line, None if col_any else col, path, *fragments)


@pytest.fixture(scope="module")
def good_outputs(tmp_path_factory) -> dict[str, bytes]:
    """A good brief built once through the CLI (both formats): what a previous run left behind."""
    work = tmp_path_factory.mktemp("good")
    (work / BRIEF).write_text(GOOD, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(LANG="C.UTF-8", **_env())
    result = subprocess.run([sys.executable, "-m", "briefmaker", "build", BRIEF, "-o", "out"], cwd=work,
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    files = snapshot(work / "out")
    assert {k for k in files if not k.startswith(".cache/")} == {"brief.pdf", "brief.docx"}, files.keys()
    return files


@pytest.fixture
def rejected(run, tmp_path, good_outputs):
    """Run ``content`` through build (fresh and over good outputs) and check; assert each fails cleanly."""
    return _rejecter(run, tmp_path, good_outputs)


@pytest.fixture
def rejected_as_user(run_as_user, tmp_path, good_outputs):
    """:func:`rejected` through ``python -m briefmaker`` in a subprocess."""
    return _rejecter(run_as_user, tmp_path, good_outputs)


def _rejecter(run, tmp_path, good_outputs):
    def _rejected(content: str | bytes, loc, path, *fragments, col_any=False) -> str:
        brief = tmp_path / BRIEF
        if isinstance(content, bytes):
            brief.write_bytes(content)
        else:
            brief.write_text(content, encoding="utf-8")

        fresh = run("build", BRIEF, "-o", "out", cwd=tmp_path)
        line = assert_failed(fresh, loc, path, *fragments, col_any=col_any)
        assert snapshot(tmp_path / "out") == {}, "a failed build wrote output"
        assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())

        prev = tmp_path / "prev"
        prev.mkdir()
        for name, data in good_outputs.items():
            (prev / name).parent.mkdir(parents=True, exist_ok=True)
            (prev / name).write_bytes(data)
        again = run("build", BRIEF, "-o", "prev", cwd=tmp_path)
        assert_failed(again, loc, path, *fragments, col_any=col_any)
        assert snapshot(prev) == good_outputs, "a failed build touched the previous good outputs"

        before = snapshot(tmp_path)
        checked = run("check", BRIEF, cwd=tmp_path)
        assert_failed(checked, loc, path, *fragments, col_any=col_any)
        assert snapshot(tmp_path) == before, "check wrote something"
        return line
    return _rejected


GOOD = """\
meta:
  title: 测试简报
data:
  disputes:
    found: 246
    resolved: 241
sections:
  - title: 概况
    body:
      - 排查矛盾{{ disputes.found }}起，化解{{ disputes.resolved }}起。
"""

HEAD = """\
meta:
  title: 测试简报
data:
  disputes:
    found: 246
    resolved: 241
    label: 很多
sections:
  - title: 概况
    body:
"""
CHART = HEAD + "      - chart:\n"
C0 = "sections[0].body[0]"


# ---- YAML ------------------------------------------------------------------------------------

def test_yaml_syntax_error(rejected):
    text = "meta:\n  title: 甲: 乙\n"
    rejected(text, at(text, ": 乙"), None, "YAML syntax error", "mapping values are not allowed")


def test_duplicate_key(rejected):
    text = "meta:\n  title: 甲\n  unit: 乙\n  title: 丙\n"
    rejected(text, at(text, "title", 2), "meta.title", "duplicate key 'title'", "line 2")


@pytest.mark.parametrize("value, number", [("1e20", "1.0e+20"), ("2.5E3", "2500"), ("-1e-3", "-1.0e-3")])
def test_a_number_yaml_1_1_reads_as_text_is_an_error(rejected, value, number):
    # PyYAML (YAML 1.1) reads 1e20 as the text "1e20", YAML 1.2 tools as a number: never guess
    text = HEAD + f"      - table:\n          columns: [项目, 数量]\n          rows: [[甲, {value}]]\n"
    rejected(text, at(text, value), C0 + ".table.rows[0][1]",
             f"'{value}' is text to briefmaker (YAML 1.1) but a number to YAML 1.2 tools", f"write {number}")


def test_a_number_yaml_1_1_reads_as_text_in_data_is_reported_once_in_chinese(run, tmp_path):
    text = GOOD.replace("found: 246", "found: 2.46e2")
    (tmp_path / BRIEF).write_text(text, encoding="utf-8")
    result = run("check", BRIEF, cwd=tmp_path, lang="zh_CN.UTF-8")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    line, col = at(text, "2.46e2")
    assert located_lines(result.stderr) == [
        f"brief.yaml:{line}:{col}: data.disputes.found: “2.46e2”在 briefmaker（YAML 1.1）中是文字，"
        "在 YAML 1.2 工具中却是数字：要数字请写 246，要文字请加引号写成 '2.46e2'"], result.stderr


@pytest.mark.parametrize("cell, read", [("010", "8"), ("9:30", "570"), ("-0755", "-493")])
def test_a_number_yaml_1_1_reads_in_another_base_is_an_error(run, tmp_path, cell, read):
    text = HEAD + f"      - table:\n          columns: [编号, 时间]\n          rows: [[{cell}, '08:00']]\n"
    (tmp_path / BRIEF).write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"          rows: [[{cell}, '08:00']]") + 1
    for command in ("check", "build"):
        result = run(command, BRIEF, cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert f"{BRIEF}:{line}:19: " in result.stderr and f"is read as {read}" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def test_quoted_or_yaml_1_1_numbers_are_fine(run, tmp_path):
    text = HEAD + "      - table:\n          columns: [项目, 数量]\n          rows: [['1e20', 1.0e+14, \"3E1\"]]\n"
    text = text.replace("[项目, 数量]", "[项目, 数量, 编号]")
    (tmp_path / BRIEF).write_text(text, encoding="utf-8")
    result = run("check", BRIEF, cwd=tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("text, needle, path, suggestion", [
    pytest.param("meta:\n  titel: 甲\n", "titel", "meta.titel", "title", id="meta.titel"),
    pytest.param("meta:\n  title: 甲\nsectoins: []\n", "sectoins", "sectoins", "sections", id="sectoins"),
    pytest.param(CHART + "          kind: bar\n          data: {甲: 1}\n          wdith: 0.5\n",
                 "wdith", C0 + ".chart.wdith", "width", id="chart.wdith"),
])
def test_unknown_key_suggests(rejected, text, needle, path, suggestion):
    rejected(text, at(text, needle), path, f"unknown key '{needle}'", f"(did you mean '{suggestion}'?)")


@pytest.mark.parametrize("text, needle, path, expected", [
    pytest.param("meta:\n  title: 甲\n  date: yesterday\n", "yesterday", "meta.date", "expected a date",
                 id="meta.date"),
    pytest.param(CHART + "          kind: bar\n          data: {甲: 1}\n          width: big\n", "big",
                 C0 + ".chart.width", "expected a number", id="chart.width"),
    pytest.param("meta:\n  title: 甲\nsections: x\n", "x\n", "sections", "expected a list", id="sections"),
])
def test_wrong_type(rejected, text, needle, path, expected):
    rejected(text, at(text, needle), path, expected, "got ")


# ---- data references -------------------------------------------------------------------------

HINT = "no data named 'disputes.solved' (did you mean 'disputes.resolved'?)"


def test_missing_data_in_text(rejected):
    text = HEAD + "      - 化解{{ disputes.solved }}起\n"
    rejected(text, at(text, "化解"), C0, HINT)


def test_missing_data_in_text_block_scalar_line(rejected):
    text = HEAD + "      - |\n        第一行\n\n        化解{{ disputes.solved }}起\n"
    rejected(text, at(text, "化解"), C0, HINT)


def test_missing_data_in_chart(rejected):
    text = CHART + "          kind: bar\n          data: {已化解: disputes.solved}\n"
    rejected(text, at(text, "disputes.solved"), C0 + ".chart.data.已化解", HINT)


# ---- templates -------------------------------------------------------------------------------

def test_jinja_syntax_error_single_line(rejected):
    text = HEAD + "      - 化解{{ disputes.resolved + }}起\n"
    rejected(text, at(text, "化解"), C0, "template syntax error")


def test_jinja_syntax_error_block_scalar_line(rejected):
    text = HEAD + "      - |\n        第一行\n        第二行{{ disputes.resolved + }}\n        第三行\n"
    rejected(text, at(text, "第二行"), C0, "template syntax error")


def test_jinja_syntax_error_folded_block_line(rejected):
    text = HEAD + "      - >\n        第一行\n        第二行{{ disputes.resolved + }}\n"
    rejected(text, at(text, "第二行"), C0, "template syntax error", col_any=True)


# ---- images ----------------------------------------------------------------------------------

def _png(path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (4, 4), "red").save(path)


def test_image_path_leaves_folder_relative(rejected, tmp_path):
    _png(tmp_path.parent / f"{tmp_path.name}-outside.png")
    value = f"../{tmp_path.name}-outside.png"
    text = HEAD + f"      - image:\n          path: {value}\n"
    rejected(text, at(text, value), C0 + ".image.path", "leaves the brief's folder")


def test_image_path_absolute(rejected, tmp_path):
    _png(tmp_path / "inside.png")  # even a file next to the brief may not be named absolutely
    value = str(tmp_path / "inside.png")
    text = HEAD + f"      - image:\n          path: {value}\n"
    rejected(text, at(text, value), C0 + ".image.path", "leaves the brief's folder")


# ---- size limits -----------------------------------------------------------------------------

def test_file_over_10_mb(run, tmp_path):
    head = GOOD + "# "
    (tmp_path / BRIEF).write_text(head + "x" * (10 * 1024 * 1024) + "\n", encoding="utf-8")
    for args in (("build", BRIEF, "-o", "out"), ("check", BRIEF)):
        result = run(*args, cwd=tmp_path)
        assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr
        # a whole-file problem: located by file (a line:col is optional)
        assert re.search(r"^brief\.yaml(:\d+:\d+)?: .*limited to 10485760 bytes", result.stderr, re.M), result.stderr
    assert not (tmp_path / "out").exists()


def test_billion_laughs(rejected):
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "\n".join(rows) + "\n"
    started = time.monotonic()
    line = rejected(text, (1, None), ANY_PATH, "anchors/aliases expand to more than", col_any=True)
    assert time.monotonic() - started < 60
    # the path names where the expansion ran away (inside key f, on the anchors' line)
    assert re.match(r"brief\.yaml:1:\d+: [a-i]\[", line), line


# ---- special characters ----------------------------------------------------------------------

def test_xml_special_characters_build_fine(run, tmp_path):
    import docx
    import pdfplumber

    title, body = "A&B<C>公司", "R&D <b>粗</b> a > b & c < d &amp;"
    (tmp_path / BRIEF).write_text(
        f'meta:\n  title: "{title}"\nsections:\n  - title: 概况\n    body:\n      - "{body}"\n', encoding="utf-8")
    result = run("build", BRIEF, "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    with pdfplumber.open(tmp_path / "out" / "brief.pdf") as pdf:
        pdf_text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    docx_text = "\n".join(p.text for p in docx.Document(str(tmp_path / "out" / "brief.docx")).paragraphs)
    for expected in (title, body):
        assert expected in docx_text, docx_text
        # pdfplumber may add a space where Latin meets Chinese; the characters themselves must be there
        assert re.sub(r"\s", "", expected) in re.sub(r"\s", "", pdf_text), pdf_text
    for token in ("A&B<C>", "R&D", "<b>", "</b>", "a > b & c < d &amp;"):
        assert token in pdf_text, pdf_text


def test_control_character_escaped_in_text(rejected):
    text = HEAD + '      - "叮\\x07咚"\n'
    rejected(text, at(text, '"叮'), C0, "U+0007")


def test_control_character_raw_in_file(rejected):
    text = HEAD + '      - "叮\x07咚"\n'
    rejected(text, at(text, "\x07"), ANY_PATH, "0007")


# ---- charts ----------------------------------------------------------------------------------

def _chart_case(body: str, needle: str, path: str, *fragments: str, **kw):
    return pytest.param(CHART + body, needle, C0 + ".chart" + path, fragments, **kw)


@pytest.mark.parametrize("text, needle, path, fragments", [
    _chart_case("          kind: bar\n          data: {甲: 1, 乙: lots}\n", "lots", ".data.乙", "'lots'",
                id="word"),
    _chart_case("          kind: bar\n          data: {甲: 1, 乙: disputes.label}\n", "disputes.label",
                ".data.乙", "disputes.label", "很多", id="reference-to-text"),
    _chart_case("          kind: bar\n          data: {甲: 1, 乙: true}\n", "true", ".data.乙", "true",
                id="boolean"),
    _chart_case("          kind: bar\n          data: {甲: 1, 乙: .nan}\n", ".nan", ".data.乙",
                id="nan"),
])
def test_chart_non_numeric_value(rejected, text, needle, path, fragments):
    rejected(text, at(text, needle), path, *fragments)


def test_chart_negative_value_in_pie(rejected):
    text = CHART + "          kind: pie\n          data:\n            甲: 1\n            乙: -2\n"
    rejected(text, at(text, "甲: 1"), C0 + ".chart.data", "negative", "乙")


def test_chart_empty_data(rejected):
    text = CHART + "          kind: bar\n          data: {}\n"
    rejected(text, at(text, "{}"), C0 + ".chart.data", "no data")


def test_chart_series_of_different_lengths(rejected):
    text = CHART + ("          kind: grouped\n          categories: [甲, 乙, 丙]\n"
                    "          series:\n            一组: [1, 2, 3]\n            二组: [1, 2]\n")
    rejected(text, at(text, "[1, 2]\n"), C0 + ".chart.series.二组", "2 values for 3 categories")


@pytest.mark.parametrize("body, needle, path, fragment", [
    ("          kind: progress\n          value: disputes.solved\n          total: disputes.found\n",
     "disputes.solved", ".value", HINT),
    ("          kind: bar\n          data: disputes.outcomes\n", "disputes.outcomes", ".data",
     "no data named 'disputes.outcomes'"),
], ids=["progress-value", "named-mapping"])
def test_chart_reference_to_missing_data(rejected, body, needle, path, fragment):
    text = CHART + body
    rejected(text, at(text, needle), C0 + ".chart" + path, fragment)


# ---- the shape of the file -------------------------------------------------------------------

@pytest.mark.parametrize("text, got", [
    ("- 甲\n- 乙\n", "got a list"),
    ("只是一句话\n", "got text"),
    ("", "got nothing"),
], ids=["list", "scalar", "empty"])
def test_brief_not_a_mapping(rejected, text, got):
    rejected(text, (1, 1), None, "expected a mapping", got)


@pytest.mark.parametrize("text, loc, path, key", [
    ("meta:\n  unit: 街道办\n", (2, 3), "meta.title", "title"),
    ("sections: []\n", (1, 1), "meta", "meta"),
], ids=["meta.title", "meta"])
def test_missing_required_key(rejected, text, loc, path, key):
    rejected(text, loc, path, f"required key '{key}' is missing")


def test_not_utf8(rejected):
    content = "meta:\n  title: caf".encode() + b"\xe9\n"  # Latin-1 é
    rejected(content, (2, 13), None, "not valid UTF-8", "0xe9")


def test_not_utf8_column_counts_characters(rejected):
    content = "meta:\n  title: 测".encode() + b"\xff\n"
    rejected(content, (2, 11), None, "not valid UTF-8", "0xff")


# ---- every problem at once -------------------------------------------------------------------

def _positions(stderr: str) -> list[tuple[int, int]]:
    return [tuple(map(int, re.match(r"brief\.yaml:(\d+):(\d+): ", line).groups()))
            for line in located_lines(stderr)]


def test_all_schema_problems_at_once_sorted(run, tmp_path):
    # written so that validation meets them out of file order (meta before sections, extras last)
    text = ("sections:\n  - title: 概况\n    body:\n      - chart:\n          kind: bar\n"
            "          data: {甲: 1}\n          width: big\nmeta:\n  title: 甲\n  date: yesterday\n"
            "styel: gongwen\n")
    (tmp_path / BRIEF).write_text(text, encoding="utf-8")
    result = run("check", BRIEF, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert _positions(result.stderr) == [at(text, "big"), at(text, "yesterday"), at(text, "styel")]
    find_located(result.stderr, *at(text, "styel"), "styel", "(did you mean 'style'?)")


def test_all_content_problems_at_once_sorted(run, tmp_path):
    # closing comes first in the file but is composed after the sections
    text = ("meta:\n  title: 甲\ndata:\n  disputes:\n    resolved: 241\n"
            "closing:\n  - 结束{{ disputes.solved }}\n"
            "sections:\n  - title: \"{{ disputes.resolved + }}\"\n    body:\n      - chart:\n"
            "          kind: bar\n          data: {甲: disputes.found}\n")
    (tmp_path / BRIEF).write_text(text, encoding="utf-8")
    result = run("build", BRIEF, "-o", "out", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert _positions(result.stderr) == [at(text, "结束"), at(text, '"{{'), at(text, "disputes.found")]
    assert not (tmp_path / "out").exists()


def test_duplicate_key_reported_with_schema_problems(run, tmp_path):
    text = "meta:\n  title: 甲\n  title: 乙\n  date: yesterday\nstyel: gongwen\n"
    (tmp_path / BRIEF).write_text(text, encoding="utf-8")
    result = run("check", BRIEF, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert _positions(result.stderr) == [at(text, "title", 2), at(text, "yesterday"), at(text, "styel")]


# ---- a failed rebuild never destroys the previous outputs ------------------------------------

@pytest.mark.parametrize("bad", [
    "meta:\n  title: [甲\n",
    HEAD + "      - 化解{{ disputes.solved }}起\n",
    CHART + "          kind: pie\n          data: {甲: 1, 乙: -2}\n",
], ids=["syntax", "reference", "chart"])
def test_failed_rebuild_keeps_previous_outputs(run, tmp_path, bad):
    brief = tmp_path / BRIEF
    brief.write_text(GOOD, encoding="utf-8")
    first = run("build", BRIEF, "-o", "out", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = snapshot(tmp_path / "out")
    assert {"brief.pdf", "brief.docx"} <= set(before)

    brief.write_text(bad, encoding="utf-8")
    second = run("build", BRIEF, "-o", "out", cwd=tmp_path)
    assert second.returncode == 1 and "Traceback" not in second.stderr, second.stderr
    assert located_lines(second.stderr), second.stderr
    assert snapshot(tmp_path / "out") == before


# ---- language --------------------------------------------------------------------------------

LANG_BRIEF = HEAD + "      - 化解{{ disputes.solved }}起\n"
KEY_BRIEF = "meta:\n  title: 甲\nsectoins: []\n"


@pytest.mark.parametrize("lang, unknown, no_data, hint", [
    ("zh_CN.UTF-8", "未知的键", "数据中没有", "是否想写"),
    ("C.UTF-8", "unknown key", "no data named", "did you mean"),
    ("en_US.UTF-8", "unknown key", "no data named", "did you mean"),
])
def test_message_language_follows_locale(run, tmp_path, lang, unknown, no_data, hint):
    (tmp_path / "a.yaml").write_text(KEY_BRIEF, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(LANG_BRIEF, encoding="utf-8")
    result = run("check", "a.yaml", "b.yaml", cwd=tmp_path, lang=lang)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    find_located(result.stderr, *at(KEY_BRIEF, "sectoins"), "sectoins", unknown, hint, file="a.yaml")
    find_located(result.stderr, *at(LANG_BRIEF, "化解"), C0, no_data, "disputes.resolved", hint, file="b.yaml")


def test_chart_messages_in_chinese(run, tmp_path):
    text = CHART + "          kind: grouped\n          categories: [x, y, z]\n          series:\n" \
                   "            a: [1, 2, 3]\n            b: [1, 2]\n"
    (tmp_path / BRIEF).write_text(text, encoding="utf-8")
    result = run("check", BRIEF, cwd=tmp_path, lang="zh_CN.UTF-8")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    line = find_located(result.stderr, *at(text, "[1, 2]\n"), C0 + ".chart.series.b")
    message = line.split(C0 + ".chart.series.b: ", 1)[1]
    assert re.search(r"[\u4e00-\u9fff]", message) and "values for" not in message, line


# ---- the commands themselves -----------------------------------------------------------------

@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["schema"]], ids=["top", "build", "check", "schema"])
def test_help_works_for_every_command(run, tmp_path, command):
    result = run(*command, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout and "Traceback" not in result.stderr
    assert snapshot(tmp_path) == {}


def test_schema_prints_json(run, tmp_path):
    result = run("schema", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert {"meta", "data", "sections"} <= set(schema["properties"])
    assert snapshot(tmp_path) == {}


def test_check_good_brief_writes_nothing(run, tmp_path):
    (tmp_path / BRIEF).write_text(GOOD, encoding="utf-8")
    before = snapshot(tmp_path)
    result = run("check", BRIEF, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "brief.yaml" in result.stdout
    assert snapshot(tmp_path) == before


# ---- as a user runs it -----------------------------------------------------------------------

_STAGES = {
    "encoding": ("meta:\n  title: caf".encode() + b"\xe9\n", (2, 13), None, ("not valid UTF-8",)),
    "yaml": ("meta:\n  title: 甲: 乙\n", None, None, ("YAML syntax error",)),
    "schema": ("meta:\n  titel: 甲\n", None, "meta.titel", ("unknown key 'titel'",)),
    "data": (HEAD + "      - 化解{{ disputes.solved }}起\n", None, C0, (HINT,)),
    "template": (HEAD + "      - 化解{{ disputes.resolved + }}起\n", None, C0, ("template syntax error",)),
    "chart": (CHART + "          kind: pie\n          data:\n            甲: 1\n            乙: -2\n", None,
              C0 + ".chart.data", ("negative",)),
    "file": (HEAD + "      - image:\n          path: /etc/hostname\n", None, C0 + ".image.path",
             ("leaves the brief's folder",)),
}
_NEEDLES = {"yaml": ": 乙", "schema": "titel", "data": "化解", "template": "化解", "chart": "甲: 1",
            "file": "/etc/hostname"}


@pytest.mark.parametrize("stage", sorted(_STAGES))
def test_each_error_stage_as_a_user_runs_it(rejected_as_user, stage):
    content, loc, path, fragments = _STAGES[stage]
    rejected_as_user(content, loc or at(content, _NEEDLES[stage]), path, *fragments)
