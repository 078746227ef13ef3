"""Chinese numerals for heading numbers: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五."""
from __future__ import annotations

_DIGITS = "〇一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """``n`` (1–999) written with Chinese numerals as heading labels use them."""
    if not 0 < n < 1000:
        raise ValueError(f"heading number {n} out of range 1–999")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    text = ""
    if hundreds:
        text += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            return text + "零" + _DIGITS[ones]
    if tens:
        text += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones:
        text += _DIGITS[ones]
    return text
