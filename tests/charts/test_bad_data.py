"""Bad chart data through the CLI: each class gets a located message, exit 1 and no output.

The classes tests/test_cli_errors.py already covers (a word, a boolean or NaN for a number, a
negative value in a pie, empty data, series of different lengths, references to missing data)
are not repeated here. A progress value over its total is no error: it is drawn as over-achievement
(tests/charts/test_progress.py).
"""
from __future__ import annotations

import pytest

HEAD = """\
meta:
  title: 测试
data:
  disputes:
    found: 246
    resolved: 241
  months: [1, 2, 3]
  name: 长兴路
sections:
  - title: 概况
    body:
      - chart:
"""
C0 = "sections[0].body[0].chart"


def at(text: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) of the first ``needle`` in ``text``."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def case(body: str, needle: str, path: str, *fragments: str, id: str):
    return pytest.param(HEAD + body, needle, C0 + path, fragments, id=id)


CASES = [
    case("          kind: grouped\n          categories: [甲, 乙]\n          series:\n            一组: []\n",
         "[]", ".series.一组", "series '一组' is empty", id="empty-series"),
    case("          kind: line\n          categories: [甲, 乙, 丙]\n          series:\n            一组: [1, x, 3]\n",
         "x, 3]", ".series.一组[1]", "'x'", id="word-in-series"),
    case("          kind: line\n          categories: [甲, 乙, 丙]\n          series:\n            一组: monthz\n",
         "monthz", ".series.一组", "no data named 'monthz'", id="missing-named-list"),
    case("          kind: line\n          categories: [甲, 乙, 丙]\n          series:\n            一组: disputes\n",
         "disputes\n", ".series.一组", "must be a list of numbers", id="named-list-not-a-list"),
    case("          kind: line\n          categories: [甲, 乙]\n          series:\n            一组: months\n",
         "months\n", ".series.一组", "3 values for 2 categories", id="named-list-wrong-length"),
    case("          kind: pie\n          data: months\n",
         "months\n", ".data", "must be a mapping of label: number", id="named-data-not-a-mapping"),
    case("          kind: donut\n          data: {甲: 0, 乙: 0}\n",
         "{甲", ".data", "add up to more than 0", id="pie-all-zero"),
    case("          kind: donut\n          categories: [甲, 乙]\n          series:\n            一组: [3, -1]\n",
         "[3, -1]", ".series.一组", "negative", "乙", id="donut-negative-series"),
    case("          kind: progress\n          value: -3\n          total: disputes.found\n",
         "-3", ".value", "negative", id="progress-negative"),
    case("          kind: progress\n          value: disputes.resolved\n          total: 0\n",
         "0\n", ".total", "above 0", id="progress-zero-total"),
    case("          kind: progress\n          total: disputes.found\n",
         "kind", ".value", "needs both value and total", id="progress-without-value"),
    case("          kind: bar\n          data: {甲: 1, 乙: name}\n",
         "name}", ".data.乙", "name", id="reference-to-text"),
    case("          kind: bar\n          data: {甲: 1, 乙: 2}\n          highlight: 丙\n",
         "丙", ".highlight", "'丙' is not one of the chart's categories (甲、乙)", id="highlight-unknown"),
    case("          kind: bar\n          data: {甲: 1, 乙: 2}\n          highlight: [甲, 丁]\n",
         "丁", ".highlight[1]", "'丁'", id="highlight-unknown-in-list"),
    case("          kind: line\n          data: {甲: 1, 乙: 2}\n          sort: descending\n",
         "descending", ".sort", "sort does not apply to a line chart", id="sort-line"),
    case("          kind: bar\n          data: {甲: 1, 乙: 2}\n          format: yuan\n",
         "yuan", ".format", "'plain', 'wan', 'thousands' or 'percent'", id="unknown-format"),
]


@pytest.mark.parametrize("text, needle, path, fragments", CASES)
def test_bad_chart_data_is_located_and_nothing_is_written(cli_here, tmp_path, text, needle, path, fragments):
    brief = tmp_path / "brief.yaml"
    brief.write_text(text, encoding="utf-8")
    line, col = at(text, needle)
    for args in (("check", "brief.yaml"), ("build", "brief.yaml", "-o", "out")):
        result = cli_here(*args, cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        prefix = f"brief.yaml:{line}:{col}: {path}: "
        lines = [ln for ln in result.stderr.splitlines() if ln.startswith(prefix)]
        assert lines, f"no line starting {prefix!r} in:\n{result.stderr}"
        assert all(f in lines[0] for f in fragments), lines[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.*"))


def test_chart_option_messages_in_chinese(cli_here, tmp_path):
    text = HEAD + "          kind: bar\n          data: {甲: 1, 乙: 2}\n          highlight: 丙\n"
    (tmp_path / "brief.yaml").write_text(text, encoding="utf-8")
    result = cli_here("check", "brief.yaml", cwd=tmp_path, lang="zh_CN.UTF-8")
    assert result.returncode == 1
    assert "“丙”不是图表的类别之一（甲、乙）" in result.stderr
