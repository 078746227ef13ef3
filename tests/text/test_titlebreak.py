"""Titles and headings broken between words, on a corpus of real-looking titles that are not in
the samples (tests/fixtures/titles.txt: "/" marks every gap between words a reader accepts)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefmaker.text.linebreak import char_class
from briefmaker.text.titlebreak import break_title, words

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "titles.txt"


def corpus() -> list[str]:
    return [line.strip() for line in CORPUS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def gaps(annotated: str) -> set[int]:
    """Character offsets of the gaps marked "/" in ``annotated``."""
    found, position = set(), 0
    for word in annotated.split("/")[:-1]:
        position += len(word)
        found.add(position)
    return found


def ems(text: str) -> float:
    return sum(0.5 if char_class(ch) in ("latin", "space") else 1.0 for ch in text)


def breaks(lines: list[str]) -> list[int]:
    offsets, position = [], 0
    for line in lines[:-1]:
        position += len(line)
        offsets.append(position)
    return offsets


def test_the_corpus_has_forty_titles_that_are_not_in_the_samples():
    titles = corpus()
    samples = "".join(p.read_text(encoding="utf-8") for p in (CORPUS.parents[2] / "briefs").glob("*.yaml"))
    assert len(titles) >= 40
    assert not [t for t in titles if t.replace("/", "") in samples]


@pytest.mark.parametrize("width,balanced", [(14, True), (17, True), (20, True), ((24, 28), False), (18, False)])
def test_every_line_break_falls_between_words(width, balanced):
    wrong = []
    for annotated in corpus():
        text = annotated.replace("/", "")
        lines = break_title(text, ems, width, 1.0, balanced=balanced)
        assert lines is not None, text
        assert "".join(lines) == text
        rooms = list(width) if isinstance(width, tuple) else [width]
        for index, line in enumerate(lines):
            assert ems(line) <= rooms[min(index, len(rooms) - 1)], line
        wrong += [" | ".join(lines)] if not set(breaks(lines)) <= gaps(annotated) else []
    assert wrong == []


def test_titles_are_balanced():
    # two lines of a title differ by little: never a long line over a stub
    for annotated in corpus():
        text = annotated.replace("/", "")
        lines = break_title(text, ems, 20, 1.0)
        if len(lines) == 2:
            assert abs(ems(lines[0]) - ems(lines[1])) <= 8, lines


def test_the_usual_shapes_break_where_a_clerk_would():
    title = "金水区文化路街道办事处2020年工作总结和2021年工作计划"
    assert break_title(title, ems, 20, 1.0) == ["金水区文化路街道办事处", "2020年工作总结和2021年工作计划"]
    assert break_title("关于2020年度基层党建工作责任制落实情况的报告", ems, 14, 1.0) == [
        "关于2020年度基层党建", "工作责任制落实情况的报告"]
    heading = "高新区石佛办事处2020年脱贫攻坚工作总结和2021年乡村振兴工作计划"
    assert break_title(heading, ems, (24, 28), 1.0, balanced=False) == [
        "高新区石佛办事处2020年脱贫攻坚工作总结", "和2021年乡村振兴工作计划"]


def test_a_title_that_fits_is_one_line_and_a_written_break_is_kept():
    assert break_title("长兴路街道2020年工作总结", ems, 20, 1.0) == ["长兴路街道2020年工作总结"]
    assert break_title("长兴路街道办事处\n2020年工作总结", ems, 20, 1.0) == ["长兴路街道办事处", "2020年工作总结"]
    # a written part longer than a line is broken again, between words
    lines = break_title("关于进一步规范社区工作者管理的实施办法\n（征求意见稿）", ems, 12, 1.0)
    assert lines[-1] == "（征求意见稿）" and len(lines) == 3


def test_spaces_are_the_preferred_gaps_and_vanish_at_a_break():
    lines = break_title("坚持站稳立场 巩固提升 高位推进 不断夯实基层党建基础", ems, 16, 1.0, balanced=False)
    assert lines == ["坚持站稳立场 巩固提升 高位推进", "不断夯实基层党建基础"]


def test_numbers_keep_their_units_and_marks_their_words():
    tokens = words("关于印发《惠济区城市精细化管理三年行动计划（2021—2023年）》的通知")
    assert "（2021—2023年）》" in tokens
    assert any(t.startswith("《") for t in tokens)
    assert "2020年" in words("长兴路街道2020年工作总结")


def test_no_answer_when_no_word_break_can_make_it_fit():
    assert break_title("中华人民共和国", ems, 3, 1.0) is None  # one word wider than the line
    assert break_title("字" * 5000, ems, 20, 1.0) is None  # not a title: the ordinary breaker sets it


def test_the_segmenter_is_loaded_only_when_a_title_needs_breaking(tmp_path):
    probe = ("import sys; from briefmaker.text.titlebreak import break_title; "
             "break_title('长兴路街道工作总结', len, 20, 1); print('rjieba' in sys.modules); "
             "break_title('长兴路街道办事处2020年工作总结和2021年工作计划', len, 20, 1); print('rjieba' in sys.modules)")
    env = {**os.environ, "BRIEFMAKER_CACHE": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env).stdout.split()
    assert out == ["False", "True"]


def test_a_title_broken_before_is_broken_again_without_the_segmenter(tmp_path):
    title = "长兴路街道办事处2020年工作总结和2021年工作计划"
    probe = ("import sys; from briefmaker.text.titlebreak import words; "
             f"print('|'.join(words({title!r}))); print('rjieba' in sys.modules)")
    env = {**os.environ, "BRIEFMAKER_CACHE": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env)
    again = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env)
    assert first.stdout.split()[1] == "True" and again.stdout.split()[1] == "False"
    assert again.stdout.split()[0] == first.stdout.split()[0]
    # a damaged entry is a miss: the segmenter runs again and gives the same words
    for entry in (tmp_path / "words").iterdir():
        entry.write_bytes(entry.read_bytes()[:-3] + b"XYZ")
    damaged = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env)
    assert damaged.stdout.split() == first.stdout.split()
