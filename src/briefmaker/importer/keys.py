"""Readable data keys from a figure's context: 机关干部230人 → 机关干部, 5个党群服务中心 → 党群服务中心.

Keys are Chinese, as the text around the figure words them (the data key rules allow any letters),
so a reader of the brief finds ``{{ 党群服务中心 }}`` where the text said 5个党群服务中心.
"""
from __future__ import annotations

import re

_CLAUSE_BREAK = re.compile(r"[，。；：、！？（）“”‘’《》【】\s,;:()\[\]]")
_PARTICLES = "的在和与及等为是了对把被将从向于并且或共约达计已有到"
_VERBS_AFTER = ("开展", "进行", "参与", "实施", "完成", "实现", "得到", "达到", "递交", "积极", "全面", "按要")
# units that are themselves what is counted (230人, 200万元, 1300平方米): the words before name it
_NOUN_UNITS = ("人", "人次", "元", "万元", "亿元", "米", "平方米", "平方公里", "公里", "千米", "吨", "亩", "公斤", "千克", "%")
_BEFORE_CUT = "等的对在将把向从于"
_FILLER_HEAD = ("组织", "其中", "累计", "共计", "全年", "今年", "目前", "全体", "各类", "各种", "共", "约", "达", "近", "超", "了", "已",
                "对", "在", "为", "有", "将", "把", "和", "及", "与", "并")
_FILLER_TAIL = ("已完成", "达到", "完成", "共计", "累计", "达", "为", "约", "近", "超", "共", "了", "是", "有", "的", "等", "已",
                "增长", "提高", "下降", "减少", "超过", "突破")
_NAME = re.compile(r"^[^\W\d]\w*$")
_RESERVED = {"meta", "ratio", "true", "false", "none", "and", "or", "not", "in", "is", "if", "else", "for"}
MAX_KEY = 10


def _strip(phrase: str, heads=_FILLER_HEAD, tails=_FILLER_TAIL) -> str:
    changed = True
    while changed and phrase:
        changed = False
        for word in heads:
            if phrase.startswith(word) and len(phrase) > len(word):
                phrase, changed = phrase[len(word):], True
        for word in tails:
            if phrase.endswith(word) and len(phrase) > len(word):
                phrase, changed = phrase[:-len(word)], True
    return phrase


def before_phrase(text: str, start: int) -> str:
    """The words of the same clause before ``start`` (what the figure is a figure of)."""
    head = re.sub(r"\{\{.*?\}\}", "0", text[:start])
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(head)), default=0)
    phrase = re.split(r"\d+", head[cut:])[-1]
    phrase = re.sub(r"^(?:[.．]\d*)?[万亿]?[余多]?(?:元|人次|平方米|公里|[人个名户家起件次条处项支辆套份篇棵台所座张场吨亩米])?", "", phrase)  # noqa: E501 - one character class
    for i in range(len(phrase) - 3, 0, -1):  # 江山路、宏达路等主要道路 → 主要道路
        if phrase[i] in _BEFORE_CUT:
            phrase = phrase[i + 1:]
            break
    return _strip(phrase)


def after_phrase(text: str, end: int) -> str:
    """The noun phrase right after a figure's unit, up to a particle or a mark (5个党群服务中心的 → 党群服务中心)."""
    tail = re.split(r"\d", text[end:])[0]
    stop = _CLAUSE_BREAK.search(tail)
    tail = tail[:stop.start()] if stop else tail
    for i, ch in enumerate(tail):
        if i >= 2 and (ch in _PARTICLES or tail.startswith(_VERBS_AFTER, i)):
            tail = tail[:i]
            break
    return _strip(tail)


def key_for(text: str, start: int, end: int, unit: str, kind: str) -> str:
    """A key for the quantity at text[start:end] (its unit included in ``end``)."""
    before = before_phrase(text, start)
    after = after_phrase(text, end)
    if kind == "percent":
        return usable(before[-MAX_KEY:]) if len(before) >= 2 else "数值"
    if kind == "date" or len(after) < 2 or (unit in _NOUN_UNITS and len(before) >= 2):
        phrase = before if len(before) >= 2 else after
    else:
        phrase = after
    if len(phrase) < 2:  # 案件14起412人次: the words before the figures, and this one's unit
        head = re.sub(r"\{\{.*?\}\}", "0", text[:start])
        cut = max((m.end() for m in _CLAUSE_BREAK.finditer(head)), default=0)
        phrase = _strip(re.split(r"\d+", head[cut:])[0])[-MAX_KEY + 3:] + "_" + unit
    phrase = "".join(ch for ch in phrase if ch.isalnum() or ch == "_")
    phrase = phrase[-MAX_KEY:] if kind != "date" else phrase[:MAX_KEY]
    if kind == "date" and not phrase.endswith(("时间", "日期")):
        phrase = (phrase or "") + "时间"
    if kind == "year" and not phrase:
        phrase = "年份"
    return usable(phrase or "数值")


def usable(key: str) -> str:
    """``key`` made a valid data key (starts with a letter, letters/digits/_ only, not a reserved name)."""
    key = re.sub(r"\W", "_", key)
    if not key or key[0].isdigit():
        key = "数_" + key
    if key.lower() in _RESERVED or not _NAME.match(key):
        key = key + "_"
    return key


class KeyBook:
    """Hands out distinct keys: the second 卡点 becomes 卡点_2."""

    def __init__(self):
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        """``wanted``, or ``wanted_2``, ``wanted_3`` … — the first one not yet handed out."""
        key, n = wanted, 1
        while key in self.used:
            n += 1
            key = f"{wanted}_{n}"
        self.used.add(key)
        return key
