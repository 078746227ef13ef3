"""Titles and headings broken only between words: a Chinese word segmenter finds the words,
a few rules of 公文 titling rank the gaps between them, and the lines come out balanced
(titles) or filled (headings). Pure: widths come from the caller's ``measure``.

GB/T 9704-2012 7.3.3: a title that runs over is broken 词意完整，排列对称，长短适宜 — whole
words, a symmetric shape. Word boundaries come from rjieba (jieba's dictionary, compiled into
the package: no dictionary file read, the same words on every machine), loaded only when a
title or heading does not fit on one line and its words are not yet in the user's cache (a
sealed entry per text and rjieba version, so a rebuild does not load the segmenter, ~0.2 s).
On top of its words:

- numbers keep their unit (2020年, 12.6%, 3项), brackets and quotes keep their marks, a mark
  that may not start or end a line stays with its word;
- compounds of official titles stay whole (工作总结, 实施意见, 街道办事处 …);
- no break before 的/之, before a place-name suffix (…区, …路: 惠济|区长|兴路 is a
  segmenter's mistake), or around a one-character word other than a conjunction or preposition;
- a break before 关于, before 和/及/与/暨, before a year, or at a space is preferred; a break
  inside 《》“”（）, or inside a phrase of a title written in phrases (坚持站稳立场 巩固提升 …),
  is avoided.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
from typing import Callable, Sequence

from .linebreak import CANNOT_END, CANNOT_START

MAX_TOKENS = 120  # longer text is not a title: the caller's ordinary breaker sets it
MAX_LINES = 6

CONJUNCTIONS = {"和", "与", "及", "暨", "并", "以及", "或"}
PREPOSITIONS = {"关于", "在", "对", "为", "把", "将", "向", "从", "以", "于", "按", "由", "据", "对于", "围绕"}
PARTICLES = {"的", "之", "地", "得"}
PLACE_SUFFIX = set("省市区县镇乡路街村")
ORGANS = ("办事处", "委员会", "人民政府", "办公室", "党工委", "党委", "街道", "政府", "组织部", "宣传部")
UNITS = ("周年", "年度", "年", "月", "日", "号", "季度", "届", "期", "次", "个", "项", "万", "亿", "元",
         "%", "％", "余", "多", "名", "人", "户", "家", "件", "条", "批")
COMPOUNDS = {
    "工作总结", "工作计划", "工作要点", "工作方案", "工作报告", "实施意见", "实施方案", "实施细则",
    "指导意见", "管理办法", "暂行办法", "考核办法", "街道办事处", "人民政府", "委员会", "办公室",
    "党工委", "上半年", "下半年", "第一季度", "第二季度", "第三季度", "第四季度", "年度", "述职报告",
    "情况报告", "情况通报", "安全生产", "疫情防控", "复工复产", "基层党建", "乡村振兴", "营商环境",
    "换届选举", "精神文明", "文明城市", "志愿服务", "社会治理", "高质量发展", "无主管楼院",
    "最低生活保障", "共产党员",
}
_LONGEST_COMPOUND = max(map(len, COMPOUNDS))
_BRACKETS = {"《": "》", "“": "”", "（": "）", "〔": "〕", "【": "】", "「": "」", "‘": "’", "(": ")"}
_NUMBER = re.compile(r"^[0-9０-９.,，%％—～-]+$")

# gap costs in em² (the unit of the balance cost: moving one character across a break of two
# equal lines costs 2)
PREFERRED = -12.0
GOOD = -6.0
INSIDE_BRACKETS = 40.0
INSIDE_PHRASE = 20.0
ORPHAN = 20.0


@functools.cache
def _cut() -> Callable[[str], list[str]]:
    import rjieba  # about 0.2 s: its dictionary is built on import, so only when a title needs it

    return lambda text: rjieba.cut(text, hmm=False)


def _segments(text: str) -> list[str]:
    """rjieba's words of ``text``, from the cache when an earlier process found them."""
    from importlib.metadata import version

    from ..infra import sealed
    from ..infra.cachedirs import cache_root

    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    key = f"words:rjieba-{version('rjieba')}:{digest}"
    path = cache_root() / "words" / f"{digest[:32]}.json"
    stored = sealed.load(path, key, limit=1 << 20)
    if stored is not None:
        try:
            found = json.loads(stored)
        except ValueError:
            found = None
        if isinstance(found, list) and all(isinstance(w, str) for w in found) and "".join(found) == text:
            return found
    cut = _cut()(text)
    sealed.store(path, key, json.dumps(cut, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return cut


def words(text: str) -> list[str]:
    """``text`` as the units a title may break between (spaces are units of their own)."""
    tokens: list[str] = []
    for token in _segments(text):
        tokens.extend(re.findall(r" +|[^ ]+", token))
    tokens = _join_compounds(tokens)
    out: list[str] = []
    for token in tokens:
        previous = out[-1] if out else ""
        if previous and (
            (previous != " " and token[0] in CANNOT_START and token != " ")
            or (previous[-1] in CANNOT_END and previous != " ")
            or (_NUMBER.match(_core(previous)) and (token.startswith(UNITS) or _NUMBER.match(_core(token))))
        ):
            out[-1] = previous + token
        else:
            out.append(token)
    return out


def _core(token: str) -> str:
    """``token`` without the brackets and quotes around it."""
    return token.strip("“”‘’《》（）()〔〕【】「」")


def _join_compounds(tokens: list[str]) -> list[str]:
    """Adjacent tokens that spell one of ``COMPOUNDS`` become one (longest first)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        best = 1
        text = tokens[i]
        for j in range(i + 1, len(tokens)):
            text += tokens[j]
            if len(text) > _LONGEST_COMPOUND:
                break
            if text in COMPOUNDS:
                best = j - i + 1
        out.append("".join(tokens[i:i + best]))
        i += best
    return out


def _gap_costs(tokens: Sequence[str]) -> list[float | None]:
    """Cost of a break before token ``i`` (index 0 unused); None where a break would split a word."""
    costs: list[float | None] = [None]
    depth = 0
    run = _single_runs(tokens)
    phrased = " " in tokens
    for i in range(1, len(tokens)):
        prev, token = tokens[i - 1], tokens[i]
        depth += sum(1 for ch in prev if ch in _BRACKETS) - sum(1 for ch in prev if ch in _BRACKETS.values())
        cost: float | None = 0.0
        core_prev, core = _core(prev), _core(token)
        if prev == " " or token == " ":
            cost = PREFERRED
        elif token in PARTICLES or (_place_tail(tokens, run, i) and core_prev not in PREPOSITIONS | CONJUNCTIONS
                                    and not _NUMBER.match(core_prev) and prev[-1] not in "”》）"):
            cost = None
        elif core_prev in CONJUNCTIONS or core_prev in PREPOSITIONS - {"关于"}:
            cost = None  # a conjunction or preposition stays with what it introduces
        elif run[i - 1] and run[i] or run[i - 1] == 1 or run[i] == 1:
            cost = None  # inside a run of one-character words (a word the dictionary lacks), or by a lone one
        elif core == "关于" or core in CONJUNCTIONS:
            cost = PREFERRED
        elif token[0].isdigit() or prev.endswith(ORGANS):
            cost = GOOD
        if cost is not None and depth > 0:
            cost += INSIDE_BRACKETS
        if cost is not None and phrased and " " not in (prev, token):
            cost += INSIDE_PHRASE  # 坚持站稳立场 巩固提升 …: the phrases stay whole where they can
        costs.append(cost)
    return costs


def _place_tail(tokens: Sequence[str], run: Sequence[int], i: int) -> bool:
    """Token ``i`` ends a place name begun by the token before it: it starts with a suffix such as
    区 or 路, or it starts a run of one-character words ending in one (惠济|区长|兴|路)."""
    if tokens[i][0] in PLACE_SUFFIX:
        return True
    return run[i] >= 2 and not run[i - 1] and tokens[i + run[i] - 1][-1] in PLACE_SUFFIX


def _single_runs(tokens: Sequence[str]) -> list[int]:
    """For each token, the length of the run of one-character Han words it belongs to (0: none).
    Conjunctions, prepositions and particles are words of their own, not part of a run."""
    single = [len(t) == 1 and "\u4e00" <= t <= "\u9fff" and t not in CONJUNCTIONS | PREPOSITIONS | PARTICLES
              for t in map(_core, tokens)]
    run = [0] * len(tokens)
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and single[j]:
            j += 1
        for k in range(i, j):
            run[k] = j - i
        i = max(j, i + 1)
    return run


def break_title(text: str, measure: Callable[[str], float], width: float | Sequence[float], em: float, *,
                balanced: bool = True) -> list[str] | None:
    """Lines of ``text`` each no wider than its ``width`` (one number, or one per line with the
    last repeated), broken only between words, in as few lines as whole words allow; ``\\n`` in
    the text is a line break. ``balanced``: lines of even length (titles); else every line but
    the last as full as the words allow (headings). None when a word is wider than a line or the
    text is too long to be a title: the caller's ordinary breaker then sets it."""
    widths = [width] if isinstance(width, (int, float)) else list(width)
    lines: list[str] = []
    for part in text.split("\n"):
        part = part.strip(" ")
        room = lambda n, base=len(lines): widths[min(base + n, len(widths) - 1)]  # noqa: E731, B008 - binds this part's line count
        if measure(part) <= room(0) + 1e-6:
            lines.append(part)
            continue
        tokens = words(part)
        if len(tokens) > MAX_TOKENS:
            return None
        broken = _best(tokens, measure, room, em, balanced)
        if broken is None:
            return None
        lines += broken
    return lines


def _best(tokens, measure, room, em, balanced):
    costs = _gap_costs(tokens)
    n = len(tokens)

    @functools.cache
    def span(i: int, j: int) -> tuple[str, float]:
        line = "".join(tokens[i:j]).strip(" ")
        return line, measure(line) / em

    for count in range(2, MAX_LINES + 1):
        # best[(i, k)]: (cost, breaks) for tokens[i:] set in k lines starting at line count - k
        best: dict[tuple[int, int], tuple[float, tuple[int, ...]] | None] = {}

        def solve(i: int, k: int):
            key = (i, k)
            if key in best:
                return best[key]
            line_no = count - k
            result = None
            if k == 1:
                text, w = span(i, n)
                if w * em <= room(line_no) + 1e-6:
                    result = (_line_cost(w, room(line_no) / em, True, balanced), ())
            else:
                for j in range(i + 1, n - k + 2):
                    gap = costs[j]
                    if gap is None:
                        continue
                    text, w = span(i, j)
                    if w * em > room(line_no) + 1e-6:
                        break
                    rest = solve(j, k - 1)
                    if rest is None:
                        continue
                    total = rest[0] + gap + _line_cost(w, room(line_no) / em, False, balanced)
                    if result is None or total < result[0]:
                        result = (total, (j,) + rest[1])
            best[key] = result
            return result

        found = solve(0, count)
        if found is not None:
            bounds = (0,) + found[1] + (n,)
            return [span(a, b)[0] for a, b in zip(bounds, bounds[1:])]
    return None


def _line_cost(w: float, room: float, last: bool, balanced: bool) -> float:
    if balanced:
        return w * w  # with the total fixed, the least sum of squares is the most even split
    if last:
        return ORPHAN if w < 4 else 0.0
    return 2 * (room - w)  # filled, but a preferred gap is worth six characters of room


__all__ = ["break_title", "words"]
